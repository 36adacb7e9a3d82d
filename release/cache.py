"""Where the release step keeps what it can make again, so that the next build skips it.

The folder belongs to the machine's user, not to the checkout: ``$SIP_CACHE_DIR`` if set, else
``$XDG_CACHE_HOME/sip-portalen`` (``~/.cache/sip-portalen``), as pip and npm keep theirs. A
fresh clone then builds in seconds instead of a minute. Every entry is named after a hash of
all it was made from, so a checkout never takes another checkout's stale result; and the
release step checks every generated file against ``release/manifest.json`` anyway.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path


def root() -> Path:
    """The cache folder (not created here)."""
    explicit = os.environ.get("SIP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sip-portalen"


def install(built: Path, target: Path) -> Path:
    """Copy the finished folder ``built`` to ``target``: first beside it, then into place in
    one rename, so that another build never sees half of it. If another build put the same
    entry there first, that one stays. Returns ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    shutil.copytree(built, part, dirs_exist_ok=True)
    try:
        part.rename(target)
    except OSError:
        if not target.exists():
            raise
        shutil.rmtree(part)
    return target


def keep_newest(folder: Path, count: int) -> None:
    """Remove all but the ``count`` entries of ``folder`` used most recently (entries are
    touched when used), so that the cache does not grow with every edit."""
    if not folder.is_dir():
        return
    entries = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[count:]:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


def forget_unused(folder: Path, days: int) -> None:
    """Remove the entries of ``folder`` not used (touched) in the last ``days`` days."""
    if not folder.is_dir():
        return
    limit = time.time() - days * 86_400
    for entry in folder.iterdir():
        if entry.is_file() and entry.stat().st_mtime < limit:
            entry.unlink(missing_ok=True)


def touch(entry: Path) -> Path:
    """Mark ``entry`` as just used; returns it."""
    os.utime(entry)
    return entry


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["clear"]:
        sys.exit("usage: python -m release.cache clear")
    shutil.rmtree(root(), ignore_errors=True)
    print(f"removed {root()}")

"""Writing wheels and other zip archives the same way every time (stdlib only).

Used by CPython at build time (``pyodide_dist.build_forms_wheel``) and by Pyodide's Python under
Node (``bytecode.py``, run by ``compile_wheels.mjs``), so a wheel's RECORD is written here only.
Entries are sorted and dated 1980-01-01 with fixed permissions, so the same files always give
the same bytes (their sha256 is recorded: ``manifest.py``).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import zipfile

FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def record_hash(data: bytes) -> str:
    """A RECORD hash: ``sha256=`` and the urlsafe base64 digest without padding."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode()


def record(files: dict[str, bytes], record_name: str) -> bytes:
    """The RECORD of a wheel holding ``files``: every file's hash and size, RECORD last."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for name in sorted(files):
        if name != record_name:
            writer.writerow([name, record_hash(files[name]), len(files[name])])
    writer.writerow([record_name, "", ""])
    return buf.getvalue().encode("utf-8")


def record_name(files: dict[str, bytes]) -> str | None:
    """``<name>-<version>.dist-info/RECORD`` for a wheel's files; ``None`` for other archives."""
    infos = sorted({n.split("/", 1)[0] for n in files if n.split("/", 1)[0].endswith(".dist-info")})
    return f"{infos[0]}/RECORD" if infos else None


def write_zip(path: str, files: dict[str, bytes], *, compression: int) -> None:
    """Write ``files`` to the archive ``path``, a wheel with its RECORD made afresh."""
    files = dict(files)
    name = record_name(files)
    if name:
        files[name] = record(files, name)
    with zipfile.ZipFile(path, "w", compression) as archive:
        for fname in sorted(files):
            info = zipfile.ZipInfo(fname, date_time=FIXED_DATE)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[fname])

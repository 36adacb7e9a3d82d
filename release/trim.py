"""Ship only the modules the portal imports: the standard library and fontTools, trimmed to the
list in ``release/imports.txt``.

The list is made by ``make imports`` (``tools/list_imports.py``): it runs every widget
operation and the repository's own tests in Pyodide under Node, from the full folder, with an
import tracer, and writes every module of the standard library and of fontTools that was
imported (with its packages). ``tests/test_pyodide_imports.py`` runs every widget operation
against the trimmed folder, so an import the list lacks fails there.

What an archive keeps: every listed module (as ``.pyc``, or the rare ``.py`` kept as source),
the data files in a listed package's own folder, and in a wheel everything outside its import
package (``*.dist-info``: metadata, licences; ``*.data``). Entries stay sorted, dated 1980 and
stored uncompressed (``wheelfile.write_zip``), and a wheel's RECORD is written afresh.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

IMPORTS = Path(__file__).resolve().parent / "imports.txt"
# Wheels trimmed to the list, by distribution name: the import package that is trimmed.
TRIMMED_WHEELS = {"fonttools": "fontTools"}


def read_list(path: Path = IMPORTS) -> set[str]:
    """The module names of ``imports.txt`` (one per line; ``#`` starts a comment)."""
    names = set()
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line)
    return names


def module_of(entry: str) -> str | None:
    """``a/b/c.pyc`` -> ``a.b.c``; ``a/b/__init__.pyc`` -> ``a.b``; ``None`` for other files."""
    if not entry.endswith((".pyc", ".py")):
        return None
    parts = entry.rsplit(".", 1)[0].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def keeps(entry: str, modules: set[str], package: str | None) -> bool:
    """Whether the archive entry ``entry`` is shipped. ``package``: in a wheel, the import
    package that is trimmed (entries outside it stay); ``None`` trims the whole archive."""
    if package is not None and entry.split("/", 1)[0] != package:
        return True
    module = module_of(entry)
    if module is not None:
        return module in modules
    folder = entry.rsplit("/", 1)[0] if "/" in entry else ""
    return folder.replace("/", ".") in modules


def trim_archive(
    source: Path, target: Path, modules: set[str], package: str | None = None
) -> list[str]:
    """Write ``source`` to ``target`` with only the entries :func:`keeps` allows; returns the
    listed modules of ``package`` (or of the whole archive) that ``source`` does not hold."""
    from .wheelfile import write_zip

    with zipfile.ZipFile(source) as archive:
        entries = {
            info.filename: archive.read(info)
            for info in archive.infolist()
            if not info.is_dir() and not info.filename.endswith(".dist-info/RECORD")
        }
    kept = {name: data for name, data in entries.items() if keeps(name, modules, package)}
    write_zip(str(target), kept, compression=zipfile.ZIP_STORED)
    held = {module_of(name) for name in entries} - {None}
    if package is None:
        mine = {m for m in modules if m.split(".", 1)[0] not in TRIMMED_WHEELS.values()}
    else:
        mine = {m for m in modules if m.split(".", 1)[0] == package}
    return sorted(mine - held)

"""Compile pure-Python wheels and Pyodide's standard library to bytecode, inside Pyodide.

``compile_wheels.mjs`` runs :func:`compile_folder` in Pyodide's Python under Node, so the
``.pyc`` files match the browser's Python exactly (the build machine's Python is another
version). Each module's ``.py`` is replaced by a sourceless ``.pyc`` beside it (the layout
Pyodide's own packages use), ``.pyi`` stubs are dropped, and ``Requires-Dist: Pillow`` is taken
out of fpdf2's metadata (fpdf2 needs Pillow only for raster images, which the portal never
adds; Pyodide here ships no Pillow). The code objects carry line numbers but no column ranges
(``compile_wheels.mjs`` starts Python with ``PYTHONNODEBUGRANGES``).

Every archive is written uncompressed (``ZIP_STORED``): the server sends it compressed
(release/postbuild.py writes a ``.br`` and a ``.gz`` beside it), the browser inflates it
natively, and Python in the browser reads each module without running zlib in WebAssembly.
Gzip over the whole archive is also smaller on the wire than deflate per file (the stdlib:
4.0 MB against 4.4 MB).

The output is the same bytes for the same input: entries sorted and dated 1980-01-01
(``wheelfile``), and each ``.pyc`` header holds a zero timestamp and size, as a sourceless
``.pyc`` is never checked against a source.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
import sys
import zipfile

from wheelfile import write_zip


def pyc(code) -> bytes:
    """A ``.pyc`` file for ``code``: magic number, flags 0, timestamp 0, size 0, code."""
    return importlib.util.MAGIC_NUMBER + bytes(12) + marshal.dumps(code)


def compiled_entry(name: str, data: bytes) -> tuple[str, bytes]:
    """An archive entry as shipped: a module as ``.pyc``, fpdf2's metadata without Pillow."""
    top = name.split("/", 1)[0]
    if name.endswith(".py") and not top.endswith((".dist-info", ".data")):
        try:
            code = compile(data, name, "exec", dont_inherit=True, optimize=0)
        except SyntaxError:
            return name, data  # e.g. deliberately broken test data: keep the source
        return name + "c", pyc(code)
    if name.endswith(".dist-info/METADATA"):
        lines = data.decode("utf-8").split("\n")
        lines = [line for line in lines if not line.lower().startswith("requires-dist: pillow")]
        return name, "\n".join(lines).encode("utf-8")
    return name, data


def compile_archive(source: str, target: str) -> None:
    """Write the wheel or zip ``source`` to ``target`` with its modules compiled."""
    out: dict[str, bytes] = {}
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            name = info.filename
            if info.is_dir() or name.endswith((".dist-info/RECORD", ".pyi")):
                continue
            new_name, data = compiled_entry(name, archive.read(info))
            out[new_name] = data
    write_zip(target, out, compression=zipfile.ZIP_STORED)


def compile_folder(source: str, target: str) -> None:
    """Compile every ``.whl`` and ``.zip`` in ``source`` to the same name in ``target``."""
    for name in sorted(os.listdir(source)):
        if name.endswith((".whl", ".zip")):
            compile_archive(f"{source}/{name}", f"{target}/{name}")
            print(f"compiled {name} for Python {sys.version.split()[0]}")

"""What the build adds to ``site_dir`` after MkDocs has written the pages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from forms.registry import FORMS, get_module

from . import blank_pdf_path, csp, pyodide_dist


def write_blank_pdfs(site_dir: Path) -> list[Path]:
    """The blank PDF of every blankett, made by the same code as the filled ones."""
    written = []
    for form_id in FORMS:
        module = get_module(form_id)
        if hasattr(module, "render_blank"):
            target = site_dir / blank_pdf_path(form_id)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(module.render_blank())
            written.append(target)
    return written


def copy_pyodide(site_dir: Path) -> Path:
    source = pyodide_dist.build_dist()
    target = site_dir / "pyodide"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target


COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt")


def precompress(site_dir: Path) -> int:
    """Write ``file.gz`` beside every text and wasm file (for nginx ``gzip_static`` and the
    like): the Pyodide runtime shrinks from ~11 MB to ~3.5 MB on the wire. Wheels and the
    stdlib zip are already compressed."""
    import gzip

    count = 0
    for path in site_dir.rglob("*"):
        if path.suffix in COMPRESSIBLE and path.is_file():
            data = path.read_bytes()
            if len(data) > 1024:
                path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
                count += 1
    return count


def run(site_dir: Path) -> None:
    write_blank_pdfs(site_dir)
    copy_pyodide(site_dir)
    if not os.environ.get("SIP_DEV"):
        # `make dev` (mkdocs serve) injects a live-reload script that no hash can foresee.
        csp.apply(site_dir)
    precompress(site_dir)

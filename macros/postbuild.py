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


SW_TEMPLATE = Path(__file__).resolve().parent / "sw.js"


def write_service_worker(site_dir: Path) -> Path:
    """``sw.js`` at the site root: precache list and a version that changes with any file."""
    import hashlib
    import json

    files = sorted(
        p for p in site_dir.rglob("*")
        if p.is_file()
        and p.suffix != ".gz"
        and p.name not in ("sw.js", "sitemap.xml")
        and not p.is_relative_to(site_dir / "pyodide")
    )
    digest = hashlib.sha256()
    urls = []
    for path in files:
        rel = path.relative_to(site_dir).as_posix()
        digest.update(rel.encode() + path.read_bytes())
        if rel == "index.html":
            rel = "./"
        elif rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        urls.append(rel)
    for path in sorted((site_dir / "pyodide").glob("*")):
        digest.update(path.name.encode() + path.read_bytes())
    source = SW_TEMPLATE.read_text("utf-8")
    source = source.replace("__VERSION__", digest.hexdigest()[:16])
    source = source.replace("__PRECACHE__", json.dumps(urls, ensure_ascii=False))
    target = site_dir / "sw.js"
    target.write_text(source, "utf-8")
    return target


def run(site_dir: Path) -> None:
    write_blank_pdfs(site_dir)
    copy_pyodide(site_dir)
    if not os.environ.get("SIP_DEV"):
        # `make dev` (mkdocs serve) injects a live-reload script that no hash can foresee.
        csp.apply(site_dir)
        write_service_worker(site_dir)  # not in `make dev`: it would cache drafts
    precompress(site_dir)

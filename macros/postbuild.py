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


def run(site_dir: Path) -> None:
    write_blank_pdfs(site_dir)
    copy_pyodide(site_dir)
    if not os.environ.get("SIP_DEV"):
        # `make dev` (mkdocs serve) injects a live-reload script that no hash can foresee.
        csp.apply(site_dir)

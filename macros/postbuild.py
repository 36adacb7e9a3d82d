"""What the build adds to ``site_dir`` after MkDocs has written the pages."""

from __future__ import annotations

import hashlib
import os
import re
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


PYODIDE_PLACEHOLDER = "__PYODIDE_DIR__"
# The scripts that name Pyodide's folder (see docs/assets/sip/*.mjs).
PYODIDE_USERS = ("assets/sip/widgets.mjs", "assets/sip/worker.mjs")


def folder_digest(folder: Path) -> str:
    """A short hash of every file's name and content in ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.suffix != ".gz"):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def copy_pyodide(site_dir: Path) -> Path:
    """Pyodide and our wheels into ``pyodide/<content hash>/``.

    A new release that changes any of these files changes the folder's name, so a server can
    send them with ``Cache-Control: immutable`` and a returning browser loads them without
    asking the server again (README, "Caching"). The scripts that load them get the name.
    """
    source = pyodide_dist.build_dist()
    precompress(source)  # once per cached folder; later builds copy the .gz files
    digest = folder_digest(source)
    root = site_dir / "pyodide"
    if root.exists():
        shutil.rmtree(root)
    target = root / digest
    shutil.copytree(source, target)
    for rel in PYODIDE_USERS:
        script = site_dir / rel
        text = script.read_text("utf-8")
        if PYODIDE_PLACEHOLDER not in text:
            raise RuntimeError(f"{rel}: no {PYODIDE_PLACEHOLDER} to fill in")
        script.write_text(text.replace(PYODIDE_PLACEHOLDER, digest), "utf-8")
    return target


def _short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


WIDGET_TAG = re.compile(r'<script type="module" async src="((?:\.\./)*)assets/sip/widgets\.mjs\?')


def fingerprint_widget_scripts(site_dir: Path) -> dict[str, str]:
    """Rename widgets.mjs and worker.mjs to ``name.<hash>.mjs``, as Material names its bundles,
    and point widgets.mjs and the widget pages at the new names. A returning browser then
    starts a widget without asking the server whether its scripts changed.

    In the same pass each widget page asks for Pyodide's .wasm from <head> (``rel=preload``),
    so its bytes are on hand when widgets.mjs compiles it; pages without a widget never name
    it. Returns old -> new name."""
    sip = site_dir / "assets" / "sip"
    worker = sip / "worker.mjs"
    worker_name = f"worker.{_short_hash(worker.read_bytes())}.mjs"
    worker.rename(sip / worker_name)
    widgets = sip / "widgets.mjs"
    text = widgets.read_text("utf-8")
    if '"./worker.mjs"' not in text:
        raise RuntimeError("widgets.mjs: no reference to ./worker.mjs to fingerprint")
    text = text.replace('"./worker.mjs"', f'"./{worker_name}"')
    widgets_name = f"widgets.{_short_hash(text.encode())}.mjs"
    (sip / widgets_name).write_text(text, "utf-8")
    widgets.unlink()
    folder = pyodide_folder(site_dir).name
    for page in site_dir.rglob("*.html"):
        html = page.read_text("utf-8")
        match = WIDGET_TAG.search(html)
        if not match:
            continue
        preload = (f'<link rel="preload" href="{match.group(1)}pyodide/{folder}/pyodide.asm.wasm" '
                   'as="fetch" crossorigin>')
        html = html[: match.start()] + preload + html[match.start() :]
        page.write_text(html.replace("assets/sip/widgets.mjs?", f"assets/sip/{widgets_name}?"),
                        "utf-8")
    return {"widgets.mjs": widgets_name, "worker.mjs": worker_name}


def pyodide_folder(site_dir: Path) -> Path:
    """The built site's Pyodide folder, ``pyodide/<content hash>/``."""
    (folder,) = (site_dir / "pyodide").iterdir()
    return folder


COMPRESSIBLE = (
    ".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".whl", ".zip",
)


def precompress(site_dir: Path) -> int:
    """Write ``file.gz`` beside every text, wasm and archive file that has none yet (for
    nginx ``gzip_static`` and the like): the Pyodide runtime shrinks from ~9.6 MB to ~3.5 MB
    on the wire. The wheels and the stdlib zip are stored uncompressed
    (macros/compile_wheels.mjs), so they shrink here too."""
    import gzip

    count = 0
    for path in site_dir.rglob("*"):
        gz = path.with_name(path.name + ".gz")
        if path.suffix in COMPRESSIBLE and path.is_file() and not gz.exists():
            data = path.read_bytes()
            if len(data) > 1024:
                gz.write_bytes(gzip.compress(data, 9, mtime=0))
                count += 1
    return count


SW_TEMPLATE = Path(__file__).resolve().parent / "sw.js"


def write_service_worker(site_dir: Path) -> Path:
    """``sw.js`` at the site root: precache list and a version that changes with any file."""
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
    digest.update(pyodide_folder(site_dir).name.encode())
    source = SW_TEMPLATE.read_text("utf-8")
    source = source.replace("__VERSION__", digest.hexdigest()[:16])
    source = source.replace("__PRECACHE__", json.dumps(urls, ensure_ascii=False))
    target = site_dir / "sw.js"
    target.write_text(source, "utf-8")
    return target


def run(site_dir: Path) -> None:
    write_blank_pdfs(site_dir)
    copy_pyodide(site_dir)
    fingerprint_widget_scripts(site_dir)
    if not os.environ.get("SIP_DEV"):
        # `make dev` (mkdocs serve) injects a live-reload script that no hash can foresee.
        csp.apply(site_dir)
        write_service_worker(site_dir)  # not in `make dev`: it would cache drafts
    precompress(site_dir)

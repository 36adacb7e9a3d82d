"""The release steps over a freshly generated ``site/``, in the order :func:`run` calls them.

Each function does one job and names what it touches. They rely on three things the pages and
scripts hold (written by ``macros/`` and ``docs/assets/sip/``): the placeholder
``__PYODIDE_DIR__`` for Pyodide's folder, the unhashed names ``assets/sip/widgets.mjs`` and
``./worker.mjs``, and ``data-sip-widget=`` on pages with a widget (for the CSP).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

from forms.registry import FORMS, blank_pdf_path, get_module

from . import cache, csp, manifest, pyodide_dist, tagged

PYODIDE_PLACEHOLDER = "__PYODIDE_DIR__"
SIP_ASSETS = Path("assets") / "sip"
SW_TEMPLATE = Path(__file__).resolve().parent / "sw.js"
COMPRESSIBLE = (
    ".html",
    ".css",
    ".js",
    ".mjs",
    ".json",
    ".wasm",
    ".svg",
    ".xml",
    ".txt",
    ".whl",
    ".zip",
)
# Brotli at its best setting takes about 45 s for the .wasm alone, so each result is kept
# in the user's cache folder (release/cache.py) under brotli/, named after the sha256 of the
# original: a build after an edit to forms/ compresses only the files that changed.
BROTLI_CACHE = cache.root() / "brotli"
BROTLI_KEEP_DAYS = 30  # a result no build used for this long is removed


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


def folder_digest(folder: Path) -> str:
    """A short hash of every file's name and content in ``folder`` (the ``.gz`` and ``.br``
    copies aside)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.suffix not in manifest.PRECOMPRESSED):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def copy_pyodide(source: Path, site_dir: Path) -> Path:
    """Copy the finished Pyodide folder to ``pyodide/<content hash>/``.

    A release that changes any of its files changes the folder's name, so a server can send
    them with ``Cache-Control: immutable`` (README, "Caching")."""
    root = site_dir / "pyodide"
    if root.exists():
        shutil.rmtree(root)
    target = root / folder_digest(source)
    shutil.copytree(source, target)
    return target


def pyodide_folder(site_dir: Path) -> Path:
    """The built site's Pyodide folder, ``pyodide/<content hash>/``."""
    (folder,) = (site_dir / "pyodide").iterdir()
    return folder


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace every ``old`` in the text file ``path``; fail loudly when there is none."""
    text = path.read_text("utf-8")
    if old not in text:
        raise RuntimeError(f"{path}: no {old!r} to replace (run on a freshly generated site)")
    path.write_text(text.replace(old, new), "utf-8")


def pages_naming(site_dir: Path, text: str) -> list[Path]:
    """The HTML pages that contain ``text`` (the Pyodide folder itself aside)."""
    return [
        page
        for page in sorted(site_dir.rglob("*.html"))
        if not page.is_relative_to(site_dir / "pyodide") and text in page.read_text("utf-8")
    ]


def name_pyodide_folder(site_dir: Path, folder: str) -> None:
    """Write the Pyodide folder's name where the scripts and the widget pages hold
    ``__PYODIDE_DIR__``."""
    for script in ("widgets.mjs", "worker.mjs"):
        replace_in(site_dir / SIP_ASSETS / script, PYODIDE_PLACEHOLDER, folder)
    for page in pages_naming(site_dir, PYODIDE_PLACEHOLDER):
        replace_in(page, PYODIDE_PLACEHOLDER, folder)


def fingerprint(path: Path) -> str:
    """Rename ``name.ext`` to ``name.<8 hex of its content>.ext``, as Material names its
    bundles, so a browser may keep it; return the new name."""
    name = f"{path.stem}.{hashlib.sha256(path.read_bytes()).hexdigest()[:8]}{path.suffix}"
    path.rename(path.with_name(name))
    return name


def fingerprint_widget_scripts(site_dir: Path) -> dict[str, str]:
    """``worker.mjs`` and ``widgets.mjs`` renamed after their content, the worker first, since
    widgets.mjs names it; returns old -> new name."""
    sip = site_dir / SIP_ASSETS
    worker = fingerprint(sip / "worker.mjs")
    replace_in(sip / "widgets.mjs", '"./worker.mjs"', f'"./{worker}"')
    return {"worker.mjs": worker, "widgets.mjs": fingerprint(sip / "widgets.mjs")}


def rename_in_pages(site_dir: Path, old: str, new: str) -> int:
    """Point every page that names the asset ``old`` at ``new``; returns how many pages."""
    pages = pages_naming(site_dir, old)
    for page in pages:
        replace_in(page, old, new)
    return len(pages)


def gzip_compress(data: bytes) -> bytes:
    return gzip.compress(data, 9, mtime=0)


def brotli_compress(data: bytes) -> bytes:
    """Brotli at quality 11 with a 16 MB window, cached by the sha256 of ``data``."""
    cached = BROTLI_CACHE / f"{hashlib.sha256(data).hexdigest()}.q11w24.br"
    if cached.is_file():
        packed = cached.read_bytes()
        if brotli.decompress(packed) == data:
            cache.touch(cached)
            return packed
    packed = brotli.compress(data, quality=11, lgwin=24)
    BROTLI_CACHE.mkdir(parents=True, exist_ok=True)
    # Two files with the same bytes may be packed at once: each writes its own part file and
    # the rename is atomic, so the cache never holds half a file.
    part = cached.with_name(f"{cached.name}.{threading.get_ident()}.part")
    part.write_bytes(packed)
    part.replace(cached)
    return packed


def precompress(folder: Path) -> int:
    """Write ``file.gz`` and ``file.br`` beside every text, wasm and archive file over 1 kB
    that has none yet, for servers that send them as they are (nginx ``gzip_static`` and
    ``brotli_static``). The Pyodide runtime shrinks from ~9.6 MB to ~3.5 MB on the wire with
    gzip and to ~2.8 MB with brotli. The wheels and the stdlib zip are stored uncompressed
    (release/compile_wheels.mjs), so they shrink here too. Returns how many files it wrote.

    Both compressors release the GIL, so the files are packed on every core, largest first."""
    jobs = [
        (path, suffix, compress)
        for path in sorted(folder.rglob("*"), key=_largest_first)
        if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size > 1024
        for suffix, compress in ((".gz", gzip_compress), (".br", brotli_compress))
        if not path.with_name(path.name + suffix).exists()
    ]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for _ in pool.map(_pack, jobs):
            pass
    cache.forget_unused(BROTLI_CACHE, BROTLI_KEEP_DAYS)
    return len(jobs)


def _largest_first(path: Path) -> tuple[int, str]:
    return (-path.stat().st_size if path.is_file() else 0, str(path))


def _pack(job) -> None:
    path, suffix, compress = job
    path.with_name(path.name + suffix).write_bytes(compress(path.read_bytes()))


def write_service_worker(site_dir: Path) -> Path:
    """``sw.js`` at the site root: precache list and a version that changes with any file."""
    files = sorted(
        p
        for p in site_dir.rglob("*")
        if p.is_file()
        and p.suffix not in manifest.PRECOMPRESSED
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
    """Every release step, in order, over the generated ``site_dir``."""
    tagged.check(write_blank_pdfs(site_dir))
    source = pyodide_dist.build_dist()
    manifest.check(source)
    precompress(source)  # once per cached folder; later builds copy the .gz and .br
    manifest.check_compressed(source)
    folder = copy_pyodide(source, site_dir)
    name_pyodide_folder(site_dir, folder.name)
    widgets = fingerprint_widget_scripts(site_dir)["widgets.mjs"]
    rename_in_pages(site_dir, "assets/sip/widgets.mjs?", f"assets/sip/{widgets}?")
    csp.apply(site_dir)
    write_service_worker(site_dir)
    precompress(site_dir)

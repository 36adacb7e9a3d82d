"""Content-Security-Policy for every page, as a ``<meta>`` tag (the site is static).

Scripts: only the site's own files, plus the exact inline scripts Material writes (allowed by
their sha256 hashes, computed here per page, never ``'unsafe-inline'``). Pages that hold a
widget also get ``'wasm-unsafe-eval'``, which WebAssembly (Pyodide) needs.

Documented exception: ``style-src 'unsafe-inline'``: Material sets ``style`` attributes from
its templates and scripts (e.g. the header, the search and the palette); hashing cannot cover
attributes without ``'unsafe-hashes'`` for every value. Styles cannot run code.
``frame-ancestors`` cannot be set from a meta tag; a server that can send headers should add it
(README.md lists the header to use).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(
    r"<script(?P<attrs>(?:\s+[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE
)
MARKER = 'http-equiv="Content-Security-Policy"'


def _hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def inline_script_hashes(page: str) -> list[str]:
    """Hashes of the inline scripts that a browser would execute."""
    hashes = []
    for m in INLINE_SCRIPT.finditer(page):
        attrs = m["attrs"] or ""
        if "src=" in attrs:
            continue
        kind = re.search(r'type="([^"]+)"', attrs)
        if kind and kind[1] not in ("module", "text/javascript", "application/javascript"):
            continue  # data blocks such as application/json never run
        h = _hash(m["body"])
        if h not in hashes:
            hashes.append(h)
    return hashes


def policy(page: str) -> str:
    scripts = ["'self'", *inline_script_hashes(page)]
    if "data-sip-widget=" in page:
        scripts.append("'wasm-unsafe-eval'")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src " + " ".join(scripts),
            "worker-src 'self'",
            "connect-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def add_policy(page: str) -> str:
    """Return ``page`` with its CSP meta tag first in ``<head>`` (replacing an old one)."""
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', "", page)
    meta = f'<meta {MARKER} content="{policy(page)}">'
    head = re.search(r"<head[^>]*>", page, re.IGNORECASE)
    if head is None:
        return page
    # after <meta charset>, which must stay within the first bytes
    charset = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE).search(page, head.end())
    at = charset.end() if charset and charset.start() - head.end() < 20 else head.end()
    return page[:at] + meta + page[at:]


def apply(site_dir: Path) -> int:
    count = 0
    for path in site_dir.rglob("*.html"):
        if path.is_relative_to(site_dir / "pyodide"):
            continue
        text = path.read_text("utf-8")
        path.write_text(add_policy(text), "utf-8")
        count += 1
    return count

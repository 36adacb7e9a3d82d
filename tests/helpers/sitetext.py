"""Read the built site the way a reader sees it (helpers for the content tests)."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

_INLINE = re.compile(
    r"</?(?:a|abbr|b|code|em|i|mark|small|span|strong|sub|sup|kbd)\b[^>]*>", re.IGNORECASE
)
_TAGS = re.compile(r"<[^>]+>")
_DROP = re.compile(r"<(script|style|template)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*)</article>', re.DOTALL)


def page_html(site_dir: Path, url: str) -> str:
    """The HTML file of a page URL such as ``"varmland/riktlinje/"`` or ``""``."""
    path = site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url
    return path.read_text("utf-8")


@lru_cache(maxsize=256)
def _text(site_dir: Path, url: str) -> str:
    page = page_html(site_dir, url)
    m = _ARTICLE.search(page)
    body = m.group(1) if m else page
    body = _DROP.sub(" ", body)
    body = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', " ", body, flags=re.DOTALL)
    text = html.unescape(_TAGS.sub(" ", _INLINE.sub("", body)))
    return " ".join(text.split())


def page_text(site_dir: Path, url: str) -> str:
    """The visible text of a page's article, whitespace collapsed to single spaces."""
    return _text(site_dir, url)


_HEADING = re.compile(r"<h([1-6])\b[^>]*\bid=\"([^\"]+)\"[^>]*>", re.IGNORECASE)


def section_text(site_dir: Path, href: str) -> str:
    """The visible text under the heading an ``href`` such as ``"kalmar/x/#tolk"`` points at,
    up to the next heading of the same or a higher level (the whole article without anchor)."""
    url, _, anchor = href.partition("#")
    if not anchor:
        return page_text(site_dir, url)
    page = page_html(site_dir, url)
    m = _ARTICLE.search(page)
    body = m.group(1) if m else page
    headings = list(_HEADING.finditer(body))
    start = next((h for h in headings if h.group(2) == anchor), None)
    if start is None:
        return ""
    level = int(start.group(1))
    end = next(
        (h.start() for h in headings if h.start() > start.start() and int(h.group(1)) <= level),
        len(body),
    )
    chunk = _DROP.sub(" ", body[start.start() : end])
    chunk = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', " ", chunk, flags=re.DOTALL)
    text = html.unescape(_TAGS.sub(" ", _INLINE.sub("", chunk)))
    return " ".join(text.split())

"""Read a PDF's text the way a reader sees it (helpers for the blankett tests)."""

from __future__ import annotations

import io
import random
import re

from pypdf import PdfReader


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


def body_text(data: bytes, title: str) -> str:
    """The text of all pages without their footers, so text that runs on over a page break
    reads as one."""
    footer = re.compile(
        " ?" + re.escape(title) + r"( · Skapad \d{4}-\d{2}-\d{2})? Sida \d+ \(\d+\)$"
    )
    return " ".join(footer.sub("", page) for page in pdf_pages(data))


def squash(text: str) -> str:
    return " ".join(text.split())


def words_sample(text: str, k: int = 25, seed: int = 7) -> list[str]:
    words = text.split()
    return random.Random(seed).sample(words, min(k, len(words)))

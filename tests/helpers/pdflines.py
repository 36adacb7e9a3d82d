"""The lines of text a PDF draws, page by page, with their type: for tests that look at where
things stand on a page (what ends a page, what a continued table starts with)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader

FOOTER_TOP = (18 + 14 - 6) * 72 / 25.4  # points from the bottom: below this only the footer


@dataclass(frozen=True)
class Run:
    """A piece of text: its baseline (points from the page's bottom), size and weight."""

    text: str
    y: float
    size: float
    bold: bool

    @property
    def is_heading(self) -> bool:
        """A heading: bold, 11 pt or more (a field label, bold 8.5 pt, may end a page on a
        blank form, where the ruled line to write on follows it)."""
        return self.bold and self.size >= 11


def body_runs(data: bytes) -> list[list[Run]]:
    """Each page's text runs above the footer, top to bottom."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        runs: list[Run] = []

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip():
                bold = font is not None and "Bold" in str(font.get("/BaseFont", ""))
                y = tm[5] * cm[3] + cm[5]
                runs.append(Run(text.strip(), y, round(size * tm[0], 1), bold))

        page.extract_text(visitor_text=visit)
        pages.append(sorted((r for r in runs if r.y >= FOOTER_TOP), key=lambda r: -r.y))
    return pages


def last_lines(data: bytes) -> list[list[Run]]:
    """Each page's lowest line of body text (every run on that baseline)."""
    out = []
    for runs in body_runs(data):
        lowest = min((r.y for r in runs), default=None)
        out.append([r for r in runs if lowest is not None and abs(r.y - lowest) < 0.5])
    return out


def pages_ending_with_a_heading(data: bytes) -> list[tuple[int, str]]:
    """``(page number, text)`` for every page whose last line is a heading."""
    return [
        (number, " ".join(r.text for r in line))
        for number, line in enumerate(last_lines(data), start=1)
        if line and any(r.is_heading for r in line)
    ]

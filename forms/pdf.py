"""The PDF document every blankett and widget renders into.

One class, :class:`SipDocument`, wraps fpdf2 with the house style: A4, Swedish metadata, the
subset DejaVu font embedded, and "Sida X (Y)" plus the creation date in every page footer.

User text is always printed literally. fpdf2's page-number alias (``{nb}``) is switched off,
because it would rewrite text a user typed; the footer is drawn in a second pass instead, once
the page count is known.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import lru_cache

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from .fonts import BOLD, REGULAR

FAMILY = "DejaVu"
DATA_FILE = "sip-portalen-svar.json"
DATA_FORMAT = "sip-portalen/1"

# Layout, in mm.
MARGIN = 18
FOOTER_HEIGHT = 14
LINE = 5.2

_CONTROL = {cp for cp in range(0x20) if cp not in (0x0A,)} | set(range(0x7F, 0xA0))


def clean_text(text: object) -> str:
    """Return ``text`` as a NFC string fit for the PDF: tabs become spaces, other control
    characters are dropped, line endings become ``\\n``."""
    s = "" if text is None else str(text)
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    s = "".join(ch for ch in s if ord(ch) not in _CONTROL)
    return unicodedata.normalize("NFC", s)


@lru_cache(maxsize=1)
def _cmap() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(REGULAR, lazy=True) as font:
        regular = set(font.getBestCmap())
    with TTFont(BOLD, lazy=True) as font:
        bold = set(font.getBestCmap())
    return frozenset(regular & bold)


def unsupported_characters(text: str) -> list[str]:
    """The distinct characters of ``text`` that the embedded font cannot draw, in order."""
    cmap = _cmap()
    seen: list[str] = []
    for ch in clean_text(text):
        if ch != "\n" and ord(ch) not in cmap and ch not in seen:
            seen.append(ch)
    return seen


def describe_characters(chars: Sequence[str]) -> str:
    """Name characters for a Swedish error message, e.g. ``"😀" (U+1F600)``."""
    return ", ".join(f"\u201d{ch}\u201d (U+{ord(ch):04X})" for ch in chars)


class SipDocument:
    """An A4 PDF in the portal's style. Build it top to bottom, then call :meth:`output`."""

    def __init__(
        self,
        title: str,
        *,
        subject: str = "",
        created: datetime | None = None,
        blank: bool = False,
    ) -> None:
        self.title = clean_text(title)
        self.created = (created or datetime.now()).astimezone()
        self.blank = blank
        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.alias_nb_pages(None)  # never rewrite user text; see module docstring
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, margin=MARGIN + FOOTER_HEIGHT - 6)
        pdf.add_font(FAMILY, "", str(REGULAR))
        pdf.add_font(FAMILY, "B", str(BOLD))
        pdf.set_lang("sv-SE")
        pdf.set_title(self.title)
        pdf.set_subject(clean_text(subject) or self.title)
        pdf.set_creator("SIP-portalen")
        pdf.set_producer("SIP-portalen (fpdf2)")
        pdf.set_creation_date(self.created)
        pdf.set_display_mode(zoom="fullwidth", layout="continuous")
        pdf.add_page()
        self.pdf = pdf
        self._group_starts = [1]  # pages where the footer's "Sida X (Y)" restarts

    # -- text blocks -------------------------------------------------------------------------

    @property
    def width(self) -> float:
        return self.pdf.epw

    def _font(self, size: float, bold: bool = False) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size)

    def _ensure_space(self, height: float) -> None:
        """Start a new page unless ``height`` mm fit above the bottom margin."""
        if self.pdf.get_y() + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def heading(self, text: str, level: int = 1) -> None:
        """A heading; level 1 is the document title."""
        size = {1: 17, 2: 13, 3: 11}[level]
        space_before = {1: 0, 2: 5, 3: 3}[level]
        self._ensure_space(space_before + size * 0.5 + 12)  # keep a heading with its first lines
        if self.pdf.get_y() > MARGIN + 1:
            self.pdf.ln(space_before)
        self._font(size, bold=True)
        self.pdf.multi_cell(
            0, size * 0.5, clean_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )
        if level == 1:
            self.pdf.set_draw_color(0, 82, 147)
            self.pdf.set_line_width(0.6)
            y = self.pdf.get_y() + 1.5
            self.pdf.line(MARGIN, y, MARGIN + self.width, y)
            self.pdf.set_y(y + 3)
        else:
            self.pdf.ln(1.2)

    def paragraph(self, text: str, *, size: float = 10, bold: bool = False) -> None:
        """A paragraph of running text (printed literally)."""
        self._font(size, bold)
        self.pdf.multi_cell(0, LINE, clean_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.pdf.ln(1.5)

    def field(self, label: str, value: object) -> None:
        """A labelled answer: the label small and bold, the value below it."""
        text = clean_text(value).strip() or "–"
        self._ensure_space(LINE * 2 + 2)
        self._font(8.5, bold=True)
        self.pdf.set_text_color(70, 70, 70)
        self.pdf.multi_cell(0, 4.2, clean_text(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.pdf.set_text_color(0, 0, 0)
        self._font(10)
        self.pdf.multi_cell(0, LINE, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.pdf.ln(2)

    def fields(self, pairs: Iterable[tuple[str, object]]) -> None:
        """Several labelled answers in a row."""
        for label, value in pairs:
            self.field(label, value)

    def bullets(self, items: Iterable[str]) -> None:
        """A bulleted list."""
        self._font(10)
        for item in items:
            self.pdf.set_x(MARGIN)
            self.pdf.multi_cell(
                0, LINE, "\u2022  " + clean_text(item), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
            )
        self.pdf.ln(1.5)

    def checkbox(self, label: str, checked: bool | None = False) -> None:
        """A tick box with a label; ``checked=None`` draws an empty box for handwriting."""
        self._ensure_space(LINE + 1)
        x, y = MARGIN, self.pdf.get_y()
        self.pdf.set_draw_color(0, 0, 0)
        self.pdf.set_line_width(0.3)
        self.pdf.rect(x, y + 0.6, 4, 4)
        if checked:
            self.pdf.line(x + 0.8, y + 2.8, x + 1.8, y + 4)
            self.pdf.line(x + 1.8, y + 4, x + 3.4, y + 1.2)
        self.pdf.set_xy(x + 6, y)
        self._font(10)
        self.pdf.multi_cell(
            self.width - 6, LINE, clean_text(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )
        self.pdf.ln(0.8)

    def write_in(self, label: str, lines: int = 1, hint: str = "") -> None:
        """A label followed by ruled lines for handwriting (blank forms)."""
        self._ensure_space(5 + lines * 8)
        self._font(8.5, bold=True)
        self.pdf.set_text_color(70, 70, 70)
        text = clean_text(label) + (f" ({clean_text(hint)})" if hint else "")
        self.pdf.multi_cell(0, 4.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.pdf.set_text_color(0, 0, 0)
        self.pdf.set_draw_color(120, 120, 120)
        self.pdf.set_line_width(0.2)
        for _ in range(lines):
            y = self.pdf.get_y() + 7.5
            self.pdf.line(MARGIN, y, MARGIN + self.width, y)
            self.pdf.set_y(y)
        self.pdf.ln(3)

    def table(
        self,
        headings: Sequence[str],
        rows: Iterable[Sequence[object]],
        col_widths: Sequence[float] | None = None,
        *,
        blank_rows: int = 0,
    ) -> None:
        """A table whose heading row repeats on every page; ``blank_rows`` adds empty rows."""
        self._font(9)
        all_rows = [[clean_text(c) for c in row] for row in rows]
        all_rows += [[""] * len(headings) for _ in range(blank_rows)]
        with self.pdf.table(
            col_widths=tuple(col_widths) if col_widths else None,
            line_height=LINE if not blank_rows else 8,
            text_align="LEFT",
            headings_style=FontFace(emphasis="BOLD", fill_color=(234, 242, 250)),
            first_row_as_headings=True,
            repeat_headings=1,
            borders_layout="ALL",
        ) as table:
            head = table.row()
            self._font(9, bold=True)
            for h in headings:
                head.cell(clean_text(h))
            self._font(9)
            for row in all_rows:
                r = table.row()
                for cell in row:
                    r.cell(cell)
        self.pdf.ln(3)

    def spacer(self, mm: float = 4) -> None:
        self.pdf.ln(mm)

    def restart_numbering(self) -> None:
        """Continue on a new page whose footer counts "Sida 1 (…)" again (e.g. the next of
        several letters in one PDF)."""
        self.pdf.add_page()
        self._group_starts.append(self.pdf.page)

    # -- data and output ---------------------------------------------------------------------

    def embed_answers(self, blankett: str, answers: dict) -> None:
        """Attach the answers as a JSON file, so the portal can reopen the PDF later."""
        payload = {"format": DATA_FORMAT, "blankett": blankett, "svar": answers}
        self.pdf.embed_file(
            bytes=json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"),
            basename=DATA_FILE,
            desc="Svaren i blanketten, för att öppna den igen i SIP-portalen",
            mime_type="application/json",
            compress=True,
            creation_date=self.created,
            modification_date=self.created,
        )

    def _footers(self) -> None:
        pdf = self.pdf
        total = pdf.page
        created = self.created.strftime("%Y-%m-%d")
        pdf.set_auto_page_break(False)
        starts = [*self._group_starts, total + 1]
        for number in range(1, total + 1):
            pdf.page = number
            group = max(i for i, first in enumerate(starts[:-1]) if first <= number)
            shown, count = number - starts[group] + 1, starts[group + 1] - starts[group]
            y = pdf.h - MARGIN + 4
            # fpdf2 writes a colour, width or font only when it differs from the last one
            # set, which was on another page: set each twice so this page's stream gets it.
            pdf.set_draw_color(0, 0, 0)
            pdf.set_draw_color(160, 160, 160)
            pdf.set_line_width(0.3)
            pdf.set_line_width(0.2)
            pdf.line(MARGIN, y - 2, pdf.w - MARGIN, y - 2)
            self._font(9)
            self._font(8)
            pdf.set_text_color(60, 60, 60)
            pdf.set_xy(MARGIN, y)
            left = self.title if self.blank else f"{self.title} · Skapad {created}"
            pdf.cell(self.width * 0.75, 4, left)
            pdf.set_xy(MARGIN + self.width * 0.75, y)
            pdf.cell(self.width * 0.25, 4, f"Sida {shown} ({count})", align="R")
        pdf.page = total
        pdf.set_text_color(0, 0, 0)

    def output(self) -> bytes:
        """Finish the document (footers) and return the PDF bytes."""
        self._footers()
        return bytes(self.pdf.output())


def read_answers(pdf_bytes: bytes) -> dict:
    """Return ``{"blankett": ..., "svar": ...}`` from a PDF this portal made.

    Raises ``ValueError`` with a Swedish message when the file is not such a PDF; the limits
    are those of :mod:`forms.saved`.
    """
    from .saved import read_pdf

    return read_pdf(pdf_bytes)


def parse_answers(data: bytes | str) -> dict:
    """Parse a saved answers file (JSON). Raises ``ValueError`` with a Swedish message; the
    limits are those of :mod:`forms.saved`."""
    from .saved import parse_answers as parse

    return parse(data)


def answers_file(blankett: str, answers: dict) -> bytes:
    """A saved answers file (JSON) that :func:`parse_answers` reads back."""
    payload = {"format": DATA_FORMAT, "blankett": blankett, "svar": answers}
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")

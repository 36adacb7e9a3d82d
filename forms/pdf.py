"""The PDF document every blankett and widget renders into.

One class, :class:`SipDocument`, wraps fpdf2 with the house style: A4, Swedish metadata, the
subset DejaVu font embedded, and "Sida X (Y)" plus the creation date in every page footer.

Its public verbs are the whole layout API: a renderer says what a piece of the document *is*,
never how fpdf2 draws it, and nothing outside this module touches ``doc.pdf`` or a ``_private``
member (tests/test_forms_core.py checks). Built top to bottom:

- ``heading(text, level)``: the title (level 1, ruled) or a section heading (2, 3). A heading
  never ends a page (keep-with-next): it is drawn when the next block starts, on the page
  where that block's first two lines stand (headings in a row wait together);
- ``paragraph(text, size=, bold=)``, ``bullets(items)``, ``small(text)`` (a hint in small grey
  type), ``notice(text, bold=)`` (a framed reminder), ``paper_note(text)`` (what a blank form
  is for, at its top);
- ``label(text, space=)``: a field label on its own; ``field(label, value)``, ``fields(pairs)``:
  labelled answers one under another; ``field_grid(pairs)``: short ones side by side;
- ``checkbox(label, checked)``: a tick box (``None``: empty, to tick by hand);
  ``tick_boxes(labels)``: empty boxes side by side;
- ``write_in(label, lines, hint)``: ruled lines for handwriting; ``write_in_grid(labels,
  note=)``: one-line write-ins side by side;
- ``table(headings, rows, widths=, blank_rows=, continued=)``: a table whose heading row stays
  with its first row and repeats on each page, under a line "<section> (forts.)" (the last
  heading, or ``continued``; plain text for now) (``column_widths`` fits its columns);
- ``letter_block(x, y, width, text, …)`` and ``resume_at(y)``: text placed on the page (a
  letter's sender, date and window-envelope address), then the flow below it;
- ``keep_together(height)``, ``spacer(mm)``, ``restart_numbering()``: pages and space; every
  block verb also keeps its own first lines together (and with a waiting heading);
- ``text_width(text, …)``, ``small_height(text)``, ``block_height(width, text, …)``,
  ``width``, ``page_height``: measures for renderers that decide a layout;
- ``embed_answers(blankett, answers)`` and ``output()``.

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
LABEL_LINE = 4.2  # labels and small print
WRITE_LINE = 8.5  # between a one-line write-in's label and its line
BOX = 4.0  # a tick box's side
# Colours (RGB).
BLUE = (0, 82, 147)
PALE_BLUE = (234, 242, 250)
LABEL_GREY = (70, 70, 70)
HINT_GREY = (90, 90, 90)
RULE_GREY = (120, 120, 120)
BLACK = (0, 0, 0)
WHITE = (255, 255, 255)

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


class _Pages(FPDF):
    """fpdf2's document with one addition: while a table is drawn, a page it breaks onto
    starts with ``continued`` ("Mål och insatser (forts.)"), above the repeated heading row."""

    continued = ""

    def header(self) -> None:
        if not self.continued:
            return
        self.set_font(FAMILY, "B", 9.5)
        self.set_text_color(*LABEL_GREY)
        self.multi_cell(
            0, LABEL_LINE + 0.6, self.continued, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )
        self.set_text_color(*BLACK)
        self.ln(1)


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
        pdf = _Pages(orientation="portrait", unit="mm", format="A4")
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
        self._pending: list[tuple[str, int]] = []  # headings waiting for what follows them
        self._pending_space = 0.0  # space asked for after the waiting headings
        self._section = ""  # the last heading drawn below the title, for "(forts.)"

    # -- text blocks -------------------------------------------------------------------------

    @property
    def width(self) -> float:
        """The width of the text column, in mm."""
        return self.pdf.epw

    @property
    def page_height(self) -> float:
        """The height a page has for content, in mm."""
        return self.pdf.page_break_trigger - self.pdf.t_margin

    def _font(self, size: float, bold: bool = False) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size)

    def text_width(self, text: str, *, size: float = 10, bold: bool = False) -> float:
        """How wide ``text`` is on one line, in mm."""
        self._font(size, bold)
        return self.pdf.get_string_width(clean_text(text))

    def keep_together(self, height: float) -> None:
        """Keep the next ``height`` mm (and any heading waiting for them) on one page: start a
        new page unless they fit. On a fresh page nothing moves, however tall the block."""
        self._keep(self._pending_height() + height)

    def _keep(self, height: float) -> None:
        pdf = self.pdf
        if pdf.get_y() + height > pdf.page_break_trigger and pdf.get_y() > pdf.t_margin + 0.5:
            pdf.add_page()

    # A heading is drawn when the block after it starts: :meth:`_begin` then keeps the heading
    # and the first lines of that block on one page (keep-with-next).

    _HEADING_SIZE = {1: 17, 2: 13, 3: 11}
    _SPACE_BEFORE = {1: 0, 2: 5, 3: 3}

    def heading(self, text: str, level: int = 1) -> None:
        """A heading; level 1 is the document title. It never ends a page: it is drawn on the
        page where the next block's first two lines are (a heading directly after it waits
        too)."""
        self._pending.append((clean_text(text), level))

    def _heading_height(self, text: str, level: int) -> float:
        size = self._HEADING_SIZE[level]
        self._font(size, bold=True)
        lines = self.pdf.multi_cell(
            0, size * 0.5, text, dry_run=True, output="HEIGHT", align="L"
        )
        return self._SPACE_BEFORE[level] + lines + (4.5 if level == 1 else 1.2)

    def _pending_height(self) -> float:
        return sum(self._heading_height(t, lv) for t, lv in self._pending) + (
            self._pending_space if self._pending else 0.0
        )

    def _begin(self, lead: float) -> None:
        """Start a block whose first lines take ``lead`` mm: keep any waiting headings with
        them, then draw the headings."""
        self._keep(self._pending_height() + lead)
        self._flush()

    def _flush(self) -> None:
        """Draw the waiting headings where the flow is now."""
        pending, self._pending = self._pending, []
        for text, level in pending:
            self._draw_heading(text, level)
        if pending and self._pending_space:
            self.pdf.ln(self._pending_space)
        self._pending_space = 0.0

    def _draw_heading(self, text: str, level: int) -> None:
        size = self._HEADING_SIZE[level]
        if self.pdf.get_y() > self.pdf.t_margin + 1:
            self.pdf.ln(self._SPACE_BEFORE[level])
        self._font(size, bold=True)
        self.pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        if level == 1:
            self.pdf.set_draw_color(*BLUE)
            self.pdf.set_line_width(0.6)
            y = self.pdf.get_y() + 1.5
            self.pdf.line(MARGIN, y, MARGIN + self.width, y)
            self.pdf.set_y(y + 3)
            self._section = ""
        else:
            self._section = text
            self.pdf.ln(1.2)

    def _lines_height(
        self, text: str, line: float, *, width: float = 0, size: float = 10, bold: bool = False,
        most: int = 2,
    ) -> float:
        """The height of the first ``most`` lines of ``text`` (all of them if fewer)."""
        self._font(size, bold)
        head = clean_text(text)[:400]  # two lines never hold more; long text stays fast
        lines = self.pdf.multi_cell(width, line, head, dry_run=True, output="LINES", align="L")
        return max(1, min(most, len(lines))) * line

    def paragraph(self, text: str, *, size: float = 10, bold: bool = False) -> None:
        """A paragraph of running text (printed literally)."""
        self._begin(self._lines_height(text, LINE, size=size, bold=bold))
        self._font(size, bold)
        self.pdf.multi_cell(0, LINE, clean_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.pdf.ln(1.5)

    def field(self, label: str, value: object) -> None:
        """A labelled answer: the label small and bold, the value below it."""
        text = clean_text(value).strip() or "–"
        label_height = self._lines_height(label, LABEL_LINE, size=8.5, bold=True, most=3)
        self._begin(label_height + self._lines_height(text, LINE) + 2)
        self._font(8.5, bold=True)
        self.pdf.set_text_color(*LABEL_GREY)
        self.pdf.multi_cell(
            0, LABEL_LINE, clean_text(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )
        self.pdf.set_text_color(*BLACK)
        self._font(10)
        self.pdf.multi_cell(0, LINE, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.pdf.ln(2)

    def fields(self, pairs: Iterable[tuple[str, object]]) -> None:
        """Several labelled answers, one under another."""
        for label, value in pairs:
            self.field(label, value)

    def _grid_columns(self, pairs: Sequence[tuple[str, str]], width3: float) -> int:
        """Three columns when every label and value fits a third of the page, else two."""
        if len(pairs) <= 2:
            return 2
        for label, value in pairs:
            label_width = self.text_width(label, size=8.5, bold=True)
            if max(label_width, self.text_width(value)) > width3 - 2:
                return 2
        return 3

    def _grid_cell_height(self, label: str, value: str, width: float) -> float:
        self._font(8.5, bold=True)
        height = self.pdf.multi_cell(
            width, LABEL_LINE, clean_text(label), dry_run=True, output="HEIGHT", align="L"
        )
        self._font(10)
        return height + self.pdf.multi_cell(
            width, LINE, clean_text(value) or "\u2013", dry_run=True, output="HEIGHT", align="L"
        )

    def field_grid(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Short labelled answers side by side: three across when they fit, otherwise two."""
        pdf = self.pdf
        gap = 6.0
        columns = self._grid_columns(pairs, (self.width - 2 * gap) / 3)
        col = (self.width - (columns - 1) * gap) / columns
        for start in range(0, len(pairs), columns):
            row = pairs[start : start + columns]
            self._begin(max(self._grid_cell_height(lab, v, col) for lab, v in row) + 2)
            y0 = pdf.get_y()
            bottom = y0
            for index, (label, value) in enumerate(row):
                pdf.set_xy(pdf.l_margin + index * (col + gap), y0)
                self._font(8.5, bold=True)
                pdf.set_text_color(*LABEL_GREY)
                pdf.multi_cell(
                    col, LABEL_LINE, clean_text(label), new_x=XPos.LEFT, new_y=YPos.NEXT, align="L"
                )
                pdf.set_text_color(*BLACK)
                self._font(10)
                pdf.multi_cell(
                    col,
                    LINE,
                    clean_text(value) or "\u2013",
                    new_x=XPos.LEFT,
                    new_y=YPos.NEXT,
                    align="L",
                )
                bottom = max(bottom, pdf.get_y())
            pdf.set_xy(pdf.l_margin, bottom + 2)

    def label(self, text: str, *, space: float = 6) -> None:
        """A field label on its own (small, bold, grey), kept with ``space`` mm below it."""
        self._begin(6 + space)
        self._font(8.5, bold=True)
        self.pdf.set_text_color(*LABEL_GREY)
        self.pdf.multi_cell(
            0, LABEL_LINE, clean_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )
        self.pdf.set_text_color(*BLACK)
        self.pdf.ln(0.8)

    def small(self, text: str) -> None:
        """A line of small grey text: a hint or a condition on the paper form."""
        self._begin(self._lines_height(text, LABEL_LINE, size=8.5) + 1)
        self._font(8.5)
        self.pdf.set_text_color(*HINT_GREY)
        self.pdf.multi_cell(
            0, LABEL_LINE, clean_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )
        self.pdf.set_text_color(*BLACK)
        self.pdf.ln(1)

    def small_height(self, text: str) -> float:
        """How many mm :meth:`small` takes for ``text``, the space after it included."""
        self._font(8.5)
        return self.pdf.multi_cell(
            0, LABEL_LINE, clean_text(text), dry_run=True, output="HEIGHT", align="L"
        ) + 1

    def notice(self, text: str, *, bold: bool = False) -> None:
        """A framed note across the page (a reminder the reader must not miss)."""
        pdf = self.pdf
        self._begin(self._lines_height(text, 5, size=9.5, bold=bold, most=3) + 4)
        pdf.set_draw_color(*BLUE)
        pdf.set_fill_color(*PALE_BLUE)
        pdf.set_line_width(0.4)
        self._font(9.5, bold)
        pdf.multi_cell(
            0,
            5,
            clean_text(text),
            border=1,
            fill=True,
            padding=2,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            align="L",
        )
        pdf.set_fill_color(*WHITE)
        pdf.ln(3)

    def paper_note(self, text: str) -> None:
        """The quiet framed line at the top of a blank form: what this paper version is for."""
        pdf = self.pdf
        self._begin(self._lines_height(text, LABEL_LINE, size=8.5, most=3) + 4)
        pdf.set_draw_color(150, 150, 150)
        pdf.set_fill_color(245, 245, 245)
        pdf.set_line_width(0.2)
        self._font(8.5)
        pdf.multi_cell(
            0,
            LABEL_LINE,
            clean_text(text),
            border=1,
            fill=True,
            padding=1.8,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            align="L",
        )
        pdf.set_fill_color(*WHITE)
        pdf.ln(4)

    def bullets(self, items: Iterable[str]) -> None:
        """A bulleted list."""
        items = list(items)
        self._begin(self._lines_height(items[0] if items else "", LINE))
        self._font(10)
        for item in items:
            self.pdf.set_x(MARGIN)
            self.pdf.multi_cell(
                0, LINE, "\u2022  " + clean_text(item), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
            )
        self.pdf.ln(1.5)

    def checkbox(self, label: str, checked: bool | None = False) -> None:
        """A tick box with a label; ``checked=None`` draws an empty box for handwriting."""
        self._begin(LINE + 1)
        x, y = MARGIN, self.pdf.get_y()
        self.pdf.set_draw_color(*BLACK)
        self.pdf.set_line_width(0.3)
        self.pdf.rect(x, y + 0.6, BOX, BOX)
        if checked:
            self.pdf.line(x + 0.8, y + 2.8, x + 1.8, y + 4)
            self.pdf.line(x + 1.8, y + 4, x + 3.4, y + 1.2)
        self.pdf.set_xy(x + 6, y)
        self._font(10)
        self.pdf.multi_cell(
            self.width - 6, LINE, clean_text(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )
        self.pdf.ln(0.8)

    def tick_boxes(self, labels: Sequence[str]) -> None:
        """Empty tick boxes side by side, wrapping to the next line when the page is full."""
        pdf = self.pdf
        self._begin(6.5)
        self._font(10)
        x, y = pdf.l_margin, pdf.get_y()
        for text in labels:
            text = clean_text(text)
            width = BOX + 2 + min(pdf.get_string_width(text), self.width - BOX - 2) + 7
            if x > pdf.l_margin and x + width > pdf.l_margin + self.width:
                x, y = pdf.l_margin, y + 6.5
            if y + 6.5 > pdf.page_break_trigger:
                pdf.add_page()
                x, y = pdf.l_margin, pdf.get_y()
            pdf.set_draw_color(*BLACK)
            pdf.set_line_width(0.3)
            pdf.rect(x, y + 0.6, BOX, BOX)
            pdf.set_xy(x + BOX + 2, y)
            pdf.cell(width - BOX - 2, LINE, text)
            x += width
        pdf.set_xy(pdf.l_margin, y + 8)

    def write_in(self, label: str, lines: int = 1, hint: str = "") -> None:
        """A label followed by ruled lines for handwriting (blank forms)."""
        self._begin(5 + lines * 8)
        self._font(8.5, bold=True)
        self.pdf.set_text_color(*LABEL_GREY)
        text = clean_text(label) + (f" ({clean_text(hint)})" if hint else "")
        self.pdf.multi_cell(0, LABEL_LINE, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.pdf.set_text_color(*BLACK)
        self.pdf.set_draw_color(*RULE_GREY)
        self.pdf.set_line_width(0.2)
        for _ in range(lines):
            y = self.pdf.get_y() + 7.5
            self.pdf.line(MARGIN, y, MARGIN + self.width, y)
            self.pdf.set_y(y)
        self.pdf.ln(3)

    def write_in_grid(self, labels: Sequence[str], *, note: str = "") -> None:
        """One-line write-ins side by side (three when there are three, else two), with
        ``note`` in small print above the first row and kept with it."""
        pdf = self.pdf
        gap = 8.0
        columns = 3 if len(labels) == 3 else 2
        col = (self.width - (columns - 1) * gap) / columns
        first = True
        for start in range(0, len(labels), columns):
            row = [clean_text(text) for text in labels[start : start + columns]]
            self._font(8.5, bold=True)
            label_h = max(
                pdf.multi_cell(col, LABEL_LINE, t, dry_run=True, output="HEIGHT", align="L")
                for t in row
            )
            noted = first and note
            self._begin((self.small_height(note) if noted else 0) + label_h + WRITE_LINE + 3)
            if noted:
                self.small(note)
            first = False
            y0 = pdf.get_y()
            for index, text in enumerate(row):
                x = pdf.l_margin + index * (col + gap)
                pdf.set_xy(x, y0)
                self._font(8.5, bold=True)
                pdf.set_text_color(*LABEL_GREY)
                pdf.multi_cell(col, LABEL_LINE, text, new_x=XPos.LEFT, new_y=YPos.NEXT, align="L")
                pdf.set_text_color(*BLACK)
                pdf.set_draw_color(*RULE_GREY)
                pdf.set_line_width(0.2)
                pdf.line(x, y0 + label_h + WRITE_LINE, x + col, y0 + label_h + WRITE_LINE)
            pdf.set_xy(pdf.l_margin, y0 + label_h + WRITE_LINE + 3)

    def column_widths(
        self, headings: Sequence[str], rows: Sequence[Sequence[str]]
    ) -> list[float]:
        """Column widths (mm) so that no heading word is split and short cells stay on one line."""
        pad = 3.0
        minimum, wanted = [], []
        for index, heading in enumerate(headings):
            values = [row[index] for row in rows]
            words = max(
                (self.text_width(w, size=9, bold=True) for w in clean_text(heading).split()),
                default=8,
            )
            content = max((self.text_width(v, size=9) for v in values), default=0)
            longest = max(
                (self.text_width(w, size=9) for v in values for w in clean_text(v).split()),
                default=0,
            )
            words = max(words, min(longest, 40))
            minimum.append(max(words, 8) + pad)
            wanted.append(max(words, min(content, 70), 8) + pad)
        total = self.width
        if sum(wanted) <= total:
            return [w * total / sum(wanted) for w in wanted]
        spare = total - sum(minimum)
        extra = [w - m for w, m in zip(wanted, minimum, strict=True)]
        if spare <= 0 or not sum(extra):
            return [m * total / sum(minimum) for m in minimum]
        return [m + e * spare / sum(extra) for m, e in zip(minimum, extra, strict=True)]

    def table(
        self,
        headings: Sequence[str],
        rows: Iterable[Sequence[object]],
        widths: Sequence[float] | None = None,
        *,
        blank_rows: int = 0,
        continued: str | None = None,
    ) -> None:
        """A table whose heading row repeats on every page. ``widths`` are relative column
        widths (by default fitted to the content: :meth:`column_widths`); ``blank_rows`` adds
        empty rows to write in by hand, and the table is then ruled in thin grey.

        The heading row is kept with the first row. On a page the table breaks onto, a line
        ``"<continued> (forts.)"`` stands above the repeated heading row; ``continued`` is by
        default the last heading drawn (the section the table belongs to)."""
        rows = [[clean_text(c) for c in row] for row in rows]
        if widths is None:
            widths = self.column_widths(headings, rows)
        all_rows = rows + [[""] * len(headings) for _ in range(blank_rows)]
        line = LINE if not blank_rows else 8
        scale = self.width / sum(widths)
        mm = [w * scale for w in widths]
        first = all_rows[0] if all_rows else [""] * len(headings)
        self._begin(self._row_height(headings, mm, LINE, bold=True)
                    + self._row_height(first, mm, line) + 1)
        if blank_rows:
            self.pdf.set_draw_color(*HINT_GREY)
            self.pdf.set_line_width(0.2)
        else:
            self.pdf.set_draw_color(*BLUE)
            self.pdf.set_line_width(0.3)
        self._font(9)
        caption = clean_text(self._section if continued is None else continued)
        self.pdf.continued = f"{caption} (forts.)" if caption else "(forts.)"
        try:
            with self.pdf.table(
                col_widths=tuple(widths) if widths else None,
                line_height=line,
                text_align="LEFT",
                headings_style=FontFace(emphasis="BOLD", fill_color=PALE_BLUE),
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
        finally:
            self.pdf.continued = ""
        self.pdf.ln(3)

    def _row_height(
        self, cells: Sequence[str], widths: Sequence[float], line: float, *, bold: bool = False
    ) -> float:
        """About how tall a table row of ``cells`` in columns ``widths`` (mm) is."""
        self._font(9, bold)
        tallest = 1
        for cell, width in zip(cells, widths, strict=False):
            lines = self.pdf.multi_cell(
                max(width - 2, 4), line, clean_text(cell)[:400], dry_run=True, output="LINES"
            )
            tallest = max(tallest, len(lines))
        return tallest * line + 2

    def spacer(self, mm: float = 4) -> None:
        """Empty space of ``mm`` mm (after a waiting heading: below it, once it is drawn)."""
        if self._pending:
            self._pending_space += mm
        else:
            self.pdf.ln(mm)

    def letter_block(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        *,
        size: float = 9,
        bold: bool = False,
        line_height: float = 4.5,
    ) -> float:
        """Text placed at ``x``, ``y`` mm from the page's top left corner, ``width`` mm wide
        (a letter's sender, its date, the address in an envelope's window); returns the y
        below it. The flow continues with :meth:`resume_at`."""
        self._flush()
        self.pdf.set_xy(x, y)
        self._font(size, bold)
        self.pdf.multi_cell(
            width, line_height, clean_text(text), new_x=XPos.LEFT, new_y=YPos.NEXT, align="L"
        )
        return self.pdf.get_y()

    def block_height(
        self, width: float, text: str, *, size: float = 9, bold: bool = False,
        line_height: float = 4.5,
    ) -> float:
        """How tall :meth:`letter_block` would set ``text`` in ``width`` mm, in mm."""
        self._font(size, bold)
        return self.pdf.multi_cell(
            width, line_height, clean_text(text), dry_run=True, output="HEIGHT", align="L"
        )

    def resume_at(self, y: float) -> None:
        """Continue the document's flow at the left margin, ``y`` mm from the page's top."""
        self._flush()
        self.pdf.set_xy(self.pdf.l_margin, y)

    def restart_numbering(self) -> None:
        """Continue on a new page whose footer counts "Sida 1 (…)" again (e.g. the next of
        several letters in one PDF)."""
        self._flush()
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
        self._flush()
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

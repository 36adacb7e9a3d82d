"""The PDF document every blankett and widget renders into.

One class, :class:`SipDocument`, wraps fpdf2 with the house style: A4, Swedish metadata, the
subset DejaVu font embedded, and "Sida X (Y)" plus the creation date in every page footer.
Every PDF it makes is tagged for PDF/UA-1 (README, "Accessible PDFs"): each verb below also
says what it draws in the structure tree, so a renderer never handles tags or marked content.

Its public verbs are the whole layout API: a renderer says what a piece of the document *is*,
never how fpdf2 draws it, and nothing outside this module touches ``doc.pdf`` or a ``_private``
member (tests/test_forms_core.py checks). Built top to bottom:

- ``heading(text, level, look=)``: the title (level 1, ruled) or a section heading (2, 3);
  tagged ``H1``–``H3`` and an entry of the outline (``look``: drawn like another level). A
  heading never ends a page (keep-with-next): it is drawn when the next block starts, on the
  page where that block's first two lines stand (headings in a row wait together);
- ``paragraph(text, size=, bold=)``, ``bullets(items)``, ``small(text)`` (a hint in small grey
  type), ``notice(text, bold=)`` (a framed reminder), ``paper_note(text)`` (what a blank form
  is for, at its top): each a ``P``, the bullets an ``L`` of ``LI``;
- ``label(text, space=)``: a field label on its own; ``field(label, value)``, ``fields(pairs)``:
  labelled answers one under another; ``field_grid(pairs)``: short ones side by side; each
  pair a ``Div`` in which the value is read after its label;
- ``checkbox(label, checked)``: a tick box (``None``: empty, to tick by hand), read as
  "Kryssad ruta:" or "Tom ruta:" before its label; ``tick_boxes(labels)``: empty boxes side
  by side (an ``L``);
- ``write_in(label, lines, hint)``: ruled lines for handwriting; ``write_in_grid(labels,
  note=)``: one-line write-ins side by side; the labels are text, the lines artifacts;
- ``table(headings, rows, widths=, blank_rows=, continued=)``: a table (``Table``, ``TR``,
  ``TH`` with scope Column, ``TD``) whose heading row stays with its first row and repeats on
  each page, under a line "<section> (forts.)" (the last heading, or ``continued``); the
  repeated row and that line are artifacts (``column_widths`` fits its columns);
- ``letter_block(x, y, width, text, …)`` and ``resume_at(y)``: text placed on the page (a
  letter's sender, date and window-envelope address; read in the order placed), then the
  flow below it;
- ``keep_together(height)``, ``spacer(mm)``, ``restart_numbering()``: pages and space; every
  block verb also keeps its own first lines together (and with a waiting heading);
- ``text_width(text, …)``, ``small_height(text)``, ``block_height(width, text, …)``,
  ``width``, ``page_height``: measures for renderers that decide a layout;
- ``embed_answers(blankett, answers)`` and ``output()``.

User text is always printed literally. fpdf2's page-number alias (``{nb}``) is switched off,
because it would rewrite text a user typed; the footer is drawn in a second pass instead, once
the page count is known. Rules, lines to write on, table frames and the footer are artifacts.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
from typing import ClassVar

from .fonts import BOLD, REGULAR
from .lazy_imports import lazily

with lazily():  # what fpdf2 imports but our PDFs never use stays unrun (forms/lazy_imports.py)
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos
    from fpdf.output import PDFPage
    from fpdf.prefs import ViewerPreferences
    from fpdf.structure_tree import StructElem, StructureTreeBuilder
    from fpdf.syntax import Name, PDFArray, PDFObject, PDFString

FAMILY = "DejaVu"
LANGUAGE = "sv-SE"
CREATOR = "SIP-portalen"
PRODUCER = "SIP-portalen (fpdf2)"
DATA_FILE = "sip-portalen-svar.json"
DATA_FORMAT = "sip-portalen/1"

# Layout, in mm.
MARGIN = 18
FOOTER_HEIGHT = 14
LINE = 5.2
LABEL_LINE = 4.2  # labels and small print
WRITE_LINE = 8.5  # between a one-line write-in's label and its line
BOX = 4.0  # a tick box's side
# What a tick box reads as, before its label, in a screen reader (its /ActualText).
BOX_TEXT = {True: "Kryssad ruta:", False: "Tom ruta:"}
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


# -- the tagging layer ---------------------------------------------------------------------------
#
# fpdf2 writes a structure tree (fpdf/structure_tree.py) but only a flat one, for image alt
# texts and outline titles, through private methods. These classes keep fpdf2's objects and
# its writing of the tree, the parent tree and /MarkInfo, and add what PDF/UA needs: nesting,
# marked content that runs over a page break, artifacts and attributes. README ("Accessible
# PDFs") lists what this relies on in fpdf2 and what could go upstream.


@contextmanager
def _nothing() -> Iterator[None]:
    """A ``with`` block that does nothing (where a tag is optional)."""
    yield


def _xml(text: str) -> str:
    """``text`` escaped for XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xmp(title: str, subject: str, created: datetime) -> str:
    """The XMP metadata PDF/UA asks for: the title (``dc:title``), the claim to PDF/UA-1
    (``pdfuaid:part``), and the document information fpdf2 also writes, dated ``created``
    (never the time of writing: equal input gives equal bytes)."""

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{_xml(text)}</rdf:li></rdf:Alt>'

    return "\n".join(
        [
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
            '  <rdf:Description rdf:about=""',
            '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
            '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
            '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
            '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
            "   <dc:format>application/pdf</dc:format>",
            f"   <dc:title>{alt(title)}</dc:title>",
            f"   <dc:description>{alt(subject)}</dc:description>",
            f"   <dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>",
            f"   <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>",
            f"   <xmp:CreateDate>{created.isoformat(timespec='seconds')}</xmp:CreateDate>",
            f"   <pdf:Producer>{_xml(PRODUCER)}</pdf:Producer>",
            "   <pdfuaid:part>1</pdfuaid:part>",
            "  </rdf:Description>",
            " </rdf:RDF>",
            "</x:xmpmeta>",
        ]
    )


class _ContentRef:
    """A marked-content reference (``/MCR``): an element's MCID on a later page than its
    first."""

    def __init__(self, page: PDFPage, mcid: int) -> None:
        self.page = page
        self.mcid = mcid

    def serialize(self, _security_handler: object = None, _obj_id: object = None) -> str:
        return f"<</Type /MCR /Pg {self.page.ref} /MCID {self.mcid}>>"


class _Kids(PDFArray):
    """An element's ``/K``: a lone kid is written bare (``/K 0``), as most writers do and
    as some checkers expect of a heading, several as an array."""

    def serialize(self, _security_handler: object = None, _obj_id: object = None) -> str:
        if len(self) == 1:
            return PDFArray.serialize(self, _security_handler, _obj_id)[1:-1]
        return PDFArray.serialize(self, _security_handler, _obj_id)


class _Element(StructElem):
    """A structure element: fpdf2's, with ``/ActualText`` and ``/A`` (a table header cell's
    ``/Scope``) when given. It writes its own dictionary (fpdf2 would look its attributes up
    with ``dir()``, which is slow for the thousand elements of a long plan)."""

    def __init__(
        self,
        kind: str,
        parent: StructElem,
        page: int,
        *,
        actual_text: str = "",
        scope: str = "",
    ) -> None:
        super().__init__(struct_type=f"/{kind}", parent=parent, kids=[], page_number=page)
        self.k = _Kids()
        self.actual_text = PDFString(actual_text) if actual_text else None
        self.a = f"<</O /Table /Scope /{scope}>>" if scope else None

    def serialize(self, obj_dict: object = None, _security_handler: object = None) -> str:
        entries = {"/Type": "/StructElem", "/S": self.s, "/P": self.p.ref}
        if self.k:
            entries["/K"] = self.k.serialize()
        if self.pg is not None:  # fpdf2 sets it on the children of Document, or mark() does
            entries["/Pg"] = self.pg.ref
        if self.a:
            entries["/A"] = self.a
        if self.actual_text:
            entries["/ActualText"] = self.actual_text.serialize()
        return super().serialize(obj_dict=entries)


class _StructureTree(StructureTreeBuilder):
    """fpdf2's structure tree (root, ``Document``, parent tree), with elements nested to any
    depth. fpdf2 writes every object :meth:`__iter__` yields."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[_Element] = []  # below Document, parents before children

    def add(self, kind: str, parent: StructElem, page: int, **attributes: str) -> _Element:
        """A new last child of ``parent``."""
        element = _Element(kind, parent, page, **attributes)
        parent.k.append(element)
        self.elements.append(element)
        return element

    def mark(self, element: _Element, page: int, page_obj: PDFPage) -> int:
        """The next MCID of ``page``, owned by ``element``: recorded in the parent tree
        (key ``page - 1``, the page's ``/StructParents``) and in the element's kids."""
        owners = self.struct_tree_root.parent_tree.nums[page - 1]
        mcid = len(owners)
        owners.append(element)
        if page == element.page_number():
            element.pg = page_obj
            element.k.append(mcid)
        else:
            element.k.append(_ContentRef(page_obj, mcid))
        return mcid

    def finish(self) -> None:
        """Sort the parent tree by key, as a number tree must be."""
        nums = self.struct_tree_root.parent_tree.nums
        ordered = sorted(nums.items())
        nums.clear()
        nums.update(ordered)

    def empty(self) -> bool:
        return not self.elements

    def __iter__(self) -> Iterator[PDFObject]:
        yield self.struct_tree_root
        yield self.doc_struct_elem
        yield self.struct_tree_root.parent_tree
        yield from self.elements


class _Tags:
    """Where :class:`SipDocument`'s verbs say what they draw: :meth:`group` (an element that
    holds elements: ``Div``, ``L``, ``LI``, ``Table``, ``TR``), :meth:`content` (an element
    whose marked content is drawn inside the ``with`` block; :meth:`marked` adds content to
    an element made before) and :meth:`artifact` (page furniture). Marked content never
    nests; it is closed at the end of a page and opened again on the next (:class:`_Pages`
    calls :meth:`page_ends` and :meth:`page_starts`)."""

    def __init__(self, pdf: _Pages) -> None:
        self._pdf = pdf
        self.tree = _StructureTree()
        pdf.struct_builder = self.tree  # fpdf2 writes the tree it finds here
        pdf.tagging = self
        self._parents: list[StructElem] = [self.tree.doc_struct_elem]
        self._open: _Element | str | None = None  # an element, or an artifact's properties

    def _add(self, kind: str, **attributes: str) -> _Element:
        return self.tree.add(kind, self._parents[-1], self._pdf.page, **attributes)

    @contextmanager
    def group(self, kind: str) -> Iterator[_Element]:
        """Elements made inside the block are children of a new ``kind`` element."""
        element = self._add(kind)
        self._parents.append(element)
        try:
            yield element
        finally:
            self._parents.pop()

    @contextmanager
    def marked(self, element: _Element) -> Iterator[None]:
        """What is drawn inside the block is content of ``element`` (after its children so
        far, in reading order)."""
        self._enter(element)
        try:
            yield
        finally:
            self._leave()

    @contextmanager
    def content(self, kind: str, *, actual_text: str = "", scope: str = "") -> Iterator[None]:
        """What is drawn inside the block is the content of a new ``kind`` element."""
        with self.marked(self._add(kind, actual_text=actual_text, scope=scope)):
            yield

    @contextmanager
    def artifact(self, properties: str = "/Type /Layout") -> Iterator[None]:
        """What is drawn inside the block is an artifact (``properties``: its kind)."""
        self._enter(properties)
        try:
            yield
        finally:
            self._leave()

    def _enter(self, what: _Element | str) -> None:
        if self._open is not None:
            raise RuntimeError("marked content cannot nest")
        self._open = what
        self._begin_marked()

    def _begin_marked(self) -> None:
        pdf, what = self._pdf, self._open
        if isinstance(what, _Element):
            page = pdf.page
            mcid = self.tree.mark(what, page, pdf.pages[page])
            pdf.pages[page].struct_parents = page - 1
            pdf._out(f"{what.s} <</MCID {mcid}>> BDC")
        else:
            pdf._out(f"/Artifact <<{what}>> BDC")

    def _leave(self) -> None:
        self._pdf._out("EMC")
        self._open = None

    def page_ends(self) -> None:
        """Close the open marked content on the page that ends."""
        if self._open is not None:
            self._pdf._out("EMC")

    def page_starts(self) -> None:
        """Open it again, with a new MCID, on the page that starts."""
        if self._open is not None:
            self._begin_marked()


class _Pages(FPDF):
    """fpdf2's document, which tells the tagging layer where a page ends and the next
    starts (the portal draws its footers in a second pass, so fpdf2's own footer and header
    draw nothing)."""

    tagging: _Tags | None = None

    def footer(self) -> None:
        if self.tagging is not None:
            self.tagging.page_ends()

    def header(self) -> None:
        if self.tagging is not None:
            self.tagging.page_starts()


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
        pdf.set_lang(LANGUAGE)
        pdf.set_title(self.title)
        pdf.set_subject(clean_text(subject) or self.title)
        pdf.set_creator(CREATOR)
        pdf.set_producer(PRODUCER)
        pdf.set_creation_date(self.created)
        pdf.set_display_mode(zoom="fullwidth", layout="continuous")
        pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
        pdf.set_xmp_metadata(_xmp(self.title, pdf.subject, self.created))
        self._tags = _Tags(pdf)
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

    _HEADING_SIZE: ClassVar[dict[int, int]] = {1: 17, 2: 13, 3: 11}
    _SPACE_BEFORE: ClassVar[dict[int, int]] = {1: 0, 2: 5, 3: 3}

    def heading(self, text: str, level: int = 1, *, look: int | None = None) -> None:
        """A heading; level 1 is the document title. It never ends a page: it is drawn on the
        page where the next block's first two lines are (a heading directly after it waits
        too). It is tagged ``H<level>`` and is an entry of the document outline (bookmarks);
        ``look`` draws it like a heading of another level (a letter's subject line is the
        letter's title, level 1, set like a level 2 heading)."""
        self._pending.append((clean_text(text), level, look or level))

    def _heading_height(self, text: str, look: int) -> float:
        size = self._HEADING_SIZE[look]
        self._font(size, bold=True)
        lines = self.pdf.multi_cell(0, size * 0.5, text, dry_run=True, output="HEIGHT", align="L")
        return self._SPACE_BEFORE[look] + lines + (4.5 if look == 1 else 1.2)

    def _pending_height(self) -> float:
        return sum(self._heading_height(t, look) for t, _, look in self._pending) + (
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
        for text, level, look in pending:
            self._draw_heading(text, level, look)
        if pending and self._pending_space:
            self.pdf.ln(self._pending_space)
        self._pending_space = 0.0

    def _draw_heading(self, text: str, level: int, look: int) -> None:
        size = self._HEADING_SIZE[look]
        if self.pdf.get_y() > self.pdf.t_margin + 1:
            self.pdf.ln(self._SPACE_BEFORE[look])
        self._font(size, bold=True)
        self.pdf.start_section(text, level - 1, strict=False)  # the outline entry
        with self._tags.content(f"H{level}"):
            self.pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        if look == 1:
            self.pdf.set_draw_color(*BLUE)
            self.pdf.set_line_width(0.6)
            y = self.pdf.get_y() + 1.5
            with self._tags.artifact():
                self.pdf.line(MARGIN, y, MARGIN + self.width, y)
            self.pdf.set_y(y + 3)
            self._section = ""
        else:
            self._section = text
            self.pdf.ln(1.2)

    def _lines_height(
        self,
        text: str,
        line: float,
        *,
        width: float = 0,
        size: float = 10,
        bold: bool = False,
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
        with self._tags.content("P"):
            self.pdf.multi_cell(
                0, LINE, clean_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
            )
        self.pdf.ln(1.5)

    def field(self, label: str, value: object) -> None:
        """A labelled answer: the label small and bold, the value below it (tagged as a
        ``Div`` of two ``P``: the value is read after its label)."""
        text = clean_text(value).strip() or "–"
        label_height = self._lines_height(label, LABEL_LINE, size=8.5, bold=True, most=3)
        self._begin(label_height + self._lines_height(text, LINE) + 2)
        with self._tags.group("Div"):
            self._font(8.5, bold=True)
            self.pdf.set_text_color(*LABEL_GREY)
            with self._tags.content("P"):
                self.pdf.multi_cell(
                    0,
                    LABEL_LINE,
                    clean_text(label),
                    new_x=XPos.LMARGIN,
                    new_y=YPos.NEXT,
                    align="L",
                )
            self.pdf.set_text_color(*BLACK)
            self._font(10)
            with self._tags.content("P"):
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
                with self._tags.group("Div"):  # label, then its value, then the next pair
                    self._font(8.5, bold=True)
                    pdf.set_text_color(*LABEL_GREY)
                    with self._tags.content("P"):
                        pdf.multi_cell(
                            col,
                            LABEL_LINE,
                            clean_text(label),
                            new_x=XPos.LEFT,
                            new_y=YPos.NEXT,
                            align="L",
                        )
                    pdf.set_text_color(*BLACK)
                    self._font(10)
                    with self._tags.content("P"):
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
        with self._tags.content("P"):
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
        with self._tags.content("P"):
            self.pdf.multi_cell(
                0, LABEL_LINE, clean_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
            )
        self.pdf.set_text_color(*BLACK)
        self.pdf.ln(1)

    def small_height(self, text: str) -> float:
        """How many mm :meth:`small` takes for ``text``, the space after it included."""
        self._font(8.5)
        return (
            self.pdf.multi_cell(
                0, LABEL_LINE, clean_text(text), dry_run=True, output="HEIGHT", align="L"
            )
            + 1
        )

    def notice(self, text: str, *, bold: bool = False) -> None:
        """A framed note across the page (a reminder the reader must not miss)."""
        self._framed(text, size=9.5, bold=bold, line=5, frame=(BLUE, PALE_BLUE, 0.4), pad=2)
        self.pdf.ln(3)

    def paper_note(self, text: str) -> None:
        """The quiet framed line at the top of a blank form: what this paper version is for."""
        grey = ((150, 150, 150), (245, 245, 245), 0.2)
        self._framed(text, size=8.5, bold=False, line=LABEL_LINE, frame=grey, pad=1.8)
        self.pdf.ln(4)

    def _framed(self, text: str, *, size: float, bold: bool, line: float, frame, pad: float):
        """``text`` in a box across the page; ``frame`` is (border colour, fill, line width)."""
        pdf = self.pdf
        border, fill, width = frame
        self._begin(self._lines_height(text, line, size=size, bold=bold, most=3) + 4)
        pdf.set_draw_color(*border)
        pdf.set_fill_color(*fill)
        pdf.set_line_width(width)
        self._font(size, bold)
        with self._tags.content("P"):  # the frame is drawn with the text, line by line
            pdf.multi_cell(
                0,
                line,
                clean_text(text),
                border=1,
                fill=True,
                padding=pad,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
                align="L",
            )
        pdf.set_fill_color(*WHITE)

    def bullets(self, items: Iterable[str]) -> None:
        """A bulleted list (tagged ``L``, an ``LI`` with its ``LBody`` for each item)."""
        items = list(items)
        self._begin(self._lines_height(items[0] if items else "", LINE))
        self._font(10)
        with self._tags.group("L"):
            for item in items:
                self.pdf.set_x(MARGIN)
                with self._tags.group("LI"), self._tags.content("LBody"):
                    self.pdf.multi_cell(
                        0,
                        LINE,
                        "\u2022  " + clean_text(item),
                        new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT,
                        align="L",
                    )
        self.pdf.ln(1.5)

    def checkbox(self, label: str, checked: bool | None = False) -> None:
        """A tick box with a label; ``checked=None`` draws an empty box for handwriting. A
        ``P`` whose box reads as "Kryssad ruta:" or "Tom ruta:" before the label."""
        self._begin(LINE + 1)
        x, y = MARGIN, self.pdf.get_y()
        self.pdf.set_draw_color(*BLACK)
        self.pdf.set_line_width(0.3)
        with self._tags.group("P") as paragraph:
            with self._tags.content("Span", actual_text=BOX_TEXT[bool(checked)]):
                self.pdf.rect(x, y + 0.6, BOX, BOX)
                if checked:
                    self.pdf.line(x + 0.8, y + 2.8, x + 1.8, y + 4)
                    self.pdf.line(x + 1.8, y + 4, x + 3.4, y + 1.2)
            self.pdf.set_xy(x + 6, y)
            self._font(10)
            with self._tags.marked(paragraph):
                self.pdf.multi_cell(
                    self.width - 6,
                    LINE,
                    clean_text(label),
                    new_x=XPos.LMARGIN,
                    new_y=YPos.NEXT,
                    align="L",
                )
        self.pdf.ln(0.8)

    def tick_boxes(self, labels: Sequence[str]) -> None:
        """Empty tick boxes side by side, wrapping to the next line when the page is full."""
        pdf = self.pdf
        self._begin(6.5)
        self._font(10)
        x, y = pdf.l_margin, pdf.get_y()
        with self._tags.group("L"):  # an LI for each box: its Lbl ("Tom ruta:"), its LBody
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
                with self._tags.group("LI"):
                    with self._tags.content("Lbl", actual_text=BOX_TEXT[False]):
                        pdf.rect(x, y + 0.6, BOX, BOX)
                    pdf.set_xy(x + BOX + 2, y)
                    with self._tags.content("LBody"):
                        pdf.cell(width - BOX - 2, LINE, text)
                x += width
        pdf.set_xy(pdf.l_margin, y + 8)

    def write_in(self, label: str, lines: int = 1, hint: str = "") -> None:
        """A label followed by ruled lines for handwriting (blank forms)."""
        self._begin(5 + lines * 8)
        self._font(8.5, bold=True)
        self.pdf.set_text_color(*LABEL_GREY)
        text = clean_text(label) + (f" ({clean_text(hint)})" if hint else "")
        with self._tags.content("P"):
            self.pdf.multi_cell(0, LABEL_LINE, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.pdf.set_text_color(*BLACK)
        self.pdf.set_draw_color(*RULE_GREY)
        self.pdf.set_line_width(0.2)
        with self._tags.artifact():  # the lines to write on
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
                with self._tags.content("P"):
                    pdf.multi_cell(
                        col, LABEL_LINE, text, new_x=XPos.LEFT, new_y=YPos.NEXT, align="L"
                    )
                pdf.set_text_color(*BLACK)
                pdf.set_draw_color(*RULE_GREY)
                pdf.set_line_width(0.2)
                with self._tags.artifact():
                    pdf.line(x, y0 + label_h + WRITE_LINE, x + col, y0 + label_h + WRITE_LINE)
            pdf.set_xy(pdf.l_margin, y0 + label_h + WRITE_LINE + 3)

    def column_widths(self, headings: Sequence[str], rows: Sequence[Sequence[str]]) -> list[float]:
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
        self._begin(
            self._row_height(headings, mm, LINE, bold=True) + self._row_height(first, mm, line) + 1
        )
        if blank_rows:
            self.pdf.set_draw_color(*HINT_GREY)
            self.pdf.set_line_width(0.2)
        else:
            self.pdf.set_draw_color(*BLUE)
            self.pdf.set_line_width(0.3)
        caption = clean_text(self._section if continued is None else continued)
        caption = f"{caption} (forts.)" if caption else "(forts.)"
        width = sum(widths)
        columns = [w / width * self.width for w in widths]
        with self._tags.group("Table"):
            self._table_rows([clean_text(h) for h in headings], all_rows, columns, line, caption)
        self.pdf.ln(3)

    def _table_rows(
        self,
        headings: list[str],
        rows: list[list[str]],
        columns: list[float],
        line: float,
        caption: str,
    ) -> None:
        """Draw the heading row (``TH``, scope Column) and the rows (``TD``), a row never
        split: a row that does not fit starts a page, which begins with ``caption`` and the
        heading row again, both artifacts (a screen reader reads the heading row once)."""
        pdf = self.pdf
        texts = [
            self._cell_heights(row, columns, line, head=i == 0)
            for i, row in enumerate([headings, *rows])
        ]
        heights = [max(cells, default=0.0) or line for cells in texts]
        if rows and pdf.will_page_break(heights[0] + heights[1]):
            self._table_page_break()
        for index, row in enumerate([headings, *rows]):
            if pdf.will_page_break(heights[index]):
                self._table_page_break()
                if pdf.y + heights[index] > pdf.page_break_trigger:
                    raise ValueError(f"table row {index} is taller than a page")
                if index > 0:
                    with self._tags.artifact("/Type /Pagination"):
                        self._continued(caption)
                        self._table_row(headings, columns, texts[0], heights[0], line, tag="")
            with self._tags.group("TR"):
                self._table_row(
                    row,
                    columns,
                    texts[index],
                    heights[index],
                    line,
                    tag="TH" if index == 0 else "TD",
                )

    def _cell_heights(
        self, cells: Sequence[str], columns: Sequence[float], line: float, *, head: bool
    ) -> list[float]:
        """The height of each cell's text in a table row (0 for an empty cell)."""
        self._font(9, head)
        return [
            self._cell_text(width, line, text, dry_run=True, output="HEIGHT") if text else 0.0
            for text, width in zip(cells, columns, strict=True)
        ]

    def _cell_text(self, width: float, line: float, text: str, **measure):
        """A table cell's text from the current position; with ``measure`` (fpdf2's
        ``dry_run`` and ``output``) its height, laid out exactly as it will be drawn."""
        return self.pdf.multi_cell(
            width,
            line,
            text,
            max_line_height=line,
            align="L",
            new_x=XPos.RIGHT,
            new_y=YPos.TOP,
            **measure,
        )

    def _table_page_break(self) -> None:
        x = self.pdf.x
        self.pdf.add_page(same=True)
        self.pdf.x = x

    def _continued(self, caption: str) -> None:
        """The line "<section> (forts.)" at the top of a page a table continues on."""
        pdf = self.pdf
        pdf.set_font(FAMILY, "B", 9.5)
        pdf.set_text_color(*LABEL_GREY)
        pdf.multi_cell(0, LABEL_LINE + 0.6, caption, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        pdf.set_text_color(*BLACK)
        pdf.ln(1)

    def _table_row(
        self,
        cells: Sequence[str],
        columns: Sequence[float],
        text_heights: Sequence[float],
        height: float,
        line: float,
        *,
        tag: str,
    ) -> None:
        """One row of cells, each framed (the heading row's filled) with its text centred
        vertically. With ``tag`` (``TH`` or ``TD``) each cell is such an element and its frame
        an artifact; without, the caller has made the whole row an artifact."""
        pdf = self.pdf
        head = tag != "TD"
        y = pdf.y
        x = pdf.l_margin
        self._font(9, head)
        for text, width, text_height in zip(cells, columns, text_heights, strict=True):
            with self._tags.artifact() if tag else _nothing():
                self._cell_frame(x, y, width, height, head=head)
            if text:
                pdf.set_xy(x, y + (height - text_height) / 2)
                scope = "Column" if tag == "TH" else ""
                with self._tags.content(tag, scope=scope) if tag else _nothing():
                    self._cell_text(width, line, text)
            elif tag:
                with self._tags.group(tag):
                    pass  # an empty cell, to write in by hand
            x += width
        pdf.set_y(y)
        pdf.ln(height)

    def _cell_frame(self, x: float, y: float, width: float, height: float, *, head: bool) -> None:
        """A cell's frame, filled as fpdf2's tables filled it: the heading row pale blue,
        unless a fill colour was set before (a notice sets white), which then fills every
        cell (so the blank forms' heading rows are white)."""
        pdf = self.pdf
        fill = pdf.fill_color
        if fill != pdf.DEFAULT_FILL_COLOR:
            pdf.rect(x, y, width, height, style="DF")
        elif head:
            pdf.set_fill_color(*PALE_BLUE)
            pdf.rect(x, y, width, height, style="DF")
            pdf.set_fill_color(fill)
        else:
            pdf.rect(x, y, width, height, style="D")

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
        below it. The flow continues with :meth:`resume_at`. A ``P``: blocks are read in the
        order they are placed, before what follows."""
        self._flush()
        self.pdf.set_xy(x, y)
        self._font(size, bold)
        with self._tags.content("P"):
            self.pdf.multi_cell(
                width,
                line_height,
                clean_text(text),
                new_x=XPos.LEFT,
                new_y=YPos.NEXT,
                align="L",
            )
        return self.pdf.get_y()

    def block_height(
        self,
        width: float,
        text: str,
        *,
        size: float = 9,
        bold: bool = False,
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
            with self._tags.artifact("/Type /Pagination /Subtype /Footer"):
                self._footer(f"Sida {shown} ({count})", created)
        pdf.page = total
        pdf.set_text_color(0, 0, 0)

    def _footer(self, number: str, created: str) -> None:
        """One page's footer: a rule, the title (and date), the page number."""
        pdf = self.pdf
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
        pdf.cell(self.width * 0.25, 4, number, align="R")

    def _finish_tagging(self) -> None:
        """What PDF/UA asks of the catalog and pages that fpdf2 has no call for: the tab
        order of every page follows the structure (``/Tabs /S``), and the header says
        PDF 1.7, the version PDF/UA-1 builds on."""
        self._tags.tree.finish()
        for page in self.pdf.pages.values():
            page.tabs = Name("S")  # fpdf2 writes every attribute of its page objects
        self.pdf.pdf_version = max(self.pdf.pdf_version, "1.7")

    def output(self) -> bytes:
        """Finish the document (footers, tagging) and return the PDF bytes."""
        self._flush()
        self._footers()
        self._finish_tagging()
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

"""Read a tagged PDF's structure with pikepdf: the structure tree, the marked content of every
page, the text of each marked-content sequence (through the fonts' ToUnicode maps) and the
outline. For tests that check what a screen reader gets (tests/test_pdf_tagging.py)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pikepdf

# Operators that put something on the page (ISO 32000-1, tables 51, 59, 107).
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
PAINTING = TEXT_SHOWING | {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do"}


@dataclass
class Piece:
    """A line of text drawn on a page: where, and in which marked content."""

    page: int
    x: float
    y: float
    text: str
    mcid: int | None  # None: an artifact (or, for a broken file, no marked content)
    tag: str


@dataclass
class Paint:
    """A painting operator and the marked content around it (innermost first)."""

    page: int
    operator: str
    marks: tuple[str, ...]  # e.g. ("/P mcid 3",) or ("/Artifact",); empty: not marked


@dataclass
class Node:
    """A structure element: its role, attributes and kids (elements or (page, mcid))."""

    role: str
    actual_text: str | None
    scope: str | None
    kids: list[Node | tuple[int, int]] = field(default_factory=list)
    obj: pikepdf.Object | None = None

    def walk(self):
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()


class TaggedPdf:
    """A PDF opened for reading its tags."""

    def __init__(self, data: bytes) -> None:
        self.pdf = pikepdf.open(io.BytesIO(data))
        self.page_numbers = {
            page.obj.objgen: number for number, page in enumerate(self.pdf.pages, start=1)
        }
        self.pieces: list[Piece] = []
        self.paints: list[Paint] = []
        self.unmapped: list[tuple[int, int]] = []  # (page, glyph id) without a Unicode value
        for number, page in enumerate(self.pdf.pages, start=1):
            self._read_page(number, page)

    # -- content streams ---------------------------------------------------------------------

    def _read_page(self, number: int, page: pikepdf.Page) -> None:
        fonts = {name: _to_unicode(font) for name, font in page.Resources.Font.items()}
        marks: list[str] = []
        font: dict[int, str] = {}
        x = y = 0.0
        for instruction in pikepdf.parse_content_stream(page):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                self.paints.append(Paint(number, "BI", tuple(reversed(marks))))
                continue
            op, args = str(instruction.operator), instruction.operands
            if op in ("BDC", "BMC"):
                tag = str(args[0])
                if op == "BDC" and isinstance(args[1], pikepdf.Dictionary) and "/MCID" in args[1]:
                    tag += f" mcid {int(args[1].MCID)}"
                marks.append(tag)
            elif op == "EMC":
                marks.pop()
            elif op == "Tf":
                font = fonts[str(args[0])]
            elif op == "Td":
                x, y = float(args[0]), float(args[1])
            if op in PAINTING:
                self.paints.append(Paint(number, op, tuple(reversed(marks))))
            if op in TEXT_SHOWING:
                self.pieces.append(self._piece(number, x, y, args, font, marks))

    def _piece(
        self, page: int, x: float, y: float, args, font: dict[int, str], marks: list[str]
    ) -> Piece:
        strings = (
            args[-1]
            if not isinstance(args[-1], pikepdf.Array)
            else [s for s in args[-1] if isinstance(s, pikepdf.String)]
        )
        if isinstance(strings, pikepdf.String):
            strings = [strings]
        chars = []
        for string in strings:
            raw = bytes(string)
            for i in range(0, len(raw), 2):
                glyph = int.from_bytes(raw[i : i + 2], "big")
                text = font.get(glyph, "")
                if not text or glyph == 0 or text in ("\x00", "\ufeff", "\ufffe"):
                    self.unmapped.append((page, glyph))
                chars.append(text)
        mark = marks[-1] if marks else ""
        match = re.match(r"(/\w+) mcid (\d+)$", mark)
        return Piece(
            page,
            x,
            y,
            "".join(chars),
            int(match[2]) if match else None,
            match[1] if match else mark,
        )

    def text_of(self, page: int, mcid: int) -> str:
        """The text of one marked-content sequence, its lines joined by spaces."""
        return " ".join(p.text for p in self.pieces if p.page == page and p.mcid == mcid)

    # -- structure tree ----------------------------------------------------------------------

    def tree(self) -> Node:
        """The ``Document`` element and everything below it."""
        root = self.pdf.Root.StructTreeRoot
        (document,) = _kids(root.K)
        return self._node(document, None)

    def _node(self, obj: pikepdf.Dictionary, page: int | None) -> Node:
        if "/Pg" in obj:
            page = self.page_numbers[obj.Pg.objgen]
        attributes = obj.get("/A")
        scope = (
            str(attributes.Scope)
            if isinstance(attributes, pikepdf.Dictionary) and ("/Scope" in attributes)
            else None
        )
        actual = obj.get("/ActualText")
        node = Node(str(obj.S), str(actual) if actual is not None else None, scope, obj=obj)
        for kid in _kids(obj.get("/K")):
            if isinstance(kid, int):
                node.kids.append((page, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                node.kids.append((self.page_numbers[kid.Pg.objgen], int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary):
                node.kids.append(self._node(kid, page))
        return node

    def reading(self, node: Node | None = None) -> list[tuple[str, Node, tuple[int, int] | None]]:
        """What a screen reader reads, in order: ``(text, element, (page, mcid))`` for each
        marked-content sequence, or the element's ActualText in place of its content."""
        node = node or self.tree()
        if node.actual_text is not None:
            return [(node.actual_text, node, None)]
        out = []
        for kid in node.kids:
            if isinstance(kid, Node):
                out.extend(self.reading(kid))
            else:
                out.append((self.text_of(*kid), node, kid))
        return out

    def structure_text(self) -> str:
        """The document's text in structure order, whitespace collapsed."""
        return " ".join(" ".join(text for text, _, _ in self.reading()).split())

    def tagged_text_in_drawing_order(self) -> str:
        """The text of the tagged (not artifact) content in the order it is drawn, with each
        element's ActualText where its content begins, whitespace collapsed."""
        actual = {}
        for node in self.tree().walk():
            if node.actual_text is not None:
                for kid in node.kids:
                    if not isinstance(kid, Node):
                        actual.setdefault(kid, node.actual_text)
        out, seen = [], set()
        for paint in self.paints:
            match = re.match(r"/\w+ mcid (\d+)$", paint.marks[0]) if paint.marks else None
            if not match:
                continue
            key = (paint.page, int(match[1]))
            if key in seen:
                continue
            seen.add(key)
            out.append(actual.get(key) or self.text_of(*key))
        return " ".join(" ".join(out).split())

    def headings(self) -> list[tuple[int, str]]:
        """``(level, text)`` of every ``H1``–``H6`` in the structure tree, in order."""
        out = []
        for node in self.tree().walk():
            if re.fullmatch(r"/H[1-6]", node.role):
                text = " ".join(t for t, _, _ in self.reading(node))
                out.append((int(node.role[2]), " ".join(text.split())))
        return out

    def outline(self) -> list[tuple[int, str]]:
        """``(level, title)`` of every outline entry (bookmark), in order, level 1 on top."""
        out: list[tuple[int, str]] = []

        def visit(item, level):
            while item is not None:
                out.append((level, str(item.Title)))
                if "/First" in item:
                    visit(item.First, level + 1)
                item = item.get("/Next")

        if "/Outlines" in self.pdf.Root:
            visit(self.pdf.Root.Outlines.get("/First"), 1)
        return out

    def parent_tree(self) -> dict[tuple[int, int], pikepdf.Object]:
        """``(page, mcid)`` -> the element the parent tree names as its owner."""
        nums = list(self.pdf.Root.StructTreeRoot.ParentTree.Nums)
        by_key = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        out = {}
        for number, page in enumerate(self.pdf.pages, start=1):
            if "/StructParents" in page.obj:
                for mcid, owner in enumerate(by_key[int(page.obj.StructParents)]):
                    out[(number, mcid)] = owner
        return out


def _kids(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def _to_unicode(font: pikepdf.Dictionary) -> dict[int, str]:
    """Glyph id -> text, from a Type0 font's ToUnicode CMap (bfchar and bfrange)."""
    if "/ToUnicode" not in font:
        return {}
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(dst, 16)
            for offset, glyph in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[glyph] = chr(start + offset)
    return out

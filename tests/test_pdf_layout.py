"""SipDocument's layout verbs are the only way to lay out a PDF (forms/pdf.py): renderers say
what a piece is, and the tagged-PDF work can hang its structure on exactly these verbs."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

from forms import pdf

try:
    from pdflines import body_runs, pages_ending_with_a_heading
except ImportError:  # tests/ imported as a package
    from tests.helpers.pdflines import body_runs, pages_ending_with_a_heading

ROOT = Path(__file__).resolve().parent.parent

# A renderer reaching inside the document: a private member, or fpdf2 itself.
REACHING_IN = re.compile(r"\b(doc|self\.doc|document)\.(_[a-z]\w*|pdf\b)|\._(font|ensure_space)\(")


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def positions(data: bytes) -> dict[str, tuple[float, float]]:
    """Where each piece of text of the first page starts (x, y from the bottom), in points."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.setdefault(text.strip(), (round(tm[4], 1), round(tm[5], 1)))

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return found


class TestNoReachingIn:
    def test_no_module_outside_pdf_py_touches_fpdf2_or_private_members(self):
        """Every Python file but forms/pdf.py lays out PDFs through the public verbs only."""
        offenders = []
        for folder in ("forms", "macros", "release", "tests", "tools"):
            for path in sorted((ROOT / folder).rglob("*.py")):
                if path == ROOT / "forms" / "pdf.py" or path == Path(__file__):
                    continue
                for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
                    if REACHING_IN.search(line):
                        offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
        assert offenders == []

    def test_the_pattern_catches_what_it_should(self):
        """The check above is not vacuous."""
        for line in (
            "doc._font(9)",
            "doc.pdf.set_xy(1, 2)",
            "doc._ensure_space(4)",
            "x._font(9, bold=True)",
        ):
            assert REACHING_IN.search(line), line
        assert not REACHING_IN.search("doc.field_grid(pairs)")

    def test_every_public_verb_is_documented_in_the_module_docstring(self):
        """forms/pdf.py's docstring lists every public method and property of SipDocument."""
        public = [name for name in vars(pdf.SipDocument) if not name.startswith("_")]
        assert len(public) > 20
        missing = [
            name
            for name in public
            if f"``{name}" not in pdf.__doc__
            and f"``{name}(" not in pdf.__doc__
            and f", ``{name}" not in pdf.__doc__
        ]
        assert missing == []


class TestVerbs:
    @staticmethod
    def nearly_full_page(keep: float | None) -> list[str]:
        doc = pdf.SipDocument("Prov")
        for number in range(35):  # one line each: about 235 of the page's 253 mm
            doc.paragraph(f"Rad {number}")
        if keep is not None:
            doc.keep_together(keep)
        doc.field("Hålls ihop", "Värde")
        return pages(doc.output())

    def test_keep_together_moves_a_block_that_does_not_fit_to_the_next_page(self):
        """A block kept together starts on a new page rather than being split; without it,
        the same field stays on the first page."""
        kept = self.nearly_full_page(60)
        assert len(kept) == 2 and "Hålls ihop" in kept[1] and "Rad 34" in kept[0]
        assert "Hålls ihop" in self.nearly_full_page(None)[0]

    def test_field_grid_puts_short_answers_side_by_side(self):
        """Three short answers share a row: their labels on one line, left to right."""
        doc = pdf.SipDocument("Prov")
        doc.field_grid([("Datum", "2026-05-04"), ("Start", "09:00"), ("Slut", "10:00")])
        at = positions(doc.output())
        assert at["Datum"][1] == at["Start"][1] == at["Slut"][1]
        assert at["Datum"][0] < at["Start"][0] < at["Slut"][0]
        assert at["2026-05-04"][1] < at["Datum"][1]  # the value below its label

    def test_letter_block_places_text_and_the_flow_resumes_below(self):
        """A letter's address sits where it is put; the text after it follows below."""
        doc = pdf.SipDocument("Brev")
        below = doc.letter_block(
            110, 45, 85, "Eva Lind\nBox 12\n652 21 Karlstad", size=10.5, line_height=5
        )
        assert below == 45 + 3 * 5
        doc.resume_at(below + 8)
        doc.paragraph("Brödtext")
        at = positions(doc.output())
        assert at["Eva Lind"][0] == at["Box 12"][0] > at["Brödtext"][0]
        assert at["Brödtext"][1] < at["652 21 Karlstad"][1] < at["Eva Lind"][1]


class TestKeepWithNext:
    @staticmethod
    def filled_to(mm: float) -> pdf.SipDocument:
        """A document whose first page is filled with one-line paragraphs to about ``mm``."""
        doc = pdf.SipDocument("Prov")
        doc.spacer(mm)
        return doc

    def test_no_heading_ends_a_page_wherever_it_falls(self):
        """A heading followed by a field, a paragraph, a table or another heading, placed at
        every height of the last 50 mm of the page in 1 mm steps: no page ever ends with the
        heading as its last line, and the heading always shares a page with what follows."""
        followers = {
            "field": lambda d: d.field("Etikett", "Första raden " * 30),
            "paragraph": lambda d: d.paragraph("Brödtext " * 60),
            "table": lambda d: d.table(["A", "B"], [["1", "2"]] * 3),
            "heading": lambda d: (d.heading("Underrubrik", 3), d.paragraph("Text " * 40)),
        }
        for name, follow in followers.items():
            for mm in range(215, 262):  # the last 50 mm of the page, where it can go wrong
                doc = self.filled_to(mm)
                doc.heading("Rubriken", 2)
                follow(doc)
                data = doc.output()
                assert pages_ending_with_a_heading(data) == [], (name, mm)
                runs = [r for page in body_runs(data) for r in page]
                assert runs[0].text == "Rubriken"
                assert len(runs) > 1

    def test_without_a_follower_a_heading_is_still_drawn(self):
        """A heading at the very end of a document is printed all the same."""
        doc = pdf.SipDocument("Prov")
        doc.heading("Sist", 2)
        assert "Sist" in pages(doc.output())[0]

    def test_space_after_a_waiting_heading_comes_below_it(self):
        """A spacer asked for after a heading comes between the heading and the text."""
        doc = pdf.SipDocument("Prov")
        doc.heading("Rubrik", 2)
        doc.spacer(20)
        doc.paragraph("Text")
        at = positions(doc.output())
        assert at["Rubrik"][1] - at["Text"][1] > 20 * 72 / 25.4


class TestTableContinues:
    def test_a_broken_table_repeats_its_heading_row_under_the_section_and_forts(self):
        """A table that runs onto the next page starts it with "<section> (forts.)" and its
        heading row again; the first page has neither caption."""
        doc = pdf.SipDocument("Prov")
        doc.heading("Närvarande", 2)
        doc.table(["Namn", "Roll"], [[f"Person {i}", f"Roll {i}"] for i in range(80)])
        data = doc.output()
        texts = pages(data)
        assert len(texts) >= 2
        assert "(forts.)" not in texts[0]
        for page in texts[1:]:
            assert page.startswith("Närvarande (forts.)\nNamn Roll")
        caption = body_runs(data)[1][0]
        assert caption.text == "Närvarande (forts.)" and caption.bold

    def test_named_continuation_and_none_after_the_table(self):
        """``continued=`` names the caption; after the table, new pages have none."""
        doc = pdf.SipDocument("Prov")
        doc.table(
            ["Mål", "Ansvarig"],
            [[f"Mål {i}", "Ida"] for i in range(80)],
            continued="Vem ansvarar för vad",
        )
        doc.restart_numbering()
        doc.paragraph("Nästa brev")
        texts = pages(doc.output())
        assert texts[1].startswith("Vem ansvarar för vad (forts.)")
        assert "(forts.)" not in texts[-1]

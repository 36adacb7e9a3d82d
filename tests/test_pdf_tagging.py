"""Every PDF the portal makes is tagged for PDF/UA-1: what a screen reader gets from it.

Two kinds of check. The PyPI package ``pdfua`` checks the machine-checkable part it covers
(16 of the 106 rules of veraPDF's PDF/UA-1 profile; its README lists what it leaves out), and
is first shown to catch PDFs broken on purpose. Our own checks (pikepdf, ``tests/pdftags.py``)
look at the rest that a user would notice: all content marked, headings equal to the outline,
tables with header cells, lists, the reading order, the catalog and the fonts' Unicode maps.
"""

from __future__ import annotations

import io
import itertools
import re
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest
from helpers.answers import thirty_goal_rows
from pdftags import Node, TaggedPdf
from pdfua import validate
from pypdf import PdfReader
from test_blanketter_common import IDS, LONG, MODULES, clean

from forms import behov, demo
from forms import pdf as layout
from forms.blanketter import kallelse, plan

CREATED = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)


def thirty_goals() -> dict:
    """The plan with 30 goals of ordinary length."""
    return clean("sip-plan", mal=thirty_goal_rows())


def assessment() -> dict:
    answers = {
        "lan": "varmland",
        "verksamheter": ["socialtjanst", "regionens_hsv"],
        "samtycke": "ja",
    }
    return behov.validate(answers).answers


@pytest.fixture(scope="module")
def every_pdf() -> dict[str, bytes]:
    """Every kind of PDF the portal makes: each blankett blank, filled and long, the letters,
    the plan with 30 goals, the needs assessment and the demo."""
    out = {}
    for form_id in IDS:
        module = MODULES[form_id]
        out[f"{form_id} blank"] = module.render_blank()
        out[f"{form_id} filled"] = module.render(clean(form_id), created=CREATED)
        out[f"{form_id} long"] = module.render(clean(form_id, **LONG[form_id]()), created=CREATED)
    out["kallelse letters"] = kallelse.render(clean("kallelse"), created=CREATED, variant="brev")
    out["sip-plan 30 goals"] = plan.render(thirty_goals(), created=CREATED)
    out["needs assessment"] = behov.render(assessment(), created=CREATED)
    out["demo"] = demo.render({"namn": "Åsa Öhman-Łukasik"}, created=CREATED)
    return out


def pdfua_report(data: bytes, tmp_path: Path, name: str = "prov.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return validate(str(path))


def findings(report) -> list[str]:
    """Each finding as "rule: message", and each rule that could not run."""
    out = [f"{f.rule_id}: {f.message}" for f in report.findings]
    return out + [f"{o.rule_id} not run: {o.skipped_reason}" for o in report.skipped]


# -- our own checks: each returns what is wrong, so a test can show that it catches it -------


def unmarked_content(pdf: TaggedPdf) -> list[str]:
    """Painting operators (text, paths, images) outside marked content, or inside marked
    content nested in other marked content."""
    return [
        f"page {p.page}: {p.operator} in {p.marks or 'nothing'}"
        for p in pdf.paints
        if len(p.marks) != 1
    ]


def untied_content(pdf: TaggedPdf) -> list[str]:
    """Marked content that is neither an artifact nor tied, both ways, to a structure
    element: an MCID of a page that no element (or the parent tree) claims, or an element's
    MCID that no page draws."""
    drawn = set()
    for paint in pdf.paints:
        if paint.marks and paint.marks[0] != "/Artifact":
            match = re.fullmatch(r"/\w+ mcid (\d+)", paint.marks[0])
            if not match:
                return [f"page {paint.page}: {paint.marks[0]} is no artifact and has no MCID"]
            drawn.add((paint.page, int(match[1])))
    owners = {
        kid: node for node in pdf.tree().walk() for kid in node.kids if not isinstance(kid, Node)
    }
    parents = pdf.parent_tree()
    problems = [f"page {p}, MCID {m}: drawn, in no element" for p, m in drawn - owners.keys()]
    problems += [
        f"page {p}, MCID {m}: in an element, never drawn" for p, m in owners.keys() - drawn
    ]
    problems += [
        f"page {p}, MCID {m}: the parent tree names another element"
        for (p, m), node in owners.items()
        if (p, m) not in parents or parents[(p, m)].objgen != node.obj.objgen
    ]
    return problems


def heading_problems(pdf: TaggedPdf) -> list[str]:
    """Headings that differ from the outline, skip a level, start below H1 or are empty."""
    headings = pdf.headings()
    problems = (
        [] if headings == pdf.outline() else [f"headings {headings} but outline {pdf.outline()}"]
    )
    previous = 0
    for level, text in headings:
        if level > previous + 1:
            problems.append(f"H{level} {text!r} after H{previous}")
        if not text:
            problems.append(f"empty H{level}")
        previous = level
    return problems


def table_problems(pdf: TaggedPdf) -> list[str]:
    """Tables whose rows are not TR, whose first row is not header cells with a scope, whose
    other rows are not data cells, or whose rows differ in length."""
    problems = []
    for table in (n for n in pdf.tree().walk() if n.role == "/Table"):
        rows = table.kids
        if not rows or any(not isinstance(r, Node) or r.role != "/TR" for r in rows):
            problems.append("a Table holds something else than TR")
            continue
        head, *body = [[c for c in r.kids if isinstance(c, Node)] for r in rows]
        if any(c.role != "/TH" or c.scope != "/Column" for c in head):
            problems.append(f"first row {[(c.role, c.scope) for c in head]}")
        if any(c.role != "/TD" for row in body for c in row):
            problems.append("a later row holds something else than TD")
        if any(len(row) != len(head) for row in body):
            problems.append("rows of different lengths")
    for node in pdf.tree().walk():
        for kid in node.kids:
            if isinstance(kid, Node) and kid.role in ("/TR", "/TH", "/TD"):
                expected = "/Table" if kid.role == "/TR" else "/TR"
                if node.role != expected:
                    problems.append(f"{kid.role} in {node.role}")
    return problems


def list_problems(pdf: TaggedPdf) -> list[str]:
    """Lists holding anything but LI, list items anything but Lbl and LBody."""
    allowed = {"/L": {"/LI"}, "/LI": {"/Lbl", "/LBody"}}
    return [
        f"{kid.role} in {node.role}"
        for node in pdf.tree().walk()
        if node.role in allowed
        for kid in node.kids
        if not isinstance(kid, Node) or kid.role not in allowed[node.role]
    ]


def catalog_problems(pdf: TaggedPdf) -> list[str]:
    """What PDF/UA asks of the catalog, the metadata, the pages and the fonts."""
    root, problems = pdf.pdf.Root, []
    if root.get("/MarkInfo", {}).get("/Marked") is not True:
        problems.append("MarkInfo /Marked is not true")
    if str(root.get("/Lang")) != "sv-SE":
        problems.append(f"Lang {root.get('/Lang')}")
    if root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
        problems.append("DisplayDocTitle is not true")
    title = str(pdf.pdf.docinfo.get("/Title", ""))
    with pdf.pdf.open_metadata() as xmp:
        if not title or xmp.get("dc:title") != title:
            problems.append(f"title {title!r}, XMP dc:title {xmp.get('dc:title')!r}")
        if xmp.get("pdfuaid:part") != "1":
            problems.append(f"XMP pdfuaid:part {xmp.get('pdfuaid:part')!r}")
    for number, page in enumerate(pdf.pdf.pages, start=1):
        if page.obj.get("/Tabs") != "/S":
            problems.append(f"page {number}: Tabs {page.obj.get('/Tabs')}")
        for name, font in page.Resources.Font.items():
            if "/ToUnicode" not in font:
                problems.append(f"page {number}: font {name} has no ToUnicode")
    problems += [f"page {p}: glyph {g} has no Unicode value" for p, g in pdf.unmapped]
    return problems


CHECKS = (
    unmarked_content,
    untied_content,
    heading_problems,
    table_problems,
    list_problems,
    catalog_problems,
)


# -- broken on purpose --------------------------------------------------------------------------


def rewrite(data: bytes, change) -> bytes:
    """``data`` after ``change(pikepdf.Pdf)``."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def untag_page(pdf: pikepdf.Pdf, number: int = 2) -> None:
    """Drop the marked-content operators of one page: its text and lines are unmarked."""
    page = pdf.pages[number - 1]
    kept = [
        i
        for i in pikepdf.parse_content_stream(page)
        if str(i.operator) not in ("BDC", "BMC", "EMC")
    ]
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))


def elements(pdf: pikepdf.Pdf, role: str):
    return [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == role]


def unscope_headers(pdf: pikepdf.Pdf) -> None:
    """Every TH without its /Scope."""
    for th in elements(pdf, "/TH"):
        del th["/A"]


def empty_headings(pdf: pikepdf.Pdf) -> None:
    """The first heading without its content."""
    del elements(pdf, "/H1")[0]["/K"]


def untitled_viewer(pdf: pikepdf.Pdf) -> None:
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def no_pdfua_claim(pdf: pikepdf.Pdf) -> None:
    """The XMP metadata without the PDF/UA identification (its element and namespace)."""
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    xmp = re.sub(r"\s*<pdfuaid:part>1</pdfuaid:part>", "", xmp)
    xmp = re.sub(r'\s*xmlns:pdfuaid="[^"]*"', "", xmp)
    pdf.Root.Metadata.write(xmp.encode("utf-8"))


def no_language(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Lang"]


def not_marked(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo.Marked = False


def no_structure(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/StructTreeRoot"]


class TestPdfuaCatchesBrokenPdfs:
    """Before trusting a clean run: each way of breaking a tagged PDF is reported."""

    @pytest.mark.parametrize(
        ("breaking", "rule"),
        [
            (untag_page, "UA-01-003"),
            (unscope_headers, "UA-15-003"),
            (empty_headings, "UA-14-001"),
            (untitled_viewer, "UA-07-002"),
            (no_pdfua_claim, "UA-28-004"),
            (no_language, "UA-06-001"),
            (not_marked, "UA-01-002"),
            (no_structure, "UA-01-005"),
        ],
    )
    def test_one_broken_thing_one_finding(self, every_pdf, tmp_path, breaking, rule):
        """The plan with 30 goals, broken in one way, gets a finding of exactly the rule
        that covers it; unbroken it gets none."""
        data = every_pdf["sip-plan 30 goals"]
        assert findings(pdfua_report(data, tmp_path)) == []
        report = pdfua_report(rewrite(data, breaking), tmp_path, "broken.pdf")
        assert {f.rule_id for f in report.findings} == {rule}, findings(report)

    def test_the_untagged_page_is_named(self, every_pdf, tmp_path):
        """A page whose marks are gone is reported by its number, and no other page."""
        report = pdfua_report(rewrite(every_pdf["sip-plan 30 goals"], untag_page), tmp_path)
        assert [f.location.page for f in report.findings] == [2]

    def test_an_untagged_pdf_as_before(self, tmp_path):
        """A PDF from fpdf2 without the tagging layer (as the portal's were) fails."""
        from fpdf import FPDF

        old = FPDF()
        old.add_page()
        old.set_font("helvetica", size=12)
        old.cell(text="SIP-plan")
        rules = {f.rule_id for f in pdfua_report(bytes(old.output()), tmp_path).findings}
        assert {"UA-01-005", "UA-01-002", "UA-07-002", "UA-28-004"} <= rules


class TestOwnChecksCatchBrokenPdfs:
    def test_unmarked_page(self, every_pdf):
        broken = TaggedPdf(rewrite(every_pdf["sip-plan 30 goals"], untag_page))
        problems = unmarked_content(broken)
        assert problems and all(p.startswith("page 2:") for p in problems)
        assert any(" Tj " in p for p in problems) and any(" S " in p for p in problems)

    def test_header_cells_without_scope(self, every_pdf):
        broken = TaggedPdf(rewrite(every_pdf["sip-plan 30 goals"], unscope_headers))
        assert table_problems(broken)

    def test_heading_missing_from_the_outline(self, every_pdf):
        def drop_bookmark(pdf):  # the first section's, under the title's
            title = pdf.Root.Outlines.First
            title.First = title.First.Next

        broken = TaggedPdf(rewrite(every_pdf["demo"], empty_headings))
        assert heading_problems(broken)
        broken = TaggedPdf(rewrite(every_pdf["sip-plan filled"], drop_bookmark))
        assert heading_problems(broken)

    def test_content_owned_by_no_element(self, every_pdf):
        def orphan(pdf):
            del elements(pdf, "/P")[0]["/K"]

        assert untied_content(TaggedPdf(rewrite(every_pdf["demo"], orphan)))

    def test_catalog(self, every_pdf):
        for breaking in (untitled_viewer, no_pdfua_claim, no_language, not_marked):
            assert catalog_problems(TaggedPdf(rewrite(every_pdf["demo"], breaking))), breaking


# -- every PDF ----------------------------------------------------------------------------------


class TestEveryPdf:
    def test_pdfua_finds_nothing(self, every_pdf, tmp_path):
        """pdfua, all 12 of its checks run, finds nothing in any PDF the portal makes."""
        found = {name: findings(pdfua_report(data, tmp_path)) for name, data in every_pdf.items()}
        assert found == {name: [] for name in every_pdf}

    @pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
    def test_own_checks_find_nothing(self, every_pdf, check):
        """All content is marked and tied to the tree, headings equal the outline, tables have
        scoped header cells, lists are lists, catalog, pages and fonts are as PDF/UA asks."""
        found = {name: check(TaggedPdf(data)) for name, data in every_pdf.items()}
        assert found == {name: [] for name in every_pdf}

    def test_read_in_the_order_drawn(self, every_pdf):
        """The structure tree reads the tagged text in the order each page draws it."""
        for name, data in every_pdf.items():
            tagged = TaggedPdf(data)
            assert tagged.structure_text() == tagged.tagged_text_in_drawing_order(), name

    def test_footers_are_artifacts(self, every_pdf):
        """The page numbers are on every page but never read as content."""
        for name, data in every_pdf.items():
            first_page = PdfReader(io.BytesIO(data)).pages[0].extract_text()
            assert re.search(r"Sida 1 \(\d+\)", first_page), name
            assert not re.search(r"Sida \d+ \(\d+\)", TaggedPdf(data).structure_text()), name

    def test_same_answers_same_bytes(self):
        """Tagging keeps the output byte-stable: equal answers and time, equal files."""
        answers = thirty_goals()
        assert plan.render(answers, created=CREATED) == plan.render(answers, created=CREATED)

    def test_reopens_from_the_tagged_pdf(self, every_pdf):
        """The answers attachment is still there."""
        assert layout.read_answers(every_pdf["sip-plan 30 goals"])["svar"] == thirty_goals()


@pytest.fixture(scope="module")
def long_plan(every_pdf) -> TaggedPdf:
    return TaggedPdf(every_pdf["sip-plan 30 goals"])


class TestReadingOrder:
    def test_never_back_up_the_page(self, long_plan):
        """Read in structure order, the text goes down each page and on to the next; it
        goes up only to the next cell of the same row or grid row (a label and its value
        first, then the next pair to the right)."""
        order = {(p.page, p.mcid): [] for p in long_plan.pieces if p.mcid is not None}
        for piece in long_plan.pieces:
            if piece.mcid is not None:
                order[(piece.page, piece.mcid)].append(piece)
        pieces = [p for _, _, key in long_plan.reading() if key for p in order.get(key, [])]
        assert len(pieces) > 500
        backwards = [
            (a.text, b.text)
            for a, b in itertools.pairwise(pieces)
            if b.page < a.page
            or (b.page == a.page and b.y > a.y + 0.1 and not (b.x > a.x and b.y - a.y < 40))
        ]
        assert backwards == []

    def test_each_goal_whole_and_in_order(self, long_plan):
        """Each goal and its insatser read as one text, goal after goal, even where a page
        breaks inside them: no footer or "(forts.)" in between."""
        text = long_plan.structure_text()
        goals = thirty_goals()["mal"]
        places = []
        for number, goal in enumerate(goals, start=1):
            for value in (f"Mål {number}", goal["mal"], goal["insatser"]):
                assert " ".join(value.split()) in text, value[:40]
            places.append(text.index(" ".join(goal["mal"].split())))
        assert places == sorted(places)

    def test_continued_table_read_once(self, long_plan, every_pdf):
        """The responsibility table breaks over pages: the page shows "(forts.)" and the
        heading row again; the screen reader gets the heading row once and no "(forts.)"."""
        reader = PdfReader(io.BytesIO(every_pdf["sip-plan 30 goals"]))
        page_text = " ".join(p.extract_text() for p in reader.pages)
        assert page_text.count("Vem ansvarar för vad (forts.)") >= 1
        assert page_text.count("Mål Huvudman Ansvarig") >= 2
        text = long_plan.structure_text()
        assert "(forts.)" not in text
        assert text.count("Mål Huvudman Ansvarig") == 1

    def test_headings_are_the_outline(self, long_plan):
        """A screen reader's list of headings is the PDF's bookmarks: the title, the
        sections, each goal."""
        headings = long_plan.headings()
        assert headings[0] == (1, plan.FORM.title)
        assert (3, "Mål 30") in headings and (3, "Vem ansvarar för vad") in headings
        assert headings == long_plan.outline()


class TestWhatIsRead:
    def test_a_grid_reads_each_value_after_its_label(self):
        """Answers side by side: the page shows the labels on one line and the values under
        them; the structure reads label, value, label, value."""
        doc = layout.SipDocument("Prov", created=CREATED)
        doc.field_grid([("Datum", "4 maj"), ("Start", "kl. 09.00"), ("Slut", "kl. 10.30")])
        tagged = TaggedPdf(doc.output())
        assert tagged.structure_text() == "Datum 4 maj Start kl. 09.00 Slut kl. 10.30"
        labels = {p.text: p.y for p in tagged.pieces if p.text in ("Datum", "Start", "Slut")}
        assert len(set(labels.values())) == 1

    def test_tick_boxes_say_whether_they_are_ticked(self):
        doc = layout.SipDocument("Prov", created=CREATED)
        doc.checkbox("Personen deltar", True)
        doc.checkbox("Tolk behövs", False)
        doc.label("Mötesform (kryssa i ett alternativ)")
        doc.tick_boxes(["Fysiskt", "Digitalt"])
        assert TaggedPdf(doc.output()).structure_text() == (
            "Kryssad ruta: Personen deltar Tom ruta: Tolk behövs "
            "Mötesform (kryssa i ett alternativ) Tom ruta: Fysiskt Tom ruta: Digitalt"
        )

    def test_writing_lines_are_artifacts_their_labels_text(self):
        """On paper forms the label of each line is read; the lines are not."""
        doc = layout.SipDocument("Prov", created=CREATED, blank=True)
        doc.write_in("Underskrift", 2)
        doc.write_in_grid(["Ort", "Datum (ÅÅÅÅ-MM-DD)"])
        tagged = TaggedPdf(doc.output())
        assert tagged.structure_text() == "Underskrift Ort Datum (ÅÅÅÅ-MM-DD)"
        strokes = [p.marks for p in tagged.paints if p.operator == "S"]
        assert len(strokes) == 2 + 2 + 1  # two lines, two grid lines, the footer's rule
        assert all(marks == ("/Artifact",) for marks in strokes)

    @pytest.mark.parametrize("form_id", IDS)
    def test_blank_form_reads_every_label(self, every_pdf, form_id):
        """Every question of the blank form is read: its label is tagged text."""
        text = TaggedPdf(every_pdf[f"{form_id} blank"]).structure_text()
        for fld in MODULES[form_id].FORM.all_fields():
            assert " ".join(fld.label.split()) in text, fld.label

    def test_letter_reads_sender_date_address_then_the_letter(self, every_pdf):
        """Each letter reads: who sends it, the date, whom it is to, the subject (its H1),
        then the text and the signature."""
        text = TaggedPdf(every_pdf["kallelse letters"]).structure_text()
        answers = clean("kallelse")
        first = [
            answers["kallare_verksamhet"],
            answers["kallare_huvudman"],
            "4 maj 2026",
            "Eva Lind Kvarnbergsskolan Box 12 652 21 Karlstad",
            "Kallelse till SIP-möte",
            "Kvarnbergsskolan bjuds in",
            "Med vänlig hälsning",
            "Ali Demir Försäkringskassan",
        ]
        places = [text.index(part) for part in first]
        assert places == sorted(places)

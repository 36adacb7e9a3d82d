"""What the four blanketter share: registry entries, blank PDFs, filled PDFs that hold every
typed answer, reopening a PDF, hostile free text and long cases that paginate.

The valid example answers (``valid_*``) and the PDF helpers live in ``tests/helpers/``.
"""

from __future__ import annotations

import functools
import io
import re
from datetime import date

import pytest
from helpers.answers import (
    VALID,
    day,
    filler,
    thirty_goal_rows,
    typed_values,
    valid_kallelse,
    valid_plan,
    valid_samtycke,
    valid_uppfoljning,
)
from helpers.pdf import body_text, pdf_pages, pdf_text, squash, words_sample
from helpers.pdflines import body_runs, pages_ending_with_a_heading
from pypdf import PdfReader

from forms import registry
from forms.blanketter import kallelse, plan, samtycke, uppfoljning
from forms.pdf import read_answers

MODULES = {"kallelse": kallelse, "sip-plan": plan, "uppfoljning": uppfoljning, "samtycke": samtycke}
IDS = list(MODULES)


def clean(form_id: str, **changes) -> dict:
    """Validated answers of the example for ``form_id`` (asserting that they are valid)."""
    result = MODULES[form_id].validate(VALID[form_id](**changes))
    assert result.errors == []
    return result.answers


# -- tests -------------------------------------------------------------------------------------


class TestRegistry:
    @pytest.mark.parametrize("form_id", IDS)
    def test_id_serves_the_blankett(self, form_id):
        """Each registry id opens the module whose form carries that id."""
        module = registry.get_module(form_id)
        assert module is MODULES[form_id]
        assert module.FORM.id == form_id
        for name in ("validate", "render", "render_blank", "from_saved"):
            assert callable(getattr(module, name))


@pytest.fixture(scope="module", params=IDS)
def blank(request):
    """A blankett module and its blank PDF."""
    module = MODULES[request.param]
    return module, module.render_blank()


class TestBlankPdf:
    def test_is_a_pdf_with_every_heading(self, blank):
        """The blank PDF is a PDF whose text holds the title and every section heading."""
        module, data = blank
        assert data.startswith(b"%PDF")
        text = pdf_text(data)
        assert module.FORM.title in text
        for section in module.FORM.sections:
            assert section.title in text

    def test_says_it_is_the_paper_version(self, blank):
        """The first line says it is the portal's paper version for the reservrutin."""
        _, data = blank
        first = pdf_pages(data)[0]
        assert first.startswith("Pappersversion från SIP-portalen")
        assert "reservrutin" in first[:120]

    def test_footer_and_a4(self, blank):
        """Every page is A4 and has the footer with the title and the page number."""
        module, data = blank
        reader = PdfReader(io.BytesIO(data))
        pages = pdf_pages(data)
        for number, page in enumerate(reader.pages, start=1):
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
                595,
                842,
            )
            assert f"Sida {number} ({len(pages)})" in pages[number - 1]
            assert module.FORM.title in pages[number - 1]
        assert reader.metadata.title == module.FORM.title

    def test_has_boxes_for_every_option(self, blank):
        """Every option of every choice question is printed to tick by hand."""
        module, data = blank
        text = pdf_text(data)
        for fld in module.FORM.all_fields():
            if fld.kind in ("radio", "checkboxes"):
                for option in fld.options:
                    assert option.label in text, option.label

    @pytest.mark.parametrize(
        ("form_id", "document"),
        [("sip-plan", "FOR-18144"), ("uppfoljning", "FOR-18147")],
    )
    def test_names_the_varmland_form_without_claiming_to_be_it(self, form_id, document):
        """Plan and uppföljning name the Värmland reservrutin form and say they are not it;
        they claim no likeness that the rutin does not describe."""
        first = pdf_pages(MODULES[form_id].render_blank())[0]
        assert document in first
        assert f"SIP-portalens egen, inte {document}" in first
        assert "samma syfte" not in first and "motsvarar" not in first


class TestFilledPdf:
    @pytest.mark.parametrize("form_id", IDS)
    def test_holds_every_typed_value(self, form_id):
        """Every answer typed (option values as their labels) is in the PDF text."""
        module = MODULES[form_id]
        answers = clean(form_id)
        text = squash(pdf_text(module.render(answers)))
        for value in typed_values(module.FORM, answers):
            assert squash(value) in text, value

    @pytest.mark.parametrize("form_id", IDS)
    def test_metadata_and_footer(self, form_id):
        """Title metadata is the blankett's title, and the footer carries the creation date."""
        module = MODULES[form_id]
        data = module.render(clean(form_id))
        reader = PdfReader(io.BytesIO(data))
        assert reader.metadata.title == module.FORM.title
        assert f"Skapad {date.today():%Y-%m-%d}" in pdf_pages(data)[0]


class TestReopen:
    @pytest.mark.parametrize("form_id", IDS)
    def test_pdf_to_answers_to_pdf_keeps_answers(self, form_id):
        """PDF -> read_answers gives the same answers, which validate unchanged and give a PDF
        with the same answers again."""
        module = MODULES[form_id]
        answers = clean(form_id)
        saved = read_answers(module.render(answers))
        assert saved == {"blankett": form_id, "svar": answers}
        again = module.validate(saved["svar"])
        assert again.errors == [] and again.answers == answers
        assert read_answers(module.render(again.answers))["svar"] == answers
        assert pdf_text(module.render(again.answers)) == pdf_text(module.render(answers))

    @pytest.mark.parametrize("form_id", IDS)
    def test_own_saved_answers_reopen_unchanged(self, form_id):
        """Opening a saved file of the same blankett prefills it as it was (the plan: as its
        next version)."""
        module = MODULES[form_id]
        answers = clean(form_id)
        prefill = module.from_saved(form_id, answers)
        if form_id == "sip-plan":
            assert prefill["version"] == "2"
        else:
            assert prefill == answers

    @pytest.mark.parametrize("form_id", IDS)
    def test_foreign_file_gives_swedish_message(self, form_id):
        """A file from a blankett that does not fit gives a Swedish ValueError."""
        with pytest.raises(ValueError, match=r"Välj .*fil"):
            MODULES[form_id].from_saved("pdf-prov", {"namn": "Ada"})


# A free-text field of each blankett, and how to put text there.
FREE_TEXT = {
    "kallelse": ("syfte", lambda t: valid_kallelse(syfte=t)),
    "sip-plan": (
        "mal.0.insatser",
        lambda t: valid_plan(mal=[dict(valid_plan()["mal"][0], insatser=t)]),
    ),
    "uppfoljning": ("behov", lambda t: valid_uppfoljning(behov=t)),
    "samtycke": ("barnets_asikt", lambda t: valid_samtycke(barnets_asikt=t)),
}

HOSTILE_LITERAL = [
    "<script>alert(1)</script> <b>fet</b> &amp; &lt;",
    "{{ 7*7 }} {nb} {% if x %} {# kommentar #} ${jndi} %s %(namn)s",
    "Rad ett\nRad två\n\nRad fyra   med    mellanrum",
    "\\n \\x00 \\\\ \"citat\" 'apostrof' ` ´ – — … • ½ € ©",
    "Ω Ж Ł ő ş ğ ə Việt",
    "o" * 3000,
]


class TestHostileText:
    @pytest.mark.parametrize("form_id", IDS)
    @pytest.mark.parametrize("text", HOSTILE_LITERAL)
    def test_printed_literally(self, form_id, text):
        """Markup, template syntax, escapes and long words are printed exactly as typed."""
        _, build = FREE_TEXT[form_id]
        module = MODULES[form_id]
        result = module.validate(build(text))
        assert result.errors == []
        printed = body_text(module.render(result.answers), module.FORM.title).replace(" ", "")
        assert text.replace(" ", "").replace("\n", "") in printed

    @pytest.mark.parametrize("form_id", IDS)
    def test_control_characters_are_refused_by_name(self, form_id):
        """Control characters are never dropped in silence: the field gets a message naming
        them and where the first one is; a tab is allowed."""
        path, build = FREE_TEXT[form_id]
        module = MODULES[form_id]
        result = module.validate(build("a\tb\x00c\x07d\x1be\x7ff\u0085g"))
        assert [(e.path, e.message) for e in result.errors] == [
            (
                path,
                "Texten har osynliga styrtecken (U+0000, U+0007, U+001B), det första efter "
                "\u201da b\u201d. Styrtecken kan inte skrivas ut i PDF:en. Ta bort dem, till "
                "exempel genom att skriva om texten där.",
            )
        ]

    @pytest.mark.parametrize("form_id", IDS)
    @pytest.mark.parametrize("char", ["\x00", "\x07", "\x7f", "\u0085"])
    def test_each_control_character_is_named(self, form_id, char):
        """NUL, BEL, DEL and NEL (the issue's four) each get the message with their code."""
        path, build = FREE_TEXT[form_id]
        result = MODULES[form_id].validate(build(f"rad1{char}rad2"))
        assert [e.path for e in result.errors] == [path]
        assert f"(U+{ord(char):04X}) efter \u201drad1\u201d" in result.errors[0].message

    @pytest.mark.parametrize("form_id", IDS)
    def test_hundred_thousand_characters_get_a_message(self, form_id):
        """100,000 characters give the exact Swedish length message at that field."""
        path, build = FREE_TEXT[form_id]
        module = MODULES[form_id]
        limit = 10_000
        for section in module.FORM.sections:
            for item in section.items:
                if hasattr(item, "fields"):
                    for fld in item.fields:
                        if f"{item.name}.0.{fld.name}" == path:
                            limit = fld.limit
                elif item.name == path:
                    limit = item.limit
        result = module.validate(build("x" * 100_000))
        messages = {(e.path, e.message) for e in result.errors}
        assert messages == {
            (path, f"Texten är för lång (100000 tecken). Det får plats högst {limit} tecken.")
        }

    @pytest.mark.parametrize("form_id", IDS)
    def test_emoji_gets_a_message(self, form_id):
        """A character the PDF font lacks is refused with a message naming it."""
        path, build = FREE_TEXT[form_id]
        result = MODULES[form_id].validate(build("Glad 😀"))
        assert [(e.path, e.message) for e in result.errors] == [
            (
                path,
                "Tecknet \u201d😀\u201d (U+1F600) kan inte skrivas ut i PDF:en. Ta bort det "
                "eller skriv på ett annat sätt.",
            )
        ]

    @pytest.mark.parametrize("form_id", IDS)
    @pytest.mark.parametrize(
        "garbage", [None, [], "text", {"mal": "inte en lista"}, {"deltagare": [1, "x", None]}]
    )
    def test_garbage_gives_messages_not_exceptions(self, form_id, garbage):
        """Answers of the wrong shape give validation messages, never an exception."""
        result = MODULES[form_id].validate(garbage)
        assert result.errors
        assert all(re.search(r"[a-zåäö]", e.message) for e in result.errors)


class TestPaginationAndMargins:
    @pytest.mark.parametrize("form_id", IDS)
    def test_text_stays_inside_the_margins(self, form_id):
        """On every page of a long filled PDF, body text stays between the top margin and the
        bottom margin; below it there is only the footer."""
        module = MODULES[form_id]
        reader = PdfReader(io.BytesIO(long_pdf(form_id)))
        top, bottom = 842 - 18 * 72 / 25.4, (18 + 14 - 6) * 72 / 25.4
        for number, page in enumerate(reader.pages, start=1):
            runs: list[tuple[float, str]] = []

            def visit(text, cm, tm, font, size, runs=runs):
                if text.strip():
                    runs.append((tm[5] * cm[3] + cm[5], text))

            page.extract_text(visitor_text=visit)
            body = [(y, t) for y, t in runs if y >= bottom]
            footer = squash("".join(t for y, t in runs if y < bottom))
            assert body
            assert all(y <= top for y, _ in body)
            assert footer == (
                f"{module.FORM.title} · Skapad {date.today():%Y-%m-%d} "
                f"Sida {number} ({len(reader.pages)})"
            )


def _long_kallelse() -> dict:
    return {
        "syfte": filler(10_000, 1),
        "fragor": filler(10_000, 2),
        "deltagare": [
            {
                "verksamhet": f"Verksamhet nummer {i}",
                "aktor": "kommun",
                "kontaktperson": filler(150, 100 + i) if i % 2 else f"Kontakt {i}",
                "postadress": "" if i % 2 else "Box 1\n123 45 Ort",
            }
            for i in range(30)
        ],
    }


def _long_plan() -> dict:
    return {
        "mal": [
            {
                "mal": filler(3000, 10 + i),
                "sikt": "kort" if i % 3 else "lang",
                "insatser": filler(3000, 50 + i),
                "huvudman": ("kommun", "region", "skola")[i % 3],
                "ansvarig": f"Ansvarig {i}",
                "start": day(1),
                "klart": day(30),
            }
            for i in range(30)
        ],
        "berattelse": filler(10_000, 3),
    }


def _long_uppfoljning() -> dict:
    return {
        "mal": [
            {"mal": filler(3000, 10 + i), "resultat": "delvis", "kommentar": filler(3000, 50 + i)}
            for i in range(30)
        ],
        "behov": filler(10_000, 4),
    }


def _long_samtycke() -> dict:
    return {
        "information": filler(2000, 5),
        "barnets_asikt": filler(10_000, 6),
        "parter": [
            {"verksamhet": filler(200, 200 + i), "kontaktperson": f"Person {i}"} for i in range(30)
        ],
    }


LONG = {
    "kallelse": _long_kallelse,
    "sip-plan": _long_plan,
    "uppfoljning": _long_uppfoljning,
    "samtycke": _long_samtycke,
}


@functools.cache
def long_pdf(form_id: str) -> bytes:
    """The long case's PDF, rendered once for the tests that read it."""
    return MODULES[form_id].render(clean(form_id, **LONG[form_id]()))


class TestLongCase:
    @pytest.mark.parametrize("form_id", IDS)
    def test_paginates_and_keeps_every_text(self, form_id):
        """Very long answers flow over several pages and every long text is there in full
        (a sample of its words, and its first and last words)."""
        module = MODULES[form_id]
        answers = clean(form_id, **LONG[form_id]())
        pages = pdf_pages(long_pdf(form_id))
        assert len(pages) > 3
        text = " ".join(pages)
        longs = [v for v in typed_values(module.FORM, answers) if len(v) > 150]
        assert longs
        for value in longs:
            words = value.split()
            for word in [words[0], words[-1], *words_sample(value, 8)]:
                assert word in text, word

    @pytest.mark.parametrize("form_id", IDS)
    def test_no_page_ends_with_a_heading(self, form_id):
        """In the long case, and in its letters, every page's last line of text is body
        text: never a heading left alone at the foot of the page."""
        module = MODULES[form_id]
        answers = clean(form_id, **LONG[form_id]())
        assert pages_ending_with_a_heading(long_pdf(form_id)) == []
        for variant in getattr(module, "VARIANTS", {}):
            assert pages_ending_with_a_heading(module.render(answers, variant=variant)) == []

    def test_thirty_goals_and_one_goal(self):
        """The plan with 30 goals of ordinary length, and with one, ends no page with a
        heading; the responsibility table that breaks says "(forts.)" above its repeated
        heading row."""
        goals = thirty_goal_rows()
        thirty = plan.render(clean("sip-plan", mal=goals))
        one = plan.render(clean("sip-plan", mal=goals[:1]))
        assert pages_ending_with_a_heading(thirty) == []
        assert pages_ending_with_a_heading(one) == []
        firsts = [page[0].text for page in body_runs(thirty)[1:]]
        assert "Vem ansvarar för vad (forts.)" in firsts


class TestBlankLayout:
    def test_no_page_ends_with_a_heading(self, blank):
        """No page of a blank form ends with a heading left alone."""
        _, data = blank
        assert pages_ending_with_a_heading(data) == []

"""The generic renderer of the blanketter (forms.blanketter._render): how answers are shown,
when a repeat group becomes a table, how conditions read on paper, and blank forms."""

from __future__ import annotations

import pytest
from helpers.pdf import pdf_text, squash

from forms.blanketter import _render
from forms.schema import Field, Form, Option, Repeat, Section, ShowIf

COLOURS = (Option("rod", "Röd"), Option("bla", "Blå"))

FORM = Form(
    id="prov",
    title="Provblankett",
    sections=(
        Section(
            title="Allmänt",
            items=(
                Field("namn", "Namn", required=True),
                Field("farg", "Färg", kind="radio", options=COLOURS),
                Field("fler", "Fler färger", kind="checkboxes", options=COLOURS),
                Field("hemlig", "Hemlig adress", kind="checkbox"),
                Field("adress", "Adress", show_if=ShowIf("hemlig", ("false",))),
                Field("varfor", "Varför blått?", show_if=ShowIf("farg", ("bla",))),
            ),
        ),
        Section(
            title="Rader",
            items=(
                Repeat(
                    name="rader",
                    legend="Rader",
                    item_label="Rad",
                    blank_items=2,
                    fields=(
                        Field("text", "Text", kind="textarea"),
                        Field("farg", "Färg", kind="select", options=COLOURS),
                    ),
                ),
            ),
        ),
        Section(
            title="Bara för blått",
            show_if=ShowIf("farg", ("bla",)),
            items=(Field("nyans", "Nyans"),),
        ),
    ),
)


def filled(answers: dict) -> str:
    doc = _render.new_document(FORM)
    _render.render_filled(doc, FORM, answers)
    return squash(pdf_text(doc.output()))


def blank() -> str:
    doc = _render.new_document(FORM, blank=True)
    _render.render_blank(doc, FORM, note="Extra rad.")
    return squash(pdf_text(doc.output()))


class TestDisplayValue:
    @pytest.mark.parametrize(
        ("name", "value", "shown"),
        [
            ("farg", "bla", "Blå"),
            ("farg", "okänd", "okänd"),
            ("fler", ["rod", "bla"], "Röd, Blå"),
            ("fler", [], ""),
            ("hemlig", True, "Ja"),
            ("hemlig", False, "Nej"),
            ("namn", "Åsa", "Åsa"),
            ("namn", None, ""),
        ],
    )
    def test_reader_sees_labels(self, name, value, shown):
        """Options show their labels, checkboxes Ja/Nej, lists joined by commas."""
        assert _render.display_value(FORM.item(name), value) == shown


class TestConditionText:
    @pytest.mark.parametrize(
        ("name", "text"),
        [
            ("adress", "Fyll i bara om du inte har kryssat i \u201dHemlig adress\u201d."),
            ("varfor", "Fyll i bara om \u201dFärg\u201d är \u201dBlå\u201d."),
        ],
    )
    def test_condition_in_words(self, name, text):
        """A ShowIf reads as a Swedish instruction on the paper form."""
        fld = FORM.item(name)
        assert _render.condition_text(fld.show_if, FORM) == text

    def test_two_values_joined_with_eller(self):
        """Several values are joined with "eller"."""
        text = _render.condition_text(ShowIf("farg", ("rod", "bla")), FORM)
        assert text == "Fyll i bara om \u201dFärg\u201d är \u201dRöd\u201d eller \u201dBlå\u201d."


class TestRepeatAsTable:
    @pytest.mark.parametrize(
        ("rows", "table"),
        [
            ([{"text": "Kort", "farg": "rod"}], True),
            ([{"text": "x" * 60, "farg": "rod"}], True),
            ([{"text": "x" * 61, "farg": "rod"}], False),
            ([{"text": "Två\nrader", "farg": "rod"}], False),
        ],
    )
    def test_table_only_when_cells_are_short(self, rows, table):
        """Short one-line cells make a table; long or multi-line text makes blocks."""
        assert _render.repeat_as_table(FORM.item("rader"), rows) is table

    def test_too_many_columns_is_never_a_table(self):
        """More than five columns are printed as blocks."""
        wide = Repeat("r", "R", "R", tuple(Field(f"f{i}", f"F{i}") for i in range(6)))
        assert not _render.repeat_as_table(wide, [{}])

    def test_column_widths_fill_the_page_and_fit_heading_words(self):
        """Columns fill the text width and each is at least as wide as its longest word."""
        doc = _render.new_document(FORM)
        headings = ["Verksamhet", "Yrkesroll som bör komma", "Datum"]
        rows = [["Vårdcentralen Centrum", "Kurator", "2026-12-01"]]
        widths = doc.column_widths(headings, rows)
        assert sum(widths) == pytest.approx(doc.width)
        assert widths[0] >= doc.text_width("Verksamhet", size=9, bold=True)
        assert widths[2] >= doc.text_width("2026-12-01", size=9)


class TestFilled:
    def test_labels_values_and_hidden_fields(self):
        """Visible answers print under their labels; hidden ones and hidden sections do not."""
        text = filled(
            {
                "namn": "Åsa",
                "farg": "rod",
                "fler": ["bla"],
                "hemlig": True,
                "adress": "Gömd gata 1",
                "nyans": "Himmelsblå",
                "rader": [{"text": "Första", "farg": "bla"}],
            }
        )
        assert "Namn Åsa" in text and "Färg Röd" in text
        assert "Gömd gata 1" not in text
        assert "Bara för blått" not in text and "Himmelsblå" not in text
        assert "Första" in text and "Blå" in text

    def test_long_rows_become_numbered_blocks(self):
        """Long repeat items print as "Rad 1", "Rad 2" blocks with every text."""
        rows = [{"text": "lång " * 30, "farg": "rod"}, {"text": "annan " * 30, "farg": "bla"}]
        text = filled({"namn": "Åsa", "rader": rows})
        assert "Rad 1" in text and "Rad 2" in text
        assert squash("lång " * 30) in text

    def test_empty_repeat_says_so(self):
        """A repeat group without items says that none were filled in."""
        assert "Inga har fyllts i." in filled({"namn": "Åsa", "rader": []})


class TestBlank:
    def test_everything_to_write_and_tick(self):
        """The blank form has the note, headings, labels, options, conditions and items."""
        text = blank()
        assert text.startswith("Pappersversion från SIP-portalen")
        assert "Extra rad." in text
        for words in (
            "Provblankett",
            "Allmänt",
            "Namn",
            "Röd",
            "Blå",
            "Hemlig adress",
            "Fyll i bara om du inte har kryssat i \u201dHemlig adress\u201d.",
            "Rad 1",
            "Rad 2",
            "Bara för blått",
            "Fyll i bara om \u201dFärg\u201d är \u201dBlå\u201d.",
        ):
            assert words in text, words

"""forms core under CPython: the PDF document, generic validation, the worker entry point."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from forms import _browser, demo, pdf, validation
from forms.schema import Field, Form, Option, Repeat, Section, ShowIf

ROOT = Path(__file__).resolve().parent.parent


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def call(request: dict, data: bytes | None = None) -> tuple[dict, bytes | None]:
    response, blob = _browser.handle(json.dumps(request), data)
    return json.loads(response), blob


class TestSipDocument:
    def test_metadata_language_and_embedded_font(self):
        """A4, Swedish, titled, with the font embedded."""
        doc = pdf.SipDocument("Kallelse till SIP-möte")
        doc.paragraph("Hej")
        data = doc.output()
        reader = PdfReader(io.BytesIO(data))
        assert reader.metadata.title == "Kallelse till SIP-möte"
        assert reader.trailer["/Root"]["/Lang"] == "sv-SE"
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)
        fonts = reader.pages[0]["/Resources"]["/Font"]
        descriptor = next(iter(fonts.values())).get_object()["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descriptor["/FontDescriptor"]

    def test_every_page_has_page_x_of_y_and_date(self):
        """Long text flows over pages; each page says Sida X (Y) and the creation date."""
        doc = pdf.SipDocument("Plan", created=datetime(2026, 5, 4, 10, 0))
        for i in range(120):
            doc.paragraph(f"Stycke {i} " + "ord " * 40)
        data = doc.output()
        pages = PdfReader(io.BytesIO(data)).pages
        assert len(pages) > 2
        for number, page in enumerate(pages, start=1):
            text = page.extract_text()
            assert f"Sida {number} ({len(pages)})" in text
            assert "2026-05-04" in text
        full = text_of(data)
        assert all(f"Stycke {i} " in full for i in range(120))

    @pytest.mark.parametrize("hostile", ["{nb}", "{{ 7*7 }}", "{% raw %}", "<b>fet</b>", "**x**"])
    def test_text_is_printed_literally(self, hostile):
        """Template syntax, markup and fpdf2's own page alias are printed as typed."""
        doc = pdf.SipDocument("Prov")
        doc.field("Fält", hostile)
        assert hostile in text_of(doc.output())

    def test_control_characters_are_removed(self):
        """Control characters never reach the PDF; tabs become spaces."""
        assert pdf.clean_text("a\x00b\x07c\td\r\ne") == "abc    d\ne"

    @pytest.mark.parametrize(
        "name", ["Åsa Öhman-Łukasik", "Nguyễn Thị Hồng", "Çağrı Yılmaz", "Ægir Øster", "Олена"]
    )
    def test_names_from_many_languages_are_drawable(self, name):
        """Swedish, Polish, Vietnamese, Turkish, Nordic and Cyrillic names fit the font."""
        assert pdf.unsupported_characters(name) == []
        doc = pdf.SipDocument("Prov")
        doc.field("Namn", name)
        assert name in text_of(doc.output())

    def test_answers_round_trip_through_the_pdf(self):
        """The answers embedded in a PDF come back out unchanged."""
        answers = {"namn": "Åsa", "lista": [{"a": "1"}]}
        doc = pdf.SipDocument("Prov")
        doc.embed_answers("pdf-prov", answers)
        assert pdf.read_answers(doc.output()) == {"blankett": "pdf-prov", "svar": answers}

    def test_foreign_pdf_is_refused_in_swedish(self):
        """A PDF without our answers gets a clear Swedish message."""
        other = pdf.SipDocument("Annan")
        other.paragraph("x")
        with pytest.raises(ValueError, match="innehåller inga svar"):
            pdf.read_answers(other.output())
        with pytest.raises(ValueError, match="PDF:en går inte att läsa"):
            pdf.read_answers(b"%PDF-1.4 trasig")


FORM = Form(
    id="prov",
    title="Prov",
    sections=(
        Section(
            title="A",
            items=(
                Field("namn", "Namn", required=True),
                Field("pnr", "Personnummer", kind="personnummer"),
                Field("datum", "Datum", kind="date"),
                Field("tid", "Tid", kind="time"),
                Field("epost", "E-post", kind="email"),
                Field("tel", "Telefon", kind="tel"),
                Field(
                    "val",
                    "Val",
                    kind="radio",
                    required=True,
                    options=(Option("a", "A"), Option("b", "B")),
                ),
                Field("mer", "Mer", required=True, show_if=ShowIf("val", ("b",))),
                Repeat("rader", "Rader", "Rad", fields=(Field("text", "Text", required=True),)),
            ),
        ),
    ),
)


def errors(answers: dict) -> dict[str, str]:
    return {e.path: e.message for e in validation.validate_form(FORM, answers).errors}


class TestValidation:
    base = {"namn": "Ada", "val": "a", "rader": [{"text": "x"}]}

    def test_valid_answers_pass(self):
        """Complete answers give no errors and are cleaned."""
        result = validation.validate_form(FORM, {**self.base, "namn": "  Ada  Lund "})
        assert result.ok and result.answers["namn"] == "Ada Lund"

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("namn", "", "Namn måste fyllas i."),
            ("val", "", "Val: välj ett alternativ."),
            (
                "pnr",
                "1912121212X",
                "Skriv personnumret eller samordningsnumret med 10 eller 12 siffror, "
                "till exempel 19121212-1212.",
            ),
            (
                "pnr",
                "19121212-1213",
                "Kontrollsiffran stämmer inte. Kontrollera att du har skrivit rätt siffror.",
            ),
            ("pnr", "19121312-1212", "Datumet i personnumret finns inte. Kontrollera siffrorna."),
            (
                "pnr",
                "19121292-1210",
                "Datumet i samordningsnumret finns inte. Kontrollera siffrorna.",
            ),
            ("datum", "1/12 2026", "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-01."),
            ("datum", "2026-02-30", "Datumet finns inte. Kontrollera månad och dag."),
            ("tid", "25:00", "Skriv tiden som TT:MM, till exempel 09:30."),
            ("epost", "namn@", "Skriv e-postadressen i rätt format, till exempel namn@kommun.se."),
            (
                "tel",
                "ring mig",
                "Skriv telefonnumret med siffror, till exempel 054-123 45 67 "
                "eller +46 54 123 45 67.",
            ),
            ("namn", "x" * 301, "Texten är för lång (301 tecken). Det får plats högst 300 tecken."),
        ],
    )
    def test_bad_input_gets_exact_swedish_message(self, field, value, message):
        """Each kind of mistake gets its own message, at the field's path."""
        assert errors({**self.base, field: value})[field] == message

    @pytest.mark.parametrize(
        "pnr", ["19121212-1212", "191212121212", "121212-1212", "19121272-1219"]
    )
    def test_valid_personnummer_and_samordningsnummer(self, pnr):
        """10 or 12 digits with a correct check digit pass, samordningsnummer too."""
        assert "pnr" not in errors({**self.base, "pnr": pnr})

    def test_hidden_follow_up_is_neither_checked_nor_kept(self):
        """A follow-up question that is not shown is not required and not kept."""
        result = validation.validate_form(FORM, {**self.base, "mer": "kvar"})
        assert result.ok and "mer" not in result.answers
        assert errors({**self.base, "val": "b"})["mer"] == "Mer måste fyllas i."

    def test_repeat_rows_are_checked_with_their_index(self):
        """A message in the second row points at that row."""
        found = errors({**self.base, "rader": [{"text": "x"}, {"text": ""}, {"text": "y"}]})
        assert found == {}  # an empty row is dropped, not an error
        found = errors({**self.base, "rader": []})
        assert found == {"rader.0.text": "Text måste fyllas i."}

    def test_emoji_gets_a_message_naming_it(self):
        """A character the PDF cannot draw is named, with its code point."""
        message = errors({**self.base, "namn": "Ada 😀"})["namn"]
        assert "😀" in message and "U+1F600" in message

    def test_100000_characters_give_a_message_not_a_hang(self):
        """Enormous input is refused quickly with a clear message."""
        assert "för lång" in errors({**self.base, "namn": "a" * 100_000})["namn"]

    def test_ten_million_characters_are_refused_before_any_work(self):
        """A text far over its limit is measured, not cleaned character by character."""
        start = time.perf_counter()
        message = errors({**self.base, "namn": "\x07 " * 5_000_000})["namn"]
        assert time.perf_counter() - start < 0.2
        assert message == "Texten är för lång (10000000 tecken). Det får plats högst 300 tecken."

    def test_control_characters_are_refused_by_name(self):
        """A control character is named, with where it is; tabs and line breaks are allowed."""
        assert errors({**self.base, "namn": "Ada\x07"})["namn"] == (
            "Texten har ett osynligt styrtecken (U+0007) efter \u201dAda\u201d. Styrtecken kan "
            "inte skrivas ut i PDF:en. Ta bort det, till exempel genom att skriva om texten där."
        )
        assert "namn" not in errors({**self.base, "namn": "Ada\tLund"})

    def test_too_many_rows_is_an_error_on_the_group_not_a_cut(self):
        """More filled-in rows than the group holds is an error naming the maximum; empty rows
        do not count."""
        rows = [{"text": f"rad {i}"} for i in range(53)]
        assert errors({**self.base, "rader": rows})["rader"] == (
            "Det får finnas högst 50 rader under \u201dRader\u201d. Nu finns det 53. Ta bort 3 "
            "av dem."
        )
        assert "rader" not in errors({**self.base, "rader": rows[:50] + [{"text": ""}] * 9})


class TestBrowserEntryPoint:
    def test_pdf_op_returns_pdf_and_file_name(self):
        """The worker's pdf call returns a file name and the PDF bytes."""
        response, blob = call({"op": "pdf", "form": "pdf-prov", "answers": {"namn": "Åsa"}})
        assert response["filename"].startswith("prova-att-skapa-en-pdf-")
        assert response["filename"].endswith(".pdf")
        assert "Åsa" in text_of(blob)

    def test_errors_carry_html_ids(self):
        """Errors name the HTML id of their field, for the page to link to."""
        response, blob = call({"op": "pdf", "form": "pdf-prov", "answers": {}})
        assert blob is None
        assert response["errors"] == [
            {"path": "namn", "id": "f-namn", "message": "Namn måste fyllas i."}
        ]

    def test_open_reads_back_a_pdf_and_an_answers_file(self):
        """A downloaded PDF, or a saved answers file, fills the form again."""
        _, pdf_bytes = call({"op": "pdf", "form": "pdf-prov", "answers": {"namn": "Åsa"}})
        assert call({"op": "open", "form": "pdf-prov"}, pdf_bytes)[0]["answers"] == {"namn": "Åsa"}
        _, saved = call({"op": "save", "form": "pdf-prov", "answers": {"namn": "Bo"}})
        assert call({"op": "open", "form": "pdf-prov"}, saved)[0]["answers"] == {"namn": "Bo"}

    def test_wrong_file_gets_a_swedish_message(self):
        """A file that is not ours is refused with a message, not an exception."""
        response, _ = call({"op": "open", "form": "pdf-prov"}, b"hello")
        assert response["error"] == (
            "Filen innehåller inga svar som SIP-portalen kan läsa. Välj en PDF eller en "
            "svarsfil som du har sparat från SIP-portalen."
        )

    def test_unexpected_failure_is_a_message_not_a_traceback(self, capsys):
        """Anything unexpected becomes a Swedish message; the traceback goes to stderr only."""
        response, _ = call({"op": "pdf", "form": "finns-inte", "answers": {}})
        assert response == {"fatal": _browser.FATAL}
        assert "Traceback" in capsys.readouterr().err


class TestRuntimeNeeds:
    def test_pdfs_are_made_without_pillow(self):
        """Pyodide here has no Pillow: the forms package never needs it."""
        code = (
            "import sys; sys.modules['PIL'] = None\n"
            "import warnings; warnings.simplefilter('ignore')\n"
            "from forms import demo\n"
            "data = demo.render({'namn': 'Åsa'})\n"
            "assert data.startswith(b'%PDF-')\n"
        )
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)

    def test_demo_pdf_is_one_page_with_the_name(self):
        """The demo makes a one-page PDF with the name printed correctly."""
        data = demo.render({"namn": "Åsa Öhman-Łukasik"})
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 1
        assert "Åsa Öhman-Łukasik" in reader.pages[0].extract_text()

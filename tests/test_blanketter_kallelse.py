"""Kallelse till SIP-möte (forms.blanketter.kallelse): checks, skyddade personuppgifter, who is
obliged to come in each county, one letter per recipient, reopening and the blank form."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from test_blanketter_common import (
    PNR,
    day,
    pdf_pages,
    pdf_text,
    squash,
    valid_kallelse,
    valid_plan,
)

from forms.blanketter import kallelse
from forms.blanketter._format import date_text


def errors(**changes) -> list[tuple[str, str]]:
    return [(e.path, e.message) for e in kallelse.validate(valid_kallelse(**changes)).errors]


def cleaned(**changes) -> dict:
    result = kallelse.validate(valid_kallelse(**changes))
    assert result.errors == []
    return result.answers


class TestForm:
    def test_field_names_are_stable(self):
        """The field names other widgets prefill (the needs assessment) are all there."""
        names = {f.name for f in kallelse.FORM.all_fields()}
        assert {
            "person_namn",
            "person_personnummer",
            "skyddade_personuppgifter",
            "lan",
            "samtycke",
            "samtycke_av",
            "tolk",
            "tolk_sprak",
            "verksamhet",
            "aktor",
        } <= names
        assert kallelse.VARIANTS == {"brev": "Ett brev per mottagare"}

    def test_actor_kinds_and_meeting_forms(self):
        """Participants can be every kind of actor; the meeting can take every form."""
        aktor = {o.value for o in kallelse.FORM.item("deltagare").fields[1].options}
        assert aktor == {
            "kommun",
            "oppen_vard",
            "sluten_vard",
            "skola",
            "forsakringskassan",
            "arbetsformedlingen",
            "annan",
        }
        assert [o.label for o in kallelse.FORM.item("motesform").options] == [
            "Fysiskt möte",
            "Digitalt möte",
            "Hybridmöte",
            "Telefonmöte",
        ]


class TestValidate:
    def test_valid_answers_pass(self):
        """The example answers pass unchanged."""
        assert errors() == []

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            ({"slut": "08:30"}, [("slut", "Sluttiden måste vara senare än starttiden.")]),
            ({"slut": "09:00"}, [("slut", "Sluttiden måste vara senare än starttiden.")]),
            (
                {"svara_senast": day(20)},
                [("svara_senast", "Svarsdatumet måste vara före mötesdatumet.")],
            ),
            (
                {"svara_senast": day(14)},
                [("svara_senast", "Svarsdatumet måste vara före mötesdatumet.")],
            ),
            (
                {"svara_senast": day(-1)},
                [
                    (
                        "svara_senast",
                        "Svarsdatumet har redan varit. Välj dagens datum eller ett senare.",
                    )
                ],
            ),
            (
                {"datum": day(-1), "svara_senast": day(-3)},
                [
                    ("datum", "Datumet har redan varit. Välj dagens datum eller ett senare."),
                    (
                        "svara_senast",
                        "Svarsdatumet har redan varit. Välj dagens datum eller ett senare.",
                    ),
                ],
            ),
            (
                {"motesform": "digitalt", "plats": ""},
                [("lank", "Länk till det digitala mötet måste fyllas i.")],
            ),
            (
                {"motesform": "hybrid", "plats": ""},
                [
                    ("plats", "Plats måste fyllas i."),
                    ("lank", "Länk till det digitala mötet måste fyllas i."),
                ],
            ),
            ({"plats": ""}, [("plats", "Plats måste fyllas i.")]),
            ({"motesform": ""}, [("motesform", "Mötesform: välj ett alternativ.")]),
            (
                {"samtycke": "nej"},
                [
                    (
                        "samtycke",
                        "Skicka kallelsen först när personen har samtyckt till mötet. "
                        "Fråga personen, eller vårdnadshavare eller legal företrädare, "
                        "och fyll sedan i Ja.",
                    )
                ],
            ),
            (
                {"samtycke_av": ""},
                [("samtycke_av", "Vem lämnade samtycket?: välj ett alternativ.")],
            ),
            (
                {"person_postnummer": "6534"},
                [("person_postnummer", "Skriv postnumret med fem siffror, till exempel 652 25.")],
            ),
            ({"person_namn": " "}, [("person_namn", "Namn måste fyllas i.")]),
            (
                {"person_personnummer": "19121212-1213"},
                [
                    (
                        "person_personnummer",
                        "Kontrollsiffran stämmer inte. Kontrollera att du har "
                        "skrivit rätt siffror.",
                    )
                ],
            ),
            ({"tolk_sprak": ""}, [("tolk_sprak", "Språk måste fyllas i.")]),
            (
                {"kallare_epost": "karin.berg"},
                [
                    (
                        "kallare_epost",
                        "Skriv e-postadressen i rätt format, till exempel namn@kommun.se.",
                    )
                ],
            ),
            ({"start": "25:00"}, [("start", "Skriv tiden som TT:MM, till exempel 09:30.")]),
            (
                {"deltagare": [{"verksamhet": "Vårdcentralen"}]},
                [("deltagare.0.aktor", "Typ av aktör: välj ett alternativ.")],
            ),
            (
                {"deltagare": []},
                [
                    ("deltagare.0.verksamhet", "Verksamhet måste fyllas i."),
                    ("deltagare.0.aktor", "Typ av aktör: välj ett alternativ."),
                ],
            ),
        ],
    )
    def test_exact_messages_at_exact_fields(self, changes, expected):
        """Each mistake gives its Swedish message beside the field it belongs to."""
        assert sorted(errors(**changes)) == sorted(expected)

    def test_meeting_today_is_allowed(self):
        """A meeting today is not in the past (reply-by today is too early, so none)."""
        assert errors(datum=day(0), svara_senast="") == [
            ("svara_senast", "Svara senast måste fyllas i.")
        ]

    def test_hidden_answers_are_not_kept(self):
        """A place typed before choosing a digital meeting is dropped, as are a language
        without interpreter and the consenting party when consent is missing."""
        answers = cleaned(motesform="digitalt", lank="https://mote.example.se/1", tolk="nej")
        assert "plats" not in answers and "tolk_sprak" not in answers
        assert answers["lank"] == "https://mote.example.se/1"

    def test_times_are_normalised(self):
        """9.00 becomes 09:00."""
        assert cleaned(start="9.00")["start"] == "09:00"


class TestSkyddadePersonuppgifter:
    @pytest.mark.parametrize("flag", [True, "true", "on"])
    def test_address_is_dropped(self, flag):
        """With the box ticked, the address is neither checked nor kept."""
        answers = cleaned(skyddade_personuppgifter=flag, person_postnummer="fel")
        assert answers["skyddade_personuppgifter"] is True
        for key in ("person_adress", "person_postnummer", "person_postort"):
            assert key not in answers

    @pytest.mark.parametrize("flag", [False, "false", None])
    def test_address_kept_otherwise(self, flag):
        """Without the box (or with it unticked) the address is kept."""
        changes = {"skyddade_personuppgifter": flag}
        answers = kallelse.validate(
            {k: v for k, v in valid_kallelse(**changes).items() if v is not None}
        ).answers
        assert answers["person_adress"] == "Lönnvägen 7"

    @pytest.mark.parametrize("variant", [None, "brev"])
    def test_pdf_has_no_address_and_a_reminder(self, variant):
        """Neither the kallelse nor the letters show where the person lives, and both remind
        the reader of the protection."""
        text = pdf_text(kallelse.render(cleaned(skyddade_personuppgifter=True), variant=variant))
        for secret in ("Lönnvägen", "653 46", "Skattkärr"):
            assert secret not in text
        assert "skyddade personuppgifter" in text
        if variant is None:
            assert (
                "Gör upp om tid och plats per telefon och skicka inte kallelsen via Cosmic Link."
            ) in text
            assert "Skrivs inte ut. Personen har skyddade personuppgifter." in text

    def test_address_printed_without_protection(self):
        """Without protection the address is printed."""
        text = pdf_text(kallelse.render(cleaned()))
        assert "Lönnvägen 7 653 46 Skattkärr" in text
        assert "skyddade personuppgifter" not in text


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)]


OBLIGED_HEADING = "Kallade huvudmän – skyldiga att delta"
INVITED_HEADING = "Inbjudna – kan tacka nej"


class TestObliged:
    @pytest.mark.parametrize(
        ("lan", "aktor", "obliged"),
        [
            ("varmland", "kommun", True),
            ("varmland", "oppen_vard", True),
            ("varmland", "sluten_vard", True),
            ("varmland", "skola", False),
            ("jonkoping", "skola", False),
            ("kalmar", "skola", True),
            ("kalmar", "forsakringskassan", False),
            ("kalmar", "arbetsformedlingen", False),
            ("jonkoping", "annan", False),
        ],
    )
    def test_who_is_obliged(self, lan, aktor, obliged):
        """Kommun and region are obliged everywhere; the school only in Kalmar län."""
        assert kallelse.is_obliged(lan, aktor) is obliged

    @pytest.mark.parametrize(
        ("lan", "school_obliged"), [("kalmar", True), ("varmland", False), ("jonkoping", False)]
    )
    def test_school_printed_in_the_right_group(self, lan, school_obliged):
        """The PDF lists the school among the obliged only for Kalmar län."""
        text = pdf_text(kallelse.render(cleaned(lan=lan)))
        obliged = _between(text, OBLIGED_HEADING, INVITED_HEADING)
        invited = _between(text, INVITED_HEADING, "Tolk")
        assert ("Kvarnbergsskolan" in obliged) is school_obliged
        assert ("Kvarnbergsskolan" in invited) is not school_obliged
        assert "Vårdcentralen Centrum" in obliged and "Biståndsenheten" in obliged
        assert "Försäkringskassan" in invited
        assert ("Kommunen, regionen och skolan är skyldiga att delta" in text) is school_obliged
        # Each county's own lines, and only its own (correction 7 of the county-rules issue).
        assert ("Ställs mötet in samma dag" in text) is (lan == "kalmar")
        assert ("ersättare" in text) is (lan == "jonkoping")


class TestLetters:
    def test_one_letter_per_recipient_with_address(self):
        """ "brev" gives one page per participant with a postal address, each with that
        recipient's name and address at the top and its own page count."""
        data = kallelse.render(cleaned(), variant="brev")
        pages = pdf_pages(data)
        assert len(pages) == 2
        assert pages[0].startswith("Hemsjukvården Norr")
        assert "Eva Lind Kvarnbergsskolan Box 12 652 21 Karlstad" in pages[0]
        assert "Ali Demir Försäkringskassan Box 1164 621 22 Visby" in pages[1]
        assert "Försäkringskassan bjuds in" in pages[1]
        assert "Kvarnbergsskolan bjuds in" in pages[0]
        for page in pages:
            assert page.endswith("Sida 1 (1)")
            assert "Kallelse till SIP-möte" in page and "Åsa Öhman" in page

    def test_obliged_recipient_is_called(self):
        """In Kalmar län the school's letter says it is called and obliged."""
        pages = pdf_pages(kallelse.render(cleaned(lan="kalmar"), variant="brev"))
        assert (
            "Kvarnbergsskolan kallas till ett möte om en samordnad individuell plan "
            "(SIP). I Kalmar län är kommunen, regionen och skolan skyldiga att delta."
        ) in pages[0]

    def test_address_is_in_the_envelope_window(self):
        """The recipient's address sits where a right-hand window envelope shows it."""
        reader = PdfReader(io.BytesIO(kallelse.render(cleaned(), variant="brev")))
        found = []

        def visit(text, cm, tm, font, size):
            if "Box 12" in text:
                found.append((tm[4] * 25.4 / 72, (842 - tm[5]) * 25.4 / 72))

        reader.pages[0].extract_text(visitor_text=visit)
        ((x, y),) = found
        assert 105 <= x <= 115 and 45 <= y <= 70

    def test_many_recipients(self):
        """Twelve recipients give twelve letters, one per page, in order."""
        rows = [
            {
                "verksamhet": f"Mottagare {i}",
                "aktor": "annan",
                "postadress": f"Gatan {i}\n123 45 Ort",
            }
            for i in range(12)
        ]
        pages = pdf_pages(kallelse.render(cleaned(deltagare=rows), variant="brev"))
        assert len(pages) == 12
        for i, page in enumerate(pages):
            assert f"Mottagare {i} Gatan {i} 123 45 Ort" in page

    def test_no_recipient_explains_why(self):
        """Without any postal address the PDF explains that there is nothing to post."""
        rows = [{"verksamhet": "Vårdcentralen", "aktor": "oppen_vard"}]
        pages = pdf_pages(kallelse.render(cleaned(deltagare=rows), variant="brev"))
        assert len(pages) == 1
        assert "Ingen deltagare har en postadress" in pages[0]

    def test_unknown_variant_is_refused(self):
        """An unknown variant is a programming error."""
        with pytest.raises(ValueError):
            kallelse.render(cleaned(), variant="fax")


class TestPdf:
    def test_meeting_and_reply(self):
        """Date, time span, form, place, interpreter and reply-by are printed."""
        text = squash(pdf_text(kallelse.render(cleaned())))
        for part in (
            f"Datum {date_text(day(14))}",
            "Tid kl. 09.00–10.30",
            "Mötesform Fysiskt möte",
            "Plats Vårdcentralen Centrum, rum 12",
            "Behövs tolk? Ja",
            "Språk Arabiska",
            f"Svara senast {date_text(day(7))}",
            "Så svarar deltagarna Ring eller mejla Karin",
        ):
            assert part in text, part

    def test_default_reply_names_the_caller(self):
        """Without a reply instruction, the PDF tells participants to contact the caller."""
        text = pdf_text(kallelse.render(cleaned(svar_hur="")))
        assert "Kontakta den som kallar: Karin Berg, 054-540 00 00, karin.berg@karlstad.se." in text


class TestFromSaved:
    def test_from_plan_calls_to_follow_up(self):
        """A saved plan prefills a kallelse to its follow-up meeting."""
        saved = valid_plan()
        prefill = kallelse.from_saved("sip-plan", saved)
        assert prefill["person_personnummer"] == PNR
        assert prefill["datum"] == saved["uppfoljning_datum"]
        assert prefill["plats"] == "Hemma hos dig"
        assert prefill["kallare_namn"] == "Helen Nilsson"
        assert "version 1" in prefill["syfte"]
        assert set(prefill) <= {f.name for f in kallelse.FORM.all_fields()}

    def test_other_blankett_refused(self):
        """A samtycke file cannot prefill a kallelse."""
        with pytest.raises(ValueError, match="Filen är ingen kallelse eller SIP-plan"):
            kallelse.from_saved("samtycke", {})


class TestBlank:
    def test_has_what_a_caller_fills_in_by_hand(self):
        """The blank kallelse has the protection box, the obligation rule and the table."""
        text = squash(pdf_text(kallelse.render_blank()))
        for part in (
            "Personen har skyddade personuppgifter",
            "Kalmar län: kommunen, regionen och skolan.",
            "Verksamhet",
            "Typ av aktör",
            "Postadress för brev",
            "Fyll i bara om \u201dMötesform\u201d är "
            "\u201dDigitalt möte\u201d eller \u201dHybridmöte\u201d.",
            "Datum (ÅÅÅÅ-MM-DD)",
        ):
            assert part in text, part

"""Kallelse till SIP-möte (forms.blanketter.kallelse): checks, skyddade personuppgifter, who is
obliged to come in each county, one letter per recipient, reopening and the blank form."""

from __future__ import annotations

import io

import pytest
from helpers.answers import PNR, day, valid_kallelse, valid_plan
from helpers.checks import form_checks
from helpers.pdf import pdf_pages, pdf_text, squash
from helpers.pdflines import pages_ending_with_a_heading
from pypdf import PdfReader

from forms.blanketter import _envelope, kallelse
from forms.blanketter._format import date_text

errors, cleaned = form_checks(kallelse, valid_kallelse)


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
        the reader of the protection with Värmland's own rule and its source."""
        text = squash(
            pdf_text(kallelse.render(cleaned(skyddade_personuppgifter=True), variant=variant))
        )
        for secret in ("Lönnvägen", "653 46", "Skattkärr"):
            assert secret not in text
        assert "Personen har skyddade personuppgifter. Adressen skrivs inte ut." in text
        assert "Kalla inte via Cosmic Link, som kan gå att spåra." in text
        assert "avsnittet \u201dPersoner med skyddade personuppgifter\u201d" in text
        if variant is None:
            assert "Skrivs inte ut. Personen har skyddade personuppgifter." in text

    @pytest.mark.parametrize("county", ["kalmar", "jonkoping"])
    @pytest.mark.parametrize("flag", ["skyddade_personuppgifter", "vald"])
    def test_silent_county_says_so_and_borrows_nothing(self, county, flag):
        """Where the county's documents are silent, the kallelse says so as the portal's own
        advice and never prints Värmland's telephone rule."""
        text = squash(pdf_text(kallelse.render(cleaned(lan=county, **{flag: True}))))
        assert "Länets dokument säger inget om skyddade personuppgifter eller våld" in text
        assert "SIP-portalens eget råd, inte en regel i länets dokument" in text
        assert "Kalla inte via Cosmic Link" not in text
        assert "kallar du till SIP-mötet per telefon" not in text

    def test_address_printed_without_protection(self):
        """Without protection the address is printed."""
        text = pdf_text(kallelse.render(cleaned()))
        assert "Lönnvägen 7 653 46 Skattkärr" in text
        assert "skyddade personuppgifter" not in text


class TestVald:
    def test_violence_is_asked_and_reopens(self):
        """The violence box is a field of its own, kept as a bool and read back from the PDF."""
        from forms.pdf import read_answers

        answers = cleaned(vald="true")
        assert answers["vald"] is True
        assert read_answers(kallelse.render(answers))["svar"]["vald"] is True
        assert cleaned()["vald"] is False

    @pytest.mark.parametrize("variant", [None, "brev"])
    def test_varmland_prints_the_telephone_rule_with_its_source(self, variant):
        """In Värmlands län the kallelse and every letter remind the caller to call by
        telephone and not through Cosmic Link, citing the revised rutin's violence section."""
        pages = pdf_pages(kallelse.render(cleaned(vald=True), variant=variant))
        letters = [p for p in pages if "Sida 1 (" in p] if variant else [" ".join(pages)]
        for text in letters:
            text = squash(text)
            assert "Personen lever med våld" not in text  # the rule, not a statement
            assert (
                "Vid våld i nära relation kallar du till SIP-mötet per telefon. Cosmic Link "
                "används inte för kallelsen."
            ) in text
            assert "avsnittet \u201dSIP i samband med våldsutsatthet\u201d" in text

    def test_no_reminder_without_protection_or_violence(self):
        """Without either box ticked there is no reminder at all."""
        text = pdf_text(kallelse.render(cleaned()))
        for reminder in (
            "Kalla inte via Cosmic Link",
            "kallar du till SIP-mötet per telefon",
            "Personen lever med våld",
            "Adressen skrivs inte ut",
        ):
            assert reminder not in text

    def test_blank_form_offers_it_with_each_countys_line(self):
        """The blank kallelse has the violence box and each county's line, with its source."""
        text = squash(pdf_text(kallelse.render_blank()))
        assert "Personen lever med våld i nära relation" in text
        assert "Värmlands län: Kalla inte via Cosmic Link" in text
        assert "Kalmar län: Länets dokument säger inget om skyddade" in text
        assert "Källa: Rutinen, reviderad version" in text


class TestConsentAndNeed:
    """The three questions of a new samordningsärende (Kalmar län, Bilaga 1 steg 3)."""

    @pytest.mark.parametrize(
        ("name", "options"),
        [
            ("samtycke_informationsdelning", ["Ja", "Nej", "Ej tillgänglig"]),
            ("behov_sip", ["Ja", "Nej"]),
            ("samtycke", ["Ja", "Nej, inte ännu", "Ej tillgänglig"]),
        ],
    )
    def test_three_questions_with_the_sources_answers(self, name, options):
        """Each question has the answers the source gives it, and is required."""
        fld = kallelse.FORM.item(name)
        assert [o.label for o in fld.options] == options and fld.required

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            (
                {"samtycke_informationsdelning": ""},
                [
                    (
                        "samtycke_informationsdelning",
                        "Samtycker personen till att information delas mellan socialtjänst och "
                        "hälso- och sjukvård?: välj ett alternativ.",
                    )
                ],
            ),
            (
                {"behov_sip": "nej"},
                [
                    (
                        "behov_sip",
                        "Kalla till SIP först när ni har bedömt att personen behöver en SIP. "
                        "Du kan ta hjälp av behovsbedömningen i portalen.",
                    )
                ],
            ),
            ({"samtycke": "ej_tillganglig"}, []),
            ({"samtycke_informationsdelning": "ej_tillganglig"}, []),
        ],
    )
    def test_messages(self, changes, expected):
        """A missing answer or a kallelse without a need gives its message beside the field;
        Ej tillgänglig is an answer."""
        assert errors(**changes) == expected

    def test_printed_and_reopened(self):
        """All three answers are printed in words and come back from the PDF."""
        from forms.pdf import read_answers

        answers = cleaned(samtycke_informationsdelning="ej_tillganglig")
        data = kallelse.render(answers)
        text = squash(pdf_text(data))
        assert (
            "Samtycker personen till att information delas mellan socialtjänst och hälso- och "
            "sjukvård? Ej tillgänglig"
        ) in text
        assert "Har personen behov av en samordnad individuell plan (SIP)? Ja" in text
        assert "Samtycker personen till en samordnad individuell plan (SIP)? Ja" in text
        saved = read_answers(data)["svar"]
        assert saved["samtycke_informationsdelning"] == "ej_tillganglig"
        assert saved["behov_sip"] == "ja"

    def test_blank_form_has_the_three_questions(self):
        """The blank kallelse asks all three with their boxes."""
        text = squash(pdf_text(kallelse.render_blank()))
        assert "Samtycker personen till att information delas" in text
        assert "Har personen behov av en samordnad individuell plan (SIP)?" in text
        assert "Ej tillgänglig" in text


class TestRelatives:
    ROWS = [
        {"namn": "Ingrid Öhman", "relation": "narstaende", "telefon": "070-222 33 44"},
        {"namn": "Bo Ek", "relation": "god_man"},
    ]

    def test_validated_printed_and_reopened(self):
        """Närstående and legal representatives who take part are listed by name and
        relation, in the kallelse and in every letter, and come back from the PDF."""
        from forms.pdf import read_answers

        answers = cleaned(narstaende=self.ROWS)
        text = squash(pdf_text(kallelse.render(answers)))
        assert "Närstående och företrädare" in text
        assert "Ingrid Öhman Närstående 070-222 33 44" in text and "Bo Ek God man" in text
        letter = squash(pdf_text(kallelse.render(answers, variant="brev")))
        assert "Ingrid Öhman (närstående), Bo Ek (god man)" in letter
        assert read_answers(kallelse.render(answers))["svar"]["narstaende"] == [
            {"namn": "Ingrid Öhman", "relation": "narstaende", "telefon": "070-222 33 44"},
            {"namn": "Bo Ek", "relation": "god_man", "telefon": ""},
        ]

    def test_optional_but_checked(self):
        """None is fine; a row needs a name and a relation."""
        assert errors(narstaende=[]) == []
        assert errors(narstaende=[{"namn": "Bo Ek"}]) == [
            ("narstaende.0.relation", "Relation till personen: välj ett alternativ.")
        ]


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

    @pytest.mark.parametrize("county", ["varmland", "kalmar", "jonkoping"])
    def test_a_letter_never_ends_with_its_signature_alone(self, county):
        """However long the county's lines make a letter, the reply, the other invitees and
        the signature stay together, and no page ends with a heading."""
        rows = [dict(r, postadress="Box 1\n123 45 Ort") for r in valid_kallelse()["deltagare"]]
        data = kallelse.render(cleaned(lan=county, deltagare=rows), variant="brev")
        for page in pdf_pages(data):
            if "Med vänlig hälsning" in page:
                assert "Så svarar du" in page and "Fler som kallas eller bjuds in" in page
        assert pages_ending_with_a_heading(data) == []

    def test_obliged_recipient_is_called(self):
        """In Kalmar län the school's letter says it is called and obliged."""
        pages = pdf_pages(kallelse.render(cleaned(lan="kalmar"), variant="brev"))
        assert (
            "Kvarnbergsskolan kallas till ett möte om en samordnad individuell plan "
            "(SIP). I Kalmar län är kommunen, regionen och skolan skyldiga att delta."
        ) in pages[0]

    @pytest.mark.parametrize(
        "recipient",
        [
            {
                "verksamhet": "Kvarnbergsskolan",
                "aktor": "skola",
                "kontaktperson": "Eva Lind",
                "postadress": "Box 12\n652 21 Karlstad",
            },
            # the longest address that passes validation: six full lines
            {
                "verksamhet": "Barn- och ungdomspsykiatrin, mottagningen i Kristinehamn",
                "aktor": "oppen_vard",
                "kontaktperson": "Mohammed Abdulrahman Al-Hashimi",
                "postadress": "c/o Kurator Marianne Wallenberg\nBox 12345\n681 23 KRISTINEHAMN",
            },
        ],
        ids=["short", "longest"],
    )
    def test_address_is_inside_the_window_after_folding(self, recipient):
        """Folded in three and put in an E65 or a C65 (C5/6) envelope with the right-hand
        window (90 × 45 mm, 20 mm from the right edge, 15 mm from the bottom), the whole address
        shows through the window wherever the sheet slides, and no other text of the letter
        can show there. Rectangles in mm from the page's top left corner, measured from the
        text the PDF draws."""
        answers = cleaned(deltagare=[recipient])
        boxes = _text_boxes(kallelse.render(answers, variant="brev"))
        address = " ".join(kallelse.letter_address(recipient).split("\n"))
        inside = [(t, b) for t, b in boxes if t in address and b.x > 100]
        assert " ".join(t for t, _ in inside).split() == address.split()
        for envelope in _envelope.ENVELOPES:
            area = _envelope.visible_area(envelope)
            for _, box in inside:
                assert area.contains(box), (envelope.name, box, area)
            reach = _envelope.window_reach(envelope)
            others = [(t, b) for t, b in boxes if (t, b) not in inside and reach.overlaps(b)]
            assert others == [], envelope.name

    def test_measured_window_area(self):
        """The numbers the README states: the address area is x 119–190 mm, y 54–84 mm."""
        area = _envelope.address_area()
        assert (area.x, area.y, area.right, area.bottom) == (119, 54, 190, 84)
        assert _envelope.reach().bottom == 99  # = the first fold of an A4 in three

    def test_an_address_too_long_for_the_window_is_refused(self):
        """An address that cannot fit the window gets a message at its postal address."""
        row = {
            "verksamhet": "Vårdcentralen",
            "aktor": "oppen_vard",
            "postadress": "Rad 1\nRad 2\nRad 3\nRad 4\nRad 5\nRad 6",
        }
        assert errors(deltagare=[row]) == [
            (
                "deltagare.0.postadress",
                "Adressen får inte plats i kuvertets fönster. Namn, verksamhet och adress får ta "
                "högst 6 rader med högst 36 tecken per rad. Korta adressen eller namnen.",
            )
        ]

    def test_letter_date_and_meeting_date_in_words(self):
        """The letter is dated in words and the meeting date has its weekday."""
        page = pdf_pages(kallelse.render(cleaned(), variant="brev"))[0]
        assert date_text(day(0), weekday=False) in page
        assert f"Datum och tid {date_text(day(14))}, kl. 09.00–10.30" in page

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


def _text_boxes(data: bytes) -> list[tuple[str, _envelope.Rect]]:
    """Each piece of text on the first page and the rectangle it covers, in mm from the top
    left corner: from its baseline up by the font's ascent, down by its descent, as wide as
    the text is in the embedded font."""
    from forms.pdf import SipDocument

    measure = SipDocument("Mått")
    reader = PdfReader(io.BytesIO(data))
    boxes = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        points = size * tm[0]
        x, baseline = tm[4] * 25.4 / 72, (842 - tm[5]) * 25.4 / 72
        bold = "Bold" in str(font.get("/BaseFont", "")) if font else False
        width = measure.text_width(text.strip(), size=points, bold=bold)
        height = points * 25.4 / 72
        boxes.append(
            (text.strip(), _envelope.Rect(x, baseline - 0.93 * height, width, 1.17 * height))
        )

    reader.pages[0].extract_text(visitor_text=visit)
    return boxes

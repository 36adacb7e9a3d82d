"""SIP-plan (forms.blanketter.plan): what a plan holds, its date checks, goals as many as
needed, the next version from a saved plan, and the PDF."""

from __future__ import annotations

import pytest
from helpers.answers import day, filler, valid_plan
from helpers.checks import form_checks
from helpers.pdf import pdf_pages, pdf_text, squash

from forms.blanketter import plan
from forms.blanketter._format import date_text
from forms.pdf import read_answers

GOAL = {
    "mal": "Du ska få stöd.",
    "sikt": "kort",
    "insatser": "Hemtjänst.",
    "huvudman": "kommun",
    "ansvarig": "Ida",
}


errors, cleaned = form_checks(plan, valid_plan)


class TestForm:
    def test_holds_what_a_plan_must_say(self):
        """Needs, goals with insatser, responsibility and time, own actions, others' actions,
        crisis, coordination, disagreement, follow-up, consent and approval are all asked."""
        names = {f.name for f in plan.FORM.all_fields()}
        assert {
            "berattelse",
            "huvudmal",
            "mal",
            "insatser",
            "ansvarig",
            "start",
            "klart",
            "egna_insatser",
            "andra_insatser",
            "kris",
            "samordningsansvarig_namn",
            "oenighet",
            "uppfoljning_datum",
            "uppfoljning_plats",
            "uppfoljning_form",
            "samtycke_parter",
            "samtycke_information",
            "samtycke_giltig_till",
            "godkand_datum",
            "godkand_av",
            "version",
            "lan",
            "behov",
            "sikt",
            "huvudman",
            "huvudman_annan",
            "situation",
            "atgard",
            "samordningsansvarig_typ",
            "samordningsansvarig_huvudman",
            "uppfoljning_tid",
            "lamnad_datum",
            "namn",
            "roll",
        } <= names
        assert {"situationer", "mottagare"} <= {
            i.name for section in plan.FORM.sections for i in section.items
        }
        assert plan.FORM.item("mal").max_items >= 30
        assert [o.label for o in plan.FORM.item("situationer").fields[1].options] == [
            "Förväntad",
            "Möjlig",
        ]
        assert [o.label for o in plan.FORM.item("mal").fields[1].options] == [
            "Kortsiktigt mål",
            "Långsiktigt mål",
        ]
        assert [o.value for o in plan.FORM.item("mal").fields[3].options] == [
            "kommun",
            "region",
            "skola",
            "annan",
        ]

    def test_hints_ask_for_du_form(self):
        """The hints tell the writer to address the person as "du"."""
        hints = " ".join(f.hint for f in plan.FORM.all_fields()) + plan.FORM.intro
        assert "du-form" in hints
        assert "\u201dDu ska få …\u201d" in hints


class TestValidate:
    def test_valid_answers_pass(self):
        """The example plan passes."""
        assert errors() == []

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            (
                {"uppfoljning_datum": day(0)},
                [("uppfoljning_datum", "Uppföljningen måste vara efter planens datum.")],
            ),
            (
                {"uppfoljning_datum": day(-5)},
                [("uppfoljning_datum", "Uppföljningen måste vara efter planens datum.")],
            ),
            (
                {"samtycke_giltig_till": day(0)},
                [("samtycke_giltig_till", "Samtycket måste gälla längre än till planens datum.")],
            ),
            (
                {"godkand_datum": day(-1)},
                [("godkand_datum", "Planen kan inte godkännas före sitt eget datum.")],
            ),
            ({"version": "två"}, [("version", "Skriv versionen som en siffra, till exempel 2.")]),
            ({"version": "0"}, [("version", "Skriv versionen som en siffra, till exempel 2.")]),
            ({"version": ""}, [("version", "Version måste fyllas i.")]),
            (
                {"uppfoljning_datum": ""},
                [("uppfoljning_datum", "Datum för uppföljning måste fyllas i.")],
            ),
            (
                {"datum": "2026-02-30"},
                [("datum", "Datumet finns inte. Kontrollera månad och dag.")],
            ),
            ({"huvudmal": ""}, [("huvudmal", "Övergripande mål måste fyllas i.")]),
            (
                {"mal": []},
                [
                    ("mal.0.mal", "Målet måste fyllas i."),
                    ("mal.0.sikt", "Kortsiktigt eller långsiktigt mål?: välj ett alternativ."),
                    ("mal.0.insatser", "Insatser – det här ska göras måste fyllas i."),
                    (
                        "mal.0.huvudman",
                        "Huvudman som ansvarar för insatserna: välj ett alternativ.",
                    ),
                    ("mal.0.ansvarig", "Ansvarig måste fyllas i."),
                ],
            ),
            (
                {"mal": [{**GOAL, "start": day(10), "klart": day(5)}]},
                [("mal.0.klart", "Klart-datumet kan inte vara före startdatumet.")],
            ),
            (
                {"mal": [{**GOAL, "huvudman": "annan"}]},
                [("mal.0.huvudman_annan", "Vem är huvudman? måste fyllas i.")],
            ),
            ({"behov": ""}, [("behov", "Dina behov måste fyllas i.")]),
            ({"lan": ""}, [("lan", "Län: välj ett alternativ.")]),
            ({"uppfoljning_plats": ""}, [("uppfoljning_plats", "Plats måste fyllas i.")]),
            (
                {"uppfoljning_tid": "13.75"},
                [("uppfoljning_tid", "Skriv tiden som TT:MM, till exempel 09:30.")],
            ),
            (
                {"samordningsansvarig_huvudman": ""},
                [
                    (
                        "samordningsansvarig_huvudman",
                        "Huvudman med det övergripande ansvaret för planen: välj ett alternativ.",
                    )
                ],
            ),
            (
                {"situationer": [{"situation": "Ingrid reser bort.", "typ": "forvantad"}]},
                [("situationer.0.atgard", "Det här gör ni då måste fyllas i.")],
            ),
            (
                {"mottagare": [{"namn": "Ingrid Öhman", "roll": "narstaende"}]},
                [
                    (
                        "mottagare.0.samtycke",
                        "Personen behöver säga ja till att den här mottagaren får planen. Kryssa i "
                        "rutan när personen har sagt ja, eller ta bort mottagaren.",
                    )
                ],
            ),
            (
                {"lan": "kalmar", "samordningsansvarig_typ": ""},
                [("samordningsansvarig_typ", "Den samordningsansvariga är: välj ett alternativ.")],
            ),
            (
                {"samordningsansvarig_namn": ""},
                [("samordningsansvarig_namn", "Samordningsansvarig måste fyllas i.")],
            ),
        ],
    )
    def test_exact_messages_at_exact_fields(self, changes, expected):
        """Each mistake gives its Swedish message beside its field."""
        assert sorted(errors(**changes)) == sorted(expected)

    def test_as_many_goals_as_needed(self):
        """Thirty goals are accepted and kept in order; empty goal rows are dropped."""
        goals = [{**GOAL, "mal": f"Mål nummer {i}"} for i in range(30)]
        answers = cleaned(mal=[*goals, {"mal": "", "insatser": ""}])
        assert [g["mal"] for g in answers["mal"]] == [f"Mål nummer {i}" for i in range(30)]

    def test_version_normalised(self):
        """A version typed as " 02 " is kept as 2."""
        assert cleaned(version=" 02 ")["version"] == "2"


class TestFromSaved:
    def test_next_version(self):
        """A saved plan comes back as its next version: version + 1, date, approval and
        follow-up date cleared, everything else kept."""
        saved = cleaned(version="3")
        nxt = plan.from_saved("sip-plan", saved)
        assert nxt["version"] == "4"
        for key in ("datum", "godkand_datum", "godkand_av", "uppfoljning_datum"):
            assert nxt[key] == ""
        assert nxt["mal"] == saved["mal"] and nxt["huvudmal"] == saved["huvudmal"]
        assert saved["version"] == "3"  # the saved answers are not changed

    def test_next_version_validates_once_dated(self):
        """The next version passes validation as soon as it has a date and follow-up date."""
        nxt = plan.from_saved("sip-plan", cleaned())
        nxt.update(datum=day(1), uppfoljning_datum=day(100))
        result = plan.validate(nxt)
        assert result.errors == [] and result.answers["version"] == "2"

    def test_missing_version_becomes_two(self):
        """A saved plan without a version becomes version 2."""
        assert plan.from_saved("sip-plan", {})["version"] == "2"
        assert plan.from_saved("sip-plan", {"version": ""})["version"] == "2"

    @pytest.mark.parametrize("version", ["x", "1" * 5000, "0"])
    def test_unreadable_version_is_kept_and_asked_for(self, version):
        """A version that is no whole number stays as it was (not silently replaced), and
        the form then asks for a number in Swedish."""
        nxt = plan.from_saved("sip-plan", {**cleaned(), "version": version})
        assert nxt["version"] == version
        nxt.update(datum=day(1), uppfoljning_datum=day(100))
        messages = {e.path: e.message for e in plan.validate(nxt).errors}
        assert set(messages) == {"version"}
        assert messages["version"] in (
            "Skriv versionen som en siffra, till exempel 2.",
            f"Texten är för lång ({len(version)} tecken). Det får plats högst 4 tecken.",
        )

    def test_other_blankett_refused(self):
        """An uppföljning cannot become a plan."""
        with pytest.raises(ValueError, match="Filen är ingen SIP-plan"):
            plan.from_saved("uppfoljning", {})


class TestPdf:
    def test_sections_in_du_form(self):
        """The PDF speaks to the person and shows the plan's parts under clear headings."""
        text = squash(pdf_text(plan.render(cleaned())))
        for part in (
            "Det här är din plan.",
            "Vad är viktigt för dig?",
            "Ditt övergripande mål",
            "Mål och insatser",
            "Det här gör du själv",
            "Handlingsplan för möjliga och förväntade situationer",
            "Dina behov",
            "Vem får planen",
            "Samordning och kontaktpersoner",
            "Delade meningar",
            "Uppföljning",
            "Samtycke till informationsöverföring",
            "Godkännande",
            "Version 1",
        ):
            assert part in text, part

    def test_present_as_table_goals_as_blocks_when_long(self):
        """Short rows (present) form a table; long goals print as "Mål 1", "Mål 2" blocks."""
        long_goal = {**GOAL, "mal": filler(400, 1), "insatser": filler(400, 2)}
        text = squash(pdf_text(plan.render(cleaned(mal=[long_goal, long_goal]))))
        assert "Namn Roll eller verksamhet Åsa Öhman Du själv" in text
        assert "Mål 1 Målet" in text and "Mål 2 Målet" in text

    def test_thirty_long_goals_paginate(self):
        """30 goals of 3,000 characters each run over many pages, every goal heading and a
        sample of every goal's words present."""
        goals = [
            {
                **GOAL,
                "mal": filler(3000, i),
                "insatser": filler(3000, 100 + i),
                "ansvarig": f"Ansvarig {i}",
            }
            for i in range(30)
        ]
        pages = pdf_pages(plan.render(cleaned(mal=goals)))
        assert len(pages) > 30
        text = " ".join(pages)
        for i, goal in enumerate(goals):
            assert f"Mål {i + 1} Målet" in text
            for word in goal["mal"].split()[::97] + goal["insatser"].split()[::97]:
                assert word in text


class TestCountyLines:
    @pytest.mark.parametrize(
        ("lan", "present", "absent"),
        [
            ("jonkoping", "1177 Vårdguidens e-tjänster", "Cosmic Link får den bara om du går"),
            ("kalmar", "får den bara om du går med på det", "1177 Vårdguidens"),
            ("varmland", "på mötet eller renskriven efteråt", "1177 Vårdguidens"),
        ],
    )
    def test_who_gets_the_plan_by_county_with_source(self, lan, present, absent):
        """Under "Vem får planen" each county's own line is printed with its source, and no
        other county's: 1177 only where the county names it (Jönköpings län)."""
        kind = {"samordningsansvarig_typ": "samordnare"} if lan == "kalmar" else {}
        text = squash(pdf_text(plan.render(cleaned(lan=lan, **kind))))
        part = text[text.index("Vem får planen") :]
        assert present in part and absent not in text
        assert "Källa: " in part

    def test_recipients_with_consent_printed_and_reopened(self):
        """Each copy is listed with the person's yes and its date, and reopens."""
        answers = cleaned()
        data = plan.render(answers)
        text = squash(pdf_text(data))
        assert "Ingrid Öhman Närstående Ja " + date_text(day(0)) in text
        assert read_answers(data)["svar"]["mottagare"][0]["samtycke"] is True
        assert f"Datum då du fick planen {date_text(day(0))}" in text

    def test_next_version_starts_without_recipients(self):
        """A new version is handed out anew: its list of recipients starts empty."""
        assert plan.from_saved("sip-plan", cleaned())["mottagare"] == []


class TestCoordinatorKind:
    def test_only_where_the_county_names_kinds(self):
        """The kind of samordningsansvarig is asked only for the counties whose documents name
        kinds (Kalmar län: fast vårdkontakt or samordnare), and dropped elsewhere."""
        fld = plan.FORM.item("samordningsansvarig_typ")
        assert fld.show_if.values == ("kalmar",)
        assert [o.label for o in fld.options] == [
            "Fast vårdkontakt med samordningsansvar",
            "Samordnare",
        ]
        assert "samordningsansvarig_typ" not in cleaned(samordningsansvarig_typ="samordnare")

    def test_printed_with_its_source(self):
        """In Kalmar län the plan says which kind it is and cites the anvisning."""
        data = plan.render(cleaned(lan="kalmar", samordningsansvarig_typ="fast_vardkontakt"))
        text = squash(pdf_text(data))
        assert "Den samordningsansvariga är Fast vårdkontakt med samordningsansvar" in text
        assert "RS 2022/1652), avsnittet \u201dSIP mötet\u201d" in text
        assert read_answers(data)["svar"]["samordningsansvarig_typ"] == "fast_vardkontakt"

    def test_blank_form_asks_it_for_that_county(self):
        """The blank plan offers both kinds and says which county names them."""
        text = squash(pdf_text(plan.render_blank()))
        assert "Kalmar län: kryssa i vilken roll den samordningsansvariga har." in text
        assert "Fast vårdkontakt med samordningsansvar" in text and "Samordnare" in text


class TestGoalsAndResponsibility:
    def test_long_and_short_term_and_huvudman_goal_by_goal(self):
        """Each goal says whether it is short- or long-term, and a table shows which
        huvudman answers for which goal, and who."""
        text = squash(pdf_text(plan.render(cleaned())))
        assert "Vem ansvarar för vad" in text
        assert "Mål Huvudman Ansvarig" in text
        assert "Mål 1, kortsiktigt mål Regionen Maria Johansson, fysioterapeut" in text
        assert "Mål 2, långsiktigt mål Kommunen Ida Lund, biståndshandläggare" in text

    def test_other_huvudman_by_name(self):
        """An insats carried by another huvudman shows that huvudman's name."""
        goal = {**GOAL, "huvudman": "annan", "huvudman_annan": "Försäkringskassan"}
        text = squash(pdf_text(plan.render(cleaned(mal=[goal]))))
        assert "Mål 1, kortsiktigt mål Försäkringskassan Ida" in text

    def test_needs_and_situations_printed(self):
        """The needs and the plan for expected and possible situations are printed."""
        text = squash(pdf_text(plan.render(cleaned())))
        assert "Dina behov Du behöver stöd för att gå säkert" in text
        assert "Ingrid reser bort i juli." in text and "Förväntad" in text
        assert "Hemtjänsten handlar åt dig de veckorna." in text

    def test_follow_up_date_time_and_place(self):
        """The follow-up's date (with weekday), time and place are printed."""
        text = squash(pdf_text(plan.render(cleaned())))
        assert f"Datum för uppföljning {date_text(day(90))}, kl. 13.00" in text
        assert "Plats Hemma hos dig" in text

"""SIP-plan (forms.blanketter.plan): what a plan holds, its date checks, goals as many as
needed, the next version from a saved plan, and the PDF."""

from __future__ import annotations

import pytest
from test_blanketter_common import day, filler, pdf_pages, pdf_text, squash, valid_plan

from forms.blanketter import plan


def errors(**changes) -> list[tuple[str, str]]:
    return [(e.path, e.message) for e in plan.validate(valid_plan(**changes)).errors]


def cleaned(**changes) -> dict:
    result = plan.validate(valid_plan(**changes))
    assert result.errors == []
    return result.answers


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
        } <= names
        assert plan.FORM.item("mal").max_items >= 30

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
                    ("mal.0.insatser", "Insatser – det här ska göras måste fyllas i."),
                    ("mal.0.ansvarig", "Ansvarig måste fyllas i."),
                ],
            ),
            (
                {
                    "mal": [
                        {
                            "mal": "Du ska få stöd.",
                            "insatser": "Hemtjänst.",
                            "ansvarig": "Ida",
                            "start": day(10),
                            "klart": day(5),
                        }
                    ]
                },
                [("mal.0.klart", "Klart-datumet kan inte vara före startdatumet.")],
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
        goals = [
            {"mal": f"Mål nummer {i}", "insatser": "Stöd", "ansvarig": "Ida"} for i in range(30)
        ]
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
            "Om det blir sämre",
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
        long_goal = {"mal": filler(400, 1), "insatser": filler(400, 2), "ansvarig": "Ida"}
        text = squash(pdf_text(plan.render(cleaned(mal=[long_goal, long_goal]))))
        assert "Namn Roll eller verksamhet Åsa Öhman Du själv" in text
        assert "Mål 1 Målet" in text and "Mål 2 Målet" in text

    def test_thirty_long_goals_paginate(self):
        """30 goals of 3,000 characters each run over many pages, every goal heading and a
        sample of every goal's words present."""
        goals = [
            {"mal": filler(3000, i), "insatser": filler(3000, 100 + i), "ansvarig": f"Ansvarig {i}"}
            for i in range(30)
        ]
        pages = pdf_pages(plan.render(cleaned(mal=goals)))
        assert len(pages) > 30
        text = " ".join(pages)
        for i, goal in enumerate(goals):
            assert f"Mål {i + 1} Målet" in text
            for word in goal["mal"].split()[::97] + goal["insatser"].split()[::97]:
                assert word in text

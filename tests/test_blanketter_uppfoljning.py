"""Uppföljning av SIP (forms.blanketter.uppfoljning): starting from a saved plan, outcomes per
goal, the decision and its follow-ups, the date checks and the PDF."""

from __future__ import annotations

import pytest
from helpers.answers import PNR, day, valid_plan, valid_uppfoljning
from helpers.checks import form_checks
from helpers.pdf import pdf_text, squash

from forms.blanketter import plan, uppfoljning
from forms.blanketter._format import date_text
from forms.pdf import read_answers

errors, cleaned = form_checks(uppfoljning, valid_uppfoljning)


class TestFromSavedPlan:
    def test_starts_from_the_plan(self):
        """A saved plan gives its date, version, follow-up date and one row per goal."""
        saved = plan.validate(valid_plan()).answers
        prefill = uppfoljning.from_saved("sip-plan", saved)
        assert prefill["person_personnummer"] == PNR
        assert prefill["plan_datum"] == saved["datum"]
        assert prefill["plan_version"] == "1"
        assert prefill["datum"] == saved["uppfoljning_datum"]
        assert [row["mal"] for row in prefill["mal"]] == [g["mal"] for g in saved["mal"]]
        assert all(row["resultat"] == "" for row in prefill["mal"])

    def test_plan_pdf_to_uppfoljning(self):
        """Opening the plan's PDF and filling in the outcomes gives a valid uppföljning."""
        saved = read_answers(plan.render(plan.validate(valid_plan()).answers))
        prefill = uppfoljning.from_saved(saved["blankett"], saved["svar"])
        for row in prefill["mal"]:
            row["resultat"] = "uppnatt"
        prefill.update(
            beslut="avsluta",
            avslut_skal="malen_uppnadda",
            narvarande=[{"namn": "Åsa Öhman", "roll": "Du själv"}],
        )
        assert uppfoljning.validate(prefill).errors == []

    def test_other_blankett_refused(self):
        """A kallelse cannot start an uppföljning."""
        with pytest.raises(ValueError, match="Filen är ingen SIP-plan eller uppföljning"):
            uppfoljning.from_saved("kallelse", {})


class TestValidate:
    def test_valid_answers_pass(self):
        """The example uppföljning passes."""
        assert errors() == []

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            (
                {"nasta_datum": day(0)},
                [
                    (
                        "nasta_datum",
                        "Nästa uppföljning måste vara efter datumet för den här uppföljningen.",
                    )
                ],
            ),
            ({"nasta_datum": ""}, [("nasta_datum", "Datum för nästa uppföljning måste fyllas i.")]),
            (
                {"beslut": "fortsatt", "nasta_datum": ""},
                [("nasta_datum", "Datum för nästa uppföljning måste fyllas i.")],
            ),
            (
                {"beslut": "avsluta"},
                [("avslut_skal", "Skäl till att SIP avslutas: välj ett alternativ.")],
            ),
            ({"beslut": ""}, [("beslut", "Beslut: välj ett alternativ.")]),
            ({"datum": day(-91)}, [("datum", "Uppföljningen kan inte vara före planens datum.")]),
            (
                {"plan_version": "två"},
                [("plan_version", "Skriv versionen som en siffra, till exempel 2.")],
            ),
            (
                {"mal": [{"mal": "Du ska få stöd.", "resultat": ""}]},
                [("mal.0.resultat", "Resultat: välj ett alternativ.")],
            ),
            (
                {"mal": [{"mal": "Du ska få stöd.", "resultat": "klart"}]},
                [("mal.0.resultat", "Resultat: välj ett av alternativen.")],
            ),
        ],
    )
    def test_exact_messages_at_exact_fields(self, changes, expected):
        """Each mistake gives its Swedish message beside its field."""
        assert sorted(errors(**changes)) == sorted(expected)

    @pytest.mark.parametrize(
        "reason", ["malen_uppnadda", "behov_finns_inte", "samtycke_aterkallat"]
    )
    def test_ending_needs_no_next_date(self, reason):
        """Ending the SIP with a reason needs no next follow-up, and drops a typed one."""
        answers = cleaned(beslut="avsluta", avslut_skal=reason, nasta_datum="")
        assert "nasta_datum" not in answers and answers["avslut_skal"] == reason

    def test_reason_dropped_when_continuing(self):
        """A reason chosen before switching to "fortsätt" is not kept."""
        answers = cleaned(beslut="fortsatt", avslut_skal="behov_finns_inte")
        assert "avslut_skal" not in answers


class TestPdf:
    def test_outcomes_and_decision(self):
        """Outcomes, the decision and the next follow-up are printed in words."""
        text = squash(pdf_text(uppfoljning.render(cleaned())))
        for part in (
            "Uppföljning av SIP",
            "Planens version 1",
            "Uppnått",
            "Delvis uppnått",
            "Inte uppnått",
            "Revidera planen till en ny version",
            f"Datum för nästa uppföljning {date_text(day(90))}",
        ):
            assert part in text, part

    def test_ending_prints_reason_and_no_next_meeting(self):
        """An ended SIP shows its reason and no next follow-up section."""
        text = pdf_text(
            uppfoljning.render(
                cleaned(
                    beslut="avsluta",
                    avslut_skal="samtycke_aterkallat",
                    avslut_kommentar="Åsa vill inte längre.",
                )
            )
        )
        assert "Personen har tagit tillbaka sitt samtycke" in text
        assert "Åsa vill inte längre." in text
        assert "Nästa uppföljning" not in text


class TestCountyLines:
    ENDING = {"beslut": "avsluta", "avslut_skal": "malen_uppnadda"}

    def test_jonkoping_each_huvudman_documents_the_ending(self):
        """On ending, Jönköpings län's line that each huvudman documents the ending in its own
        records is printed with its source, and not when the plan continues."""
        line = "Varje huvudman dokumenterar avslutet i sin egen dokumentation."
        ended = squash(pdf_text(uppfoljning.render(cleaned(**self.ENDING))))
        assert line in ended
        assert (
            "Källa: Region Jönköpings län, Att göra en samordnad individuell plan (SIP), "
            "avsnittet \u201d7. Avslutning\u201d." in ended
        )
        assert line not in squash(pdf_text(uppfoljning.render(cleaned())))

    @pytest.mark.parametrize(
        ("lan", "line"),
        [
            (
                "kalmar",
                "Den fasta vårdkontakten med samordningsansvar, eller samordnaren, "
                "avslutar planen.",
            ),
            (
                "varmland",
                "Hur en SIP avslutas och dokumenteras: Länets dokument säger inget om detta.",
            ),
        ],
    )
    def test_other_counties_their_own_line_or_silence(self, lan, line):
        """Kalmar län prints its own rule on ending; Värmland's documents are silent and the
        PDF says so. Neither borrows Jönköping's line."""
        text = squash(pdf_text(uppfoljning.render(cleaned(lan=lan, **self.ENDING))))
        assert line in text
        assert "Varje huvudman dokumenterar avslutet" not in text

    def test_follow_up_line_when_continuing(self):
        """When the plan continues, the county's line on follow-up is printed instead."""
        text = squash(pdf_text(uppfoljning.render(cleaned(lan="kalmar"))))
        assert "Vid uppföljningen görs en ny version av planen." in text
        assert "avslutar planen" not in text

    def test_county_comes_from_the_plan_and_reopens(self):
        """Started from a saved plan, the uppföljning takes the plan's county; it reopens."""
        saved = plan.validate(valid_plan(lan="kalmar", samordningsansvarig_typ="samordnare"))
        assert uppfoljning.from_saved("sip-plan", saved.answers)["lan"] == "kalmar"
        data = uppfoljning.render(cleaned(lan="kalmar"))
        assert read_answers(data)["svar"]["lan"] == "kalmar"

    def test_blank_form_prints_every_countys_lines(self):
        """The blank uppföljning prints what each county's documents say, with sources."""
        text = squash(pdf_text(uppfoljning.render_blank()))
        assert "Jönköpings län: " in text and "Varje huvudman dokumenterar avslutet" in text
        assert "Kalmar län: Vid uppföljningen görs en ny version av planen." in text

"""Samtycke till SIP (forms.blanketter.samtycke): who consents (both guardians under shared
custody), oral or written, to what and until when, the child's view, how to withdraw, and the
signature lines."""

from __future__ import annotations

import pytest
from helpers.answers import PNR, day, valid_kallelse, valid_samtycke
from helpers.checks import form_checks
from helpers.pdf import pdf_text, squash

from forms.blanketter import samtycke

ADULT = {
    "person_namn": "Åsa Öhman",
    "person_personnummer": PNR,
    "barn": False,
    "samtycke_av": "personen",
    "barnets_asikt": "",
    "barnet_informerat": "",
}


errors, cleaned = form_checks(samtycke, valid_samtycke)


class TestValidate:
    def test_valid_answers_pass(self):
        """The example consent (a child, shared custody, written) passes."""
        assert errors() == []

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            (
                {"vh2_namn": ""},
                [
                    (
                        "vh2_namn",
                        "Barnet har två vårdnadshavare. Båda ska samtycka, så fyll i "
                        "vårdnadshavare 2.",
                    )
                ],
            ),
            (
                {"giltig_till": day(0)},
                [("giltig_till", "Samtycket måste gälla framåt. Välj ett datum efter i dag.")],
            ),
            (
                {"giltig_till": day(-30)},
                [("giltig_till", "Samtycket måste gälla framåt. Välj ett datum efter i dag.")],
            ),
            (
                {"samtycke_av": "personen"},
                [
                    (
                        "samtycke_av",
                        "För ett barn under 18 år lämnar vårdnadshavarna samtycket. "
                        "Välj Vårdnadshavare.",
                    )
                ],
            ),
            (
                {"vardnad": ""},
                [("vardnad", "Hur många vårdnadshavare har barnet?: välj ett alternativ.")],
            ),
            (
                {"omfattning": []},
                [("omfattning", "Personen samtycker till: välj minst ett alternativ.")],
            ),
            (
                {"information": ""},
                [("information", "Vilken information får lämnas? måste fyllas i.")],
            ),
            (
                {"form": "muntligt"},
                [
                    ("dokumenterat_av", "Vem tog emot samtycket? måste fyllas i."),
                    ("dokumenterat_var", "Var är det dokumenterat? måste fyllas i."),
                ],
            ),
            (
                {"barnet_informerat": ""},
                [
                    (
                        "barnet_informerat",
                        "Har barnet fått information och fått säga sin mening?: "
                        "välj ett alternativ.",
                    )
                ],
            ),
            (
                {"aterkalla_till": ""},
                [
                    (
                        "aterkalla_till",
                        "Vem kontaktar personen för att ta tillbaka samtycket? måste fyllas i.",
                    )
                ],
            ),
            ({"parter": []}, [("parter.0.verksamhet", "Verksamhet måste fyllas i.")]),
            (
                {**ADULT, "samtycke_av": "foretradare"},
                [
                    ("foretradare_namn", "Företrädarens namn måste fyllas i."),
                    ("foretradare_typ", "Typ av företrädare: välj ett alternativ."),
                ],
            ),
            (
                {
                    **ADULT,
                    "samtycke_av": "foretradare",
                    "foretradare_namn": "Bo Ek",
                    "foretradare_typ": "annan",
                },
                [("foretradare_annan", "Vilken sorts företrädare? måste fyllas i.")],
            ),
        ],
    )
    def test_exact_messages_at_exact_fields(self, changes, expected):
        """Each mistake gives its Swedish message beside its field."""
        assert sorted(errors(**changes)) == sorted(expected)

    def test_tomorrow_is_valid(self):
        """Valid until tomorrow is in the future."""
        assert errors(giltig_till=day(1)) == []

    def test_sole_custody_drops_second_guardian(self):
        """With one guardian, a second guardian typed earlier is not kept."""
        answers = cleaned(vardnad="ensam")
        assert "vh2_namn" not in answers and "vh2_telefon" not in answers

    def test_adult_has_no_child_or_guardian_answers(self):
        """For an adult who consents, the guardian and child answers are not kept."""
        answers = cleaned(**ADULT)
        for key in ("vardnad", "vh1_namn", "vh2_namn", "barnets_asikt"):
            assert key not in answers

    def test_information_not_asked_without_transfer(self):
        """Consent to the meeting only does not ask which information may be shared."""
        answers = cleaned(omfattning=["sip_mote"], information="")
        assert "information" not in answers


class TestPdf:
    def test_written_consent_has_both_signatures(self):
        """A written consent under shared custody has a signature line for each guardian."""
        text = squash(pdf_text(samtycke.render(cleaned())))
        assert "Underskrift – Sara Lind" in text and "Underskrift – Omar Haddad" in text
        assert text.count("Ort och datum") == 2

    def test_oral_consent_has_no_signature(self):
        """An oral consent says who documented it and where, and has no signature lines."""
        text = pdf_text(
            samtycke.render(
                cleaned(
                    form="muntligt",
                    dokumenterat_av="Lena Ek",
                    dokumenterat_var="Journalen i Cosmic",
                )
            )
        )
        assert "Lena Ek" in text and "Journalen i Cosmic" in text
        assert "Underskrift" not in text

    def test_withdrawal_text(self):
        """The PDF says clearly that consent can be withdrawn at any time, and to whom; it
        claims nothing the county documents do not say ("helt eller delvis", "behöver inte
        säga varför")."""
        text = squash(pdf_text(samtycke.render(cleaned())))
        assert (
            "Du kan när som helst ta tillbaka ditt samtycke. "
            "Kontakta: Lena Ek, BUP Jönköping, 010-242 00 00."
        ) in text
        assert "helt eller delvis" not in text and "säga varför" not in text

    def test_child_view_only_for_a_child(self):
        """The child's own view is printed for a child and absent for an adult."""
        assert "Barnets egen inställning" in pdf_text(samtycke.render(cleaned()))
        adult = pdf_text(samtycke.render(cleaned(**ADULT)))
        assert "Barnets egen inställning" not in adult and "Vårdnadshavare" not in adult

    def test_scope_shows_ticked_and_unticked(self):
        """Both scope options are printed, so the reader sees what was not agreed to."""
        text = pdf_text(samtycke.render(cleaned(omfattning=["sip_mote"])))
        assert "Att ett SIP-möte hålls och en plan görs" in text
        assert "Att information lämnas mellan parterna nedan" in text

    def test_representative_kind(self):
        """A legal representative of another kind is printed with that kind."""
        text = squash(
            pdf_text(
                samtycke.render(
                    cleaned(
                        **{
                            **ADULT,
                            "samtycke_av": "foretradare",
                            "foretradare_namn": "Bo Ek",
                            "foretradare_typ": "annan",
                            "foretradare_annan": "Särskild företrädare",
                        }
                    )
                )
            )
        )
        assert "Företrädarens namn Bo Ek" in text
        assert "Typ av företrädare Särskild företrädare" in text
        assert "Underskrift – Bo Ek" in text


class TestFromSaved:
    def test_from_kallelse(self):
        """A saved kallelse prefills the person and its participants as parties."""
        prefill = samtycke.from_saved("kallelse", valid_kallelse())
        assert prefill["person_namn"] == "Åsa Öhman"
        assert [p["verksamhet"] for p in prefill["parter"]] == [
            "Vårdcentralen Centrum",
            "Biståndsenheten",
            "Kvarnbergsskolan",
            "Försäkringskassan",
        ]

    def test_other_blankett_refused(self):
        """An uppföljning cannot prefill a consent."""
        with pytest.raises(ValueError, match="Filen hör inte till samtycke"):
            samtycke.from_saved("uppfoljning", {})


class TestBlank:
    def test_signatures_and_withdrawal(self):
        """The blank consent has signature lines and the withdrawal text."""
        text = squash(pdf_text(samtycke.render_blank()))
        assert text.count("Underskrift") >= 3
        assert "Du kan när som helst ta tillbaka ditt samtycke" in text
        assert "Vid gemensam vårdnad skriver båda vårdnadshavarna under." in text


class TestCountyForms:
    """How a consent is given: oral, written or, where the county says so, presumed."""

    def test_presumed_only_where_the_county_names_it(self):
        """Underförstått (presumerat) samtycke passes in Kalmar län, where the anvisning names
        it, and is refused beside the field in the counties whose documents do not."""
        presumed = {
            "form": "presumerat",
            "dokumenterat_av": "Lena Ek, sjuksköterska",
            "dokumenterat_var": "Journalen",
        }
        assert errors(lan="kalmar", **presumed) == []
        assert errors(lan="jonkoping", **presumed) == [
            (
                "form",
                "Länets dokument nämner inte det sättet att samtycka. Välj muntligt eller "
                "skriftligt.",
            )
        ]
        assert [e[0] for e in errors(lan="varmland", **presumed)] == ["form"]

    def test_presumed_asks_who_and_where_it_is_documented(self):
        """A presumed consent, like an oral one, must say who took it and where it is
        documented (the journal)."""
        assert errors(lan="kalmar", form="presumerat") == [
            ("dokumenterat_av", "Vem tog emot samtycket? måste fyllas i."),
            ("dokumenterat_var", "Var är det dokumenterat? måste fyllas i."),
        ]

    def test_printed_with_the_county_line_and_reopened(self):
        """The PDF says how the consent was given and where it is documented, prints Kalmar
        län's line on consent with its source, has no signature lines, and reopens."""
        from forms.pdf import read_answers

        answers = cleaned(
            lan="kalmar",
            form="presumerat",
            dokumenterat_av="Lena Ek",
            dokumenterat_var="Journalen i Cosmic",
        )
        data = samtycke.render(answers)
        text = squash(pdf_text(data))
        assert "Samtycket är Underförstått (presumerat)" in text
        assert "Samtycket kan vara skriftligt, muntligt eller underförstått (presumerat)." in text
        assert "avsnittet \u201dDefinitioner: Samtycke\u201d" in text
        assert "Journalen i Cosmic" in text and "Underskrift" not in text
        assert read_answers(data)["svar"]["form"] == "presumerat"

    @pytest.mark.parametrize(
        ("lan", "present", "absent"),
        [
            ("jonkoping", "Ett samtycke är aldrig generellt.", "underförstått"),
            (
                "varmland",
                "Om samtycket kan vara muntligt eller skriftligt: Länets dokument "
                "säger inget om detta.",
                "underförstått",
            ),
            ("kalmar", "underförstått (presumerat)", "aldrig generellt"),
        ],
    )
    def test_each_countys_own_lines_only(self, lan, present, absent):
        """Each county's lines on consent, never another county's."""
        text = squash(pdf_text(samtycke.render(cleaned(lan=lan))))
        assert present in text and absent not in text

    def test_guardians_line_only_for_a_child_in_varmland(self):
        """Värmland's line that the guardians consent to which services are called is printed
        for a child only."""
        line = "Vårdnadshavaren samtycker både till mötet och till vilka verksamheter som kallas."
        assert line in squash(pdf_text(samtycke.render(cleaned(lan="varmland"))))
        adult = cleaned(lan="varmland", **ADULT)
        assert line not in squash(pdf_text(samtycke.render(adult)))

    def test_blank_form_offers_every_form_and_every_countys_line(self):
        """The blank consent offers oral, written and presumed, and each county's lines."""
        text = squash(pdf_text(samtycke.render_blank()))
        assert "Muntligt Skriftligt Underförstått (presumerat)" in text
        assert "Kalmar län: Samtycket kan vara skriftligt, muntligt eller underförstått" in text
        assert "Jönköpings län: Samtycket kan vara muntligt eller skriftligt." in text

"""The county registry (forms/lan): one data file per county, checked when it loads, every rule
row traceable to a section of the built site, and a fourth county without a code change."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from forms import behov, lan
from forms.blanketter import kallelse, plan
from forms.schema import checkbox_value
from forms.validation import validate_form

try:
    from helpers.sitetext import section_text
except ImportError:  # tests/ imported as a package
    from tests.helpers.sitetext import section_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lan"
REGISTRY = lan.registry()


def _rows():
    out = []
    for county in REGISTRY.counties.values():
        lines = [row for rows in county.rader.values() for row in rows]
        for n, row in enumerate((*county.regler, *lines)):
            if row.tyst or not row.belagg:
                continue
            out.append(pytest.param(row, id=f"{county.id}-{n}-{row.amne}-{row.roll}"))
    return out


class TestRegistry:
    def test_the_three_counties_with_one_spelling_each(self):
        """The counties are Jönköpings län, Kalmar län and Värmlands län, named once each."""
        assert {c.id: c.namn for c in REGISTRY.counties.values()} == {
            "jonkoping": "Jönköpings län",
            "kalmar": "Kalmar län",
            "varmland": "Värmlands län",
        }
        assert [o.label for o in behov.FORM.item("lan").options] == [
            "Jönköpings län",
            "Kalmar län",
            "Värmlands län",
        ]
        assert [o.label for o in kallelse.FORM.item("lan").options] == [
            "Jönköpings län",
            "Kalmar län",
            "Värmlands län",
        ]

    def test_facts_are_exactly_what_the_assessment_computes(self):
        """Every named fact of the vocabulary is computed from the answers, and no other."""
        assert set(behov.facts({})) == set(REGISTRY.facts)

    def test_kallelse_aktorer_are_the_registry_vocabulary(self):
        """The registry's kinds of participant are the kallelse's options."""
        fld = kallelse.FORM.item("deltagare").fields[1]
        assert tuple(o.value for o in fld.options) == lan.AKTORER

    def test_every_deciding_reason_has_a_source_and_no_silent_row_decides(self):
        """A verdict is decided only by a row that cites a document."""
        for county in REGISTRY.counties.values():
            for row in county.rules("skal"):
                if row.avgor:
                    assert not row.tyst, row.where


class TestTraceable:
    @pytest.mark.parametrize("row", _rows())
    def test_fact_is_in_the_linked_section(self, site_dir, row):
        """The row's short fact stands under the heading its source links to, on the built
        site: the page and the widget say the same thing."""
        text = section_text(site_dir, row.kalla.href)
        assert text, f"{row.where}: no section {row.kalla.href}"
        assert row.belagg.lower() in text.lower(), (row.where, row.belagg, row.kalla.href)


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    source = (lan.HERE / "kalmar.toml").read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / "kalmar.toml"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return path


class TestErrors:
    @pytest.mark.parametrize(
        ("old", "new", "reason"),
        [
            ('villkor = ["tvang"]', 'villkor = ["tvangg"]', "okänt villkor 'tvangg'"),
            ('kalla = "k_lpt"', 'kalla = "k_lptt"', "okänd källa 'k_lptt'"),
            ('amne = "tvangsvard"', 'amne = "tvang"', "okänt ämne 'tvang'"),
            ('roll = "skal"', 'roll = "skäl"', "okänd roll 'skäl'"),
            ('beslut = "tvangsvard"', 'beslut = "tvang"', "okänt beslut 'tvang'"),
            ('skyldiga = ["kommun"', 'skyldiga = ["komun"', "okänd aktör 'komun'"),
            ('avsnitt = "Kallelse till SIP"', 'avsnitt = "Kallelsen"', "avsnittet 'Kallelsen'"),
            ('belagg = "Samordnad vårdplan i stället för SIP"\n', "\n", "'belagg' saknas"),
        ],
    )
    def test_a_wrong_row_names_file_row_and_reason(self, tmp_path, old, new, reason):
        """An unknown fact, source, topic, role, decision, aktör or section stops loading with
        the file, the row and the reason, in Swedish."""
        with pytest.raises(lan.RegistryError) as error:
            lan.load([_broken(tmp_path, old, new)])
        message = str(error.value)
        assert message.startswith("kalmar.toml, ")
        assert reason in message

    @pytest.mark.parametrize(
        ("old", "new", "reason"),
        [
            (
                'samordningsansvarig = ["fast_vardkontakt", "samordnare"]',
                'samordningsansvarig = ["fast_vardkontakt", "kurator"]',
                "[plan]: okänt val 'kurator' i 'samordningsansvarig'. Kända: fast_vardkontakt, "
                "samordnare.",
            ),
            (
                'samordningsansvarig_kalla = "k_ansvarig"',
                'samordningsansvarig_kalla = "k_ansv"',
                "[plan]: 'samordningsansvarig_kalla' okänd källa 'k_ansv'.",
            ),
            (
                'samordningsansvarig_kalla = "k_ansvarig"\n',
                "\n",
                "[plan]: 'samordningsansvarig_kalla' saknas.",
            ),
            (
                'samtyckesform = ["skriftligt"',
                'samtyckesform = ["tyst"',
                "[samtycke]: okänt val 'tyst' i 'samtyckesform'.",
            ),
            ("[plan]\n", '[plan]\nfarg = "blå"\n', "[plan]: okänd nyckel 'farg'."),
            (
                '[[uppfoljning.rad]]\namne = "avslut"',
                '[[uppfoljning.rad]]\namne = "tolk"',
                "uppfoljning.rad 2: ämnet 'tolk' skrivs inte ut på blanketten uppfoljning. "
                "Möjliga: uppfoljning, avslut, reservrutin.",
            ),
            (
                '[[uppfoljning.rad]]\namne = "avslut"',
                '[[uppfoljning.rad]]\nvillkor = ["barn"]\namne = "avslut"',
                "uppfoljning.rad 2: villkoret 'barn' räknas inte ut på blanketten uppfoljning. "
                "Möjliga: inga.",
            ),
        ],
    )
    def test_a_wrong_blankett_table_names_file_row_and_reason(self, tmp_path, old, new, reason):
        """The blanketter's county tables are checked like the rules: an unknown choice, key,
        source, topic or fact stops loading with the file, the table or row and the reason."""
        with pytest.raises(lan.RegistryError) as error:
            lan.load([_broken(tmp_path, old, new)])
        message = str(error.value)
        assert message.startswith("kalmar.toml, ") and reason in message, message

    def test_wrong_file_stops_the_build(self, tmp_path):
        """mkdocs build fails on a broken county file and prints file, row and reason."""
        broken = tmp_path / "lan"
        broken.mkdir()
        _broken(tmp_path, 'villkor = ["tvang"]', 'villkor = ["tvangg"]').rename(
            broken / "trasig.toml"
        )
        (broken / "trasig.toml").write_text(
            (broken / "trasig.toml").read_text(encoding="utf-8"), encoding="utf-8"
        )
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "SIP_LAN_DIR": str(broken)},
        )
        assert result.returncode != 0
        assert "trasig.toml, regel 1: okänt villkor 'tvangg'" in result.stdout + result.stderr


FOURTH_COUNTY = """
import json
from datetime import datetime
from forms import behov, lan
from forms.blanketter import kallelse
from macros import pages

answers = {"lan": "provlan", "verksamheter": ["socialtjanst", "regionens_hsv"],
           "samordning": "ja", "tolk": "ja"}
result = behov.assess(answers)
form_ok = behov.validate(answers).ok
pdf = behov.render(behov.validate(answers).answers, created=datetime(2026, 12, 1))
k = {"lan": "provlan", "deltagare": [{"verksamhet": "FK", "aktor": "forsakringskassan"}]}
from forms.blanketter import plan, samtycke, uppfoljning
print(json.dumps({
    "options": [o.value for o in behov.FORM.item("lan").options],
    "verdict": result["verdict"],
    "reasons": [i["text"] for i in result["reasons"]],
    "sources": sorted({i["source"] for i in result["reasons"] + [x for s in result["sections"]
                       for x in s["items"]]}),
    "sections": {s["title"]: [i["text"] for i in s["items"]] for s in result["sections"]},
    "steps": [i["text"] for i in result["checklist"]],
    "valid": form_ok,
    "pdf": pdf[:5].decode(),
    "obliged": kallelse.is_obliged("provlan", "forsakringskassan"),
    "lines": kallelse.county_lines("provlan"),
    "comparison": "Provlän" in pages.comparison(lan.registry(), "../"),
    "plan_kind_asked": "provlan" in plan.FORM.item("samordningsansvarig_typ").show_if.values,
    "plan_kinds": plan.kinds("provlan"),
    "consent_forms": samtycke.forms("provlan"),
    "ending": uppfoljning.county_lines({"lan": "provlan"}, "avslut"),
}, ensure_ascii=False))
"""


class TestFourthCounty:
    def test_a_county_is_one_data_file(self):
        """A fictitious county from a test fixture works end to end: the question offers it,
        the assessment decides by its rows only, the PDF renders, the kallelse reads who is
        obliged there, and the comparison has its column. No code changes."""
        result = subprocess.run(
            [sys.executable, "-c", FOURTH_COUNTY],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "SIP_LAN_DIR": str(FIXTURES)},
            check=True,
        )
        out = json.loads(result.stdout)
        assert "provlan" in out["options"]
        assert out["verdict"] == behov.ERBJUD_SIP
        assert (
            out["reasons"][0]
            == "I Provlän ska en SIP erbjudas så snart insatserna behöver samordnas."
        )
        assert all(s.startswith("Region Provlän") for s in out["sources"])
        assert out["sections"]["Tidsfrister"] == ["SIP-mötet hålls inom fjorton dagar i Provlän."]
        assert out["sections"]["Tolk"] == ["Vem som bokar tolk: " + lan.SILENT]
        assert "Håll SIP-mötet inom fjorton dagar." in out["steps"]
        assert out["valid"] and out["pdf"] == "%PDF-"
        assert out["obliged"] is True
        assert out["lines"][0][0].startswith("I Provlän är även Försäkringskassan")
        assert out["comparison"] is True
        assert out["plan_kind_asked"] is True and out["plan_kinds"] == ["samordnare"]
        assert out["consent_forms"] == ["muntligt", "presumerat"]
        assert out["ending"] == [
            [
                "I Provlän avslutar samordnaren planen.",
                "Region Provlän, Provrutin för SIP (PROV-1), avsnittet \u201dGrund\u201d",
            ]
        ]

    def test_not_on_the_site(self):
        """Without the test setting, the fictitious county is not loaded."""
        assert "provlan" not in REGISTRY.counties


class TestOnePlace:
    def test_behov_holds_no_county(self):
        """forms/behov.py names no county: every county rule lives in forms/lan/."""
        source = (ROOT / "forms" / "behov.py").read_text(encoding="utf-8")
        for name in ("Värmland", "Kalmar", "Jönköping", "varmland", "kalmar", "jonkoping"):
            assert name not in source

    def test_blanketter_hold_no_county(self):
        """forms/blanketter/ names no county in code: every county's lines, choices and reserve
        forms on the blanketter are data in forms/lan/."""
        for path in (ROOT / "forms" / "blanketter").glob("*.py"):
            code = "\n".join(
                line
                for line in path.read_text(encoding="utf-8").splitlines()
                if not line.lstrip().startswith("#")
            )
            for name in ("Värmland", "Kalmar", "Jönköping", "varmland", "kalmar", "jonkoping"):
                assert name not in code, (path.name, name)

    def test_kalmar_school_rule_in_one_place(self):
        """The rule that the school is obliged in Kalmar län is data in kalmar.toml only."""
        hits = []
        for path in (ROOT / "forms").rglob("*"):
            if path.suffix in (".py", ".toml"):
                text = path.read_text(encoding="utf-8")
                if re.search(r"likvärdig part|skolan samma skyldighet", text):
                    hits.append(path.name)
        assert hits == ["kalmar.toml"]
        assert kallelse.obliged_parties("kalmar") == REGISTRY.county("kalmar").skyldiga


class TestOneReading:
    """One function decides what a checkbox means and which answers are visible."""

    @pytest.mark.parametrize(
        ("raw", "ticked"),
        [
            (True, True),
            ("true", True),
            ("on", True),
            ("1", True),
            ("ja", True),
            ("Ja", True),
            (False, False),
            ("false", False),
            ("nej", False),
            ("0", False),
            ("", False),
            (None, False),
            (["true"], False),
            (1, False),
        ],
    )
    def test_checkbox_means_the_same_everywhere(self, raw, ticked):
        """Validation, the needs assessment and the PDF renderer agree on a checkbox."""
        assert checkbox_value(raw) is ticked
        answers = {"lan": "varmland", "verksamheter": ["socialtjanst"], "skyddade": raw}
        assert validate_form(behov.FORM, answers).answers["skyddade"] is ticked
        assert behov.facts(answers)["skyddade"] is ticked

    def test_nej_hides_the_follow_up_in_validation_assessment_and_pdf(self):
        """A checkbox answered "nej" hides its follow-up question in all three places."""
        answers = {
            "lan": "varmland",
            "verksamheter": ["socialtjanst"],
            "vald": "nej",
            "vald_barn": "ja",
            "vald_forelder": "ja",
        }
        cleaned = behov.validate(answers).answers
        assert "vald_barn" not in cleaned
        assert behov.facts(answers)["forelder_forovare"] is False
        assert behov.assess(answers)["verdict"] != behov.NOGGRANN_BEDOMNING
        plan_answers = {"samtycke_informationsoverforing": "nej"}
        assert isinstance(validate_form(plan.FORM, plan_answers).answers, dict)

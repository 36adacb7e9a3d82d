"""Each blankett in Chromium: fill it in on the page, download the PDF (tagged, made by
Python in the browser), open it again."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_axe, wait_js
from helpers.answers import VALID, valid_kallelse, valid_plan, valid_samtycke
from helpers.browser import fill, pdf_file_text
from pdfua import validate
from playwright.sync_api import Error as PlaywrightError
from pypdf import PdfReader

from forms.blanketter._format import clock, date_text

pytestmark = pytest.mark.browser


def typed_words(answers: dict, page) -> set[str]:
    """Every word the user typed into a text field (not option values); a date or a time as
    the PDF prints it ("tisdag 15 december 2026", "09.00")."""
    words: set[str] = set()
    for value in answers.values():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                words |= typed_words(item, page)
        elif isinstance(value, str) and value:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                value = date_text(value)
            elif re.fullmatch(r"\d{2}:\d{2}", value):
                value = clock(value)
            words |= set(value.split())
    return words


def pdfua_findings(path) -> list[str]:
    """What pdfua finds in the PDF at ``path``, and its checks that could not run."""
    report = validate(str(path))
    return [f"{f.rule_id}: {f.message}" for f in report.findings] + [
        f"{o.rule_id} not run" for o in report.skipped
    ]


@pytest.mark.parametrize("form_id", list(VALID))
class TestBlankett:
    def test_fill_download_and_reopen(self, open_widget, form_id, tmp_path):
        """Typed answers come back in the downloaded PDF, which is tagged (pdfua finds
        nothing), and the PDF fills the form again."""
        answers = VALID[form_id]()
        page = open_widget(f"blanketter/{form_id}/")
        fill(page, answers)
        with page.expect_download() as info:
            page.get_by_role("button", name="Skapa PDF", exact=True).click()
        path = tmp_path / "blankett.pdf"
        info.value.save_as(path)
        text = pdf_file_text(path)
        radio_values = set(
            page.eval_on_selector_all(
                "input[type=radio], input[type=checkbox], option", "els => els.map(e => e.value)"
            )
        )
        missing = [w for w in typed_words(answers, page) - radio_values if w not in text]
        assert missing == []
        assert pdfua_findings(path) == []
        assert page.errors == []

        # open the PDF again in a fresh page: every field comes back
        page = open_widget(f"blanketter/{form_id}/")
        page.locator("details.sip-open summary").click()
        page.set_input_files("input[type=file][data-action=open]", str(path))
        wait_js(page, "document.querySelector('.sip-open-status').textContent.includes('ifyllda')")
        again = page.evaluate(
            """() => { const out = {};
               for (const el of document.querySelectorAll('form.sip-form [name]')) {
                 if (el.closest('template') || el.closest('[hidden]')) continue;
                 if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) continue;
                 if (el.type === 'file') continue;
                 out[el.name] = (out[el.name] ? out[el.name] + '|' : '') + el.value; }
               return out; }"""
        )
        flat = {}

        def flatten(data, prefix=""):
            for k, v in data.items():
                if isinstance(v, list) and v and isinstance(v[0], dict):
                    for i, item in enumerate(v):
                        flatten(item, f"{prefix}{k}.{i}.")
                elif isinstance(v, list):
                    flat[prefix + k] = "|".join(v)
                elif isinstance(v, bool):
                    if v:
                        flat[prefix + k] = "true"
                elif v:
                    flat[prefix + k] = v

        flatten(answers)
        for name, value in flat.items():
            if form_id == "sip-plan" and (
                name
                in (
                    "version",
                    "datum",
                    "uppfoljning_datum",
                    "uppfoljning_tid",
                    "godkand_datum",
                    "godkand_av",
                    "lamnad_datum",
                )
                or name.startswith("mottagare.")
            ):
                continue  # reopening a plan starts its next version
            assert again.get(name) == value, name

    def test_errors_are_accessible_and_keep_input(self, open_widget, form_id):
        """Submitting with one mistake shows a summary and the message, keeps the other answers,
        and axe finds nothing with the errors shown."""
        page = open_widget(f"blanketter/{form_id}/")
        answers = VALID[form_id](person_personnummer="19121212-1213")
        fill(page, answers)
        page.get_by_role("button", name="Skapa PDF", exact=True).click()
        page.locator(".sip-error-summary").wait_for(state="visible")
        assert "Kontrollsiffran stämmer inte" in page.locator(".sip-error-summary").inner_text()
        assert "Kontrollsiffran" in page.locator("#f-person-personnummer-error").inner_text()
        assert page.locator('[name="person_namn"]').input_value() == answers["person_namn"]
        violations = run_axe(page)
        assert violations == [], violations


class TestKallelseExtras:
    def test_letters_variant_downloads_one_letter_per_recipient(self, open_widget, tmp_path):
        """'Ett brev per mottagare' gives a PDF with a page per participant with an address."""
        answers = valid_kallelse()
        for i, item in enumerate(answers["deltagare"]):
            item["postadress"] = f"Box {i + 10}, 651 00 Karlstad"
        page = open_widget("blanketter/kallelse/")
        fill(page, answers)
        with page.expect_download() as info:
            page.get_by_role("button", name="Ett brev per mottagare (PDF)").click()
        path = tmp_path / "brev.pdf"
        info.value.save_as(path)
        reader = PdfReader(str(path))
        assert len(reader.pages) == len(answers["deltagare"])
        assert "Box 10" in reader.pages[0].extract_text()
        assert pdfua_findings(path) == []

    def test_skyddade_personuppgifter_hides_address_and_reminds(self, open_widget, tmp_path):
        """Ticking the box hides the address fields and the PDF holds no address."""
        answers = valid_kallelse()
        page = open_widget("blanketter/kallelse/")
        fill(page, answers)
        page.get_by_label("Personen har skyddade personuppgifter").check()
        assert page.locator('[name="person_adress"]').is_hidden()
        # The test helper refuses a hidden field as a user could not type in it either.
        with pytest.raises(PlaywrightError, match="person_adress is not shown"):
            fill(page, {"person_adress": "Storgatan 1"})
        with page.expect_download() as info:
            page.get_by_role("button", name="Skapa PDF", exact=True).click()
        path = tmp_path / "k.pdf"
        info.value.save_as(path)
        text = pdf_file_text(path)
        assert "Lönnvägen" not in text and "Skattkärr" not in text
        assert "Kalla inte via Cosmic Link" in text

    def test_save_answers_file_and_clear(self, open_widget, tmp_path):
        """Answers can be saved as a file; 'Rensa formuläret' empties the form."""
        page = open_widget("blanketter/samtycke/")
        fill(page, valid_samtycke())
        with page.expect_download() as info:
            page.get_by_role("button", name="Spara svaren som fil").click()
        saved = json.loads(Path(info.value.path()).read_text("utf-8"))
        assert saved["svar"]["person_namn"] == "Noah Lind"
        page.get_by_role("button", name="Rensa formuläret").click()
        assert page.locator('[name="person_namn"]').input_value() == ""

    def test_plan_pdf_starts_an_uppfoljning_with_its_goals(self, open_widget, tmp_path):
        """A downloaded plan, opened on the uppföljning page, lists the plan's goals."""
        plan = valid_plan()
        page = open_widget("blanketter/sip-plan/")
        fill(page, plan)
        with page.expect_download() as info:
            page.get_by_role("button", name="Skapa PDF", exact=True).click()
        path = tmp_path / "plan.pdf"
        info.value.save_as(path)
        page = open_widget("blanketter/uppfoljning/")
        page.locator("details.sip-open summary").click()
        page.set_input_files("input[type=file][data-action=open]", str(path))
        wait_js(page, "document.querySelector('.sip-open-status').textContent.includes('ifyllda')")
        assert page.locator('[name="mal.0.mal"]').input_value() == plan["mal"][0]["mal"]
        assert page.locator('[name="mal.1.mal"]').input_value() == plan["mal"][1]["mal"]

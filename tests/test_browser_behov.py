"""The needs-assessment widget end to end in Chromium: a child case and an adult case."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import run_axe, wait_js, wait_ready
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def verdict(page) -> str:
    return page.locator(".sip-verdict").inner_text()


def wait_for_new_result(page, before: str | None) -> None:
    wait_js(
        page,
        "(before) => document.querySelector('[data-sip-widget]').dataset.assessed !== before",
        before or "",
    )


def assessed(page) -> str | None:
    return page.locator("[data-sip-widget]").get_attribute("data-assessed")


class TestChildCaseKalmar:
    def test_child_with_school_and_shared_custody(self, open_widget):
        """Kalmar, a child with needs from social services, region and school: offer a SIP,
        the school is an obliged party, the child's guardians consent (Kalmar's own words, not
        Värmland's "both"), the child is heard."""
        page = open_widget("verktyg/behovsbedomning/")
        page.get_by_role("radio", name="Kalmar län", exact=True).check()
        before = assessed(page)
        page.get_by_role("checkbox", name="Socialtjänsten", exact=True).check()
        page.get_by_role("checkbox", name="Förskola eller skola", exact=True).check()
        page.locator("[name=verksamheter][value=regionens_hsv]").check()
        page.get_by_role("radio", name="Barn, under 18 år", exact=True).check()
        # follow-up questions for a child appear only now
        page.get_by_role("radio", name="Två vårdnadshavare (gemensam vårdnad)", exact=True).check()
        page.get_by_role("radio", name="Ja, samtycke finns", exact=True).check()
        wait_for_new_result(page, before)
        wait_js(page, "document.querySelector('.sip-verdict')?.textContent.includes('Erbjud SIP')")
        result = page.locator(".sip-result-body").inner_text()
        assert "barnets vårdnadshavare som samtycker" in result
        assert "båda" not in result.lower()
        assert "skola" in result.lower()
        assert "tre veckor" in result
        # reasons link into the routine pages, under the site's own sub-path
        href = page.locator(".sip-result-body a").first.get_attribute("href")
        assert href.startswith("../../")
        assert page.locator(".sip-result-body a[href*='kalmar/']").count() > 0
        violations = run_axe(page)
        assert violations == [], violations

        # one click starts a kallelse, prefilled with what is known
        with page.context.expect_page() as popup_info:
            page.get_by_role("button", name="Starta en kallelse med de här uppgifterna").click()
        kallelse = popup_info.value
        kallelse.wait_for_load_state()
        wait_ready(kallelse)
        wait_js(
            kallelse,
            "document.querySelector('[name=\"deltagare.2.verksamhet\"]')?.value !== undefined",
        )
        values = kallelse.eval_on_selector_all(
            "[name$='.verksamhet']", "els => els.map(e => e.value)"
        )
        assert "Förskola eller skola" in values
        assert kallelse.locator("[name=lan][value=kalmar]").is_checked()

    def test_printed_result_is_a_pdf_with_the_verdict(self, open_widget):
        """'Spara resultatet som PDF' downloads the assessment with its verdict and reasons."""
        page = open_widget("verktyg/behovsbedomning/")
        page.get_by_role("radio", name="Kalmar län", exact=True).check()
        page.get_by_role("checkbox", name="Socialtjänsten", exact=True).check()
        page.locator("[name=verksamheter][value=regionens_hsv]").check()
        page.get_by_role("radio", name="Barn, under 18 år", exact=True).check()
        wait_js(page, "document.querySelector('.sip-verdict') !== null")
        shown = verdict(page)
        with page.expect_download() as info:
            page.get_by_role("button", name="Spara resultatet som PDF").click()
        text = "".join(
            p.extract_text()
            for p in PdfReader(io.BytesIO(Path(info.value.path()).read_bytes())).pages
        )
        assert shown.strip() in text
        assert "Kalmar" in text


class TestAdultCaseVarmland:
    def test_presumed_group_and_change_of_answer_updates_result(self, open_widget):
        """Värmland, an adult in a presumed-need group: need presumed; saying consent was
        refused changes the verdict at once."""
        page = open_widget("verktyg/behovsbedomning/")
        page.get_by_role("radio", name="Värmlands län", exact=True).check()
        page.get_by_role("checkbox", name="Socialtjänsten", exact=True).check()
        page.locator("[name=verksamheter][value=regionens_hsv]").check()
        page.get_by_role("radio", name="Vuxen, 18 år eller äldre", exact=True).check()
        page.get_by_role("checkbox", name="Demenssjukdom", exact=True).check()
        wait_js(page, "document.querySelector('.sip-verdict')?.textContent.includes('förutsätts')")
        assert page.locator(".sip-result-body a[href*='varmland/riktlinje/']").count() > 0
        page.get_by_role("radio", name="Nej, personen har sagt nej", exact=True).check()
        wait_js(
            page, "document.querySelector('.sip-verdict')?.textContent.includes('Samtycke saknas')"
        )

    def test_only_one_huvudman_is_not_a_sip(self, open_widget):
        """Needs from social services only: not a SIP under the law, said in one sentence."""
        page = open_widget("verktyg/behovsbedomning/")
        page.get_by_role("radio", name="Jönköpings län", exact=True).check()
        page.get_by_role("checkbox", name="Socialtjänsten", exact=True).check()
        page.get_by_role("radio", name="Vuxen, 18 år eller äldre", exact=True).check()
        wait_js(page, "document.querySelector('.sip-verdict')?.textContent.includes('Inte en SIP')")
        assert (
            page.get_by_role("button", name="Starta en kallelse med de här uppgifterna").count()
            == 0
        )

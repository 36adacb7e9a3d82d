"""Accessibility in Chromium: axe-core on every page and in every widget state; reflow."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_axe, wait_ready

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent


def all_page_urls() -> list[str]:
    """Every page in the docs folder, as its URL relative to the site root."""
    urls = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").with_suffix("")
        if rel.name == "index":
            rel = rel.parent
        urls.append("" if str(rel) == "." else f"{rel.as_posix()}/")
    return urls


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"]) for v in violations
    )


class TestAxe:
    @pytest.mark.parametrize("url", all_page_urls())
    def test_page_has_no_violations(self, new_tab, base_url, url):
        """axe-core reports nothing on the page as it first shows."""
        page = new_tab
        page.goto(base_url + url)
        page.wait_for_load_state("load")
        violations = run_axe(page)
        assert violations == [], describe(violations)

    def test_widget_with_errors_shown_has_no_violations(self, new_tab, base_url):
        """The error summary and field messages are accessible too."""
        page = new_tab
        page.goto(base_url + "verktyg/pdf-prov/")
        wait_ready(page)
        page.get_by_role("button", name="Skapa PDF").click()
        page.locator(".sip-error-summary").wait_for(state="visible")
        violations = run_axe(page)
        assert violations == [], describe(violations)


class TestReflow:
    def test_no_horizontal_scroll_at_320_px(self, new_tab, base_url):
        """At 320 CSS px (400 % zoom) no page scrolls sideways (wide tables scroll inside
        their own box, as Material makes them)."""
        page = new_tab
        page.set_viewport_size({"width": 320, "height": 640})
        wide = []
        for url in all_page_urls():
            page.goto(base_url + url)
            page.wait_for_load_state("load")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                wide.append((url, overflow))
        assert wide == []


class TestWithoutJavaScript:
    def test_routines_read_without_javascript(self, browser, base_url):
        """With JavaScript off, a routine page shows its text, metadata box and links."""
        ctx = browser.new_context(java_script_enabled=False, service_workers="block")
        try:
            page = ctx.new_page()
            page.goto(base_url + "kalmar/praktiska-anvisningar/")
            article = page.locator("article").inner_text()
            assert "RS 2022/1652" in article and "tre veckor" in article
            assert page.locator(".sip-docinfo").is_visible()
            page.goto(base_url + "blanketter/kallelse/")
            assert page.locator("noscript").count() == 1
            assert page.get_by_text("Skriv ut en tom blankett (PDF)").is_visible()
        finally:
            ctx.close()

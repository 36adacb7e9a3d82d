"""The needs assessment's answer stays in view while the user answers (Chromium, issue #15).

On a wide screen the verdict, its summary and the deciding reason sit in the right-hand column
and stay there while the form scrolls; on a narrow one a bar at the bottom edge shows the
verdict, leads to the full result and can be hidden, without covering anything. Only the
verdict is announced, and only when it changes.
"""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from conftest import guarded_context, new_page, run_axe, wait_js, wait_ready

pytestmark = pytest.mark.browser

URL = "verktyg/behovsbedomning/"
WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 360, "height": 740}
# Where each screen shows the verdict while the user answers.
SHOWN_AT = {1280: ".sip-aside-verdict", 360: ".sip-verdict-bar .sip-bar-verdict"}


@pytest.fixture
def open_assessment(browser, base_url):
    """``open_assessment(viewport)``: the needs assessment, started, in a fresh context of that
    size (no request may leave the site)."""
    contexts = ExitStack()

    def opener(viewport: dict):
        options = {"viewport": viewport, "service_workers": "block"}
        page = new_page(contexts.enter_context(guarded_context(browser, base_url, **options)))
        page.goto(base_url + URL)
        wait_ready(page)
        wait_js(page, "document.querySelector('[data-sip-widget]').dataset.assessed")
        return page

    with contexts:
        yield opener


def assessed(page) -> str:
    return page.locator("[data-sip-widget]").get_attribute("data-assessed") or ""


def answer(page, action) -> None:
    """Answer something and wait for the new result."""
    before = assessed(page)
    action()
    wait_js(
        page, "(b) => document.querySelector('[data-sip-widget]').dataset.assessed !== b", before
    )


def choose(page, role: str, name: str) -> None:
    """Tick a box or choose an option (by its label) and wait for the new result."""
    answer(page, page.get_by_role(role, name=name, exact=True).check)


def seen(page, selector: str) -> str | None:
    """The text of ``selector`` if a user sees it: inside the viewport and not covered by
    anything (Material's header, the bar); otherwise None."""
    return page.evaluate(
        """(selector) => {
            const el = document.querySelector(selector);
            if (!el || !el.getClientRects().length) return null;
            const r = el.getBoundingClientRect();
            if (r.top < 0 || r.left < 0) return null;
            if (r.bottom > innerHeight || r.right > innerWidth) return null;
            const x = r.left + Math.min(r.width / 2, 20), y = r.top + r.height / 2;
            const top = document.elementFromPoint(x, y);
            return top && (el === top || el.contains(top)) ? el.textContent.trim() : null;
        }""",
        selector,
    )


def full_verdict(page) -> str:
    return page.locator(".sip-result-body .sip-verdict").inner_text().strip()


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280px", "360px"])
class TestVerdictInView:
    def test_changing_the_first_question_shows_the_verdict_in_view(self, open_assessment, viewport):
        """Answer the first question, then the next ones, then one at the end of the form: the
        verdict is on screen each time and says what the full result below says."""
        page = open_assessment(viewport)
        shown_at = SHOWN_AT[viewport["width"]]
        choose(page, "radio", "Kalmar län")
        assert seen(page, shown_at) == full_verdict(page) == "Svara på fler frågor"

        choose(page, "checkbox", "Socialtjänsten")
        answer(page, lambda: page.locator("[name=verksamheter][value=regionens_hsv]").check())
        assert seen(page, shown_at) == full_verdict(page) == "Erbjud SIP"

        last = page.locator("[name=bradska]").first
        last.scroll_into_view_if_needed()
        answer(page, last.check)
        assert seen(page, shown_at) == full_verdict(page) == "Erbjud SIP"
        assert page.errors == []

    def test_axe_finds_nothing_with_the_verdict_shown(self, open_assessment, viewport):
        page = open_assessment(viewport)
        choose(page, "radio", "Värmlands län")
        choose(page, "checkbox", "Socialtjänsten")
        assert seen(page, SHOWN_AT[viewport["width"]])
        violations = run_axe(page)
        assert violations == [], violations


class TestWideScreen:
    def test_the_panel_holds_summary_deciding_reason_and_a_way_to_the_result(self, open_assessment):
        """In the right-hand column: the verdict, its summary and the deciding reason, as the
        full result words them, and a link that takes the focus to the full result."""
        page = open_assessment(WIDE)
        choose(page, "radio", "Kalmar län")
        choose(page, "checkbox", "Socialtjänsten")
        answer(page, lambda: page.locator("[name=verksamheter][value=regionens_hsv]").check())
        panel = page.locator(".md-sidebar--secondary .sip-aside")
        assert panel.is_visible()
        summary = page.locator(".sip-result-body .sip-summary").inner_text()
        reason = page.locator(".sip-result-body h3 + ul > li").first.evaluate(
            "li => li.firstChild.textContent"
        )
        assert summary in panel.inner_text()
        assert f"Därför: {reason}" in panel.inner_text()
        assert page.locator(".sip-verdict-bar").is_hidden()

        panel.get_by_role("link", name="Läs hela resultatet").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "sip-result-title-behovsbedomning"
        assert seen(page, "#sip-result-title-behovsbedomning") == "Resultat"


class TestNarrowScreen:
    def test_the_bar_is_reached_used_and_hidden_by_keyboard_without_a_trap(self, open_assessment):
        """After the last button of the form, Tab reaches the bar: Enter on its link takes the
        focus to the full result; Tab and Shift+Tab leave the bar; Enter on "Dölj" hides it and
        puts the focus on the result, which follows the bar."""
        page = open_assessment(NARROW)
        choose(page, "radio", "Kalmar län")
        focused = "() => document.activeElement.textContent.trim()"

        page.get_by_role("button", name="Rensa formuläret").focus()
        page.keyboard.press("Tab")
        assert page.evaluate(focused) == "Visa hela resultatet"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "sip-result-title-behovsbedomning"
        assert seen(page, "#sip-result-title-behovsbedomning") == "Resultat"

        page.get_by_role("link", name="Visa hela resultatet").focus()
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(focused) == "Rensa formuläret"
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate(focused) == "Dölj raden med resultatet"
        page.keyboard.press("Tab")
        assert page.evaluate("!document.activeElement.closest('.sip-verdict-bar')")

        page.get_by_role("button", name="Dölj raden med resultatet").focus()
        page.keyboard.press("Enter")
        assert page.locator(".sip-verdict-bar").is_hidden()
        assert page.evaluate("document.activeElement.id") == "sip-result-title-behovsbedomning"
        choose(page, "radio", "Värmlands län")
        assert page.locator(".sip-verdict-bar").is_hidden()
        violations = run_axe(page)
        assert violations == [], violations

    def test_the_bar_covers_nothing(self, open_assessment):
        """Every field Tab reaches is scrolled clear of the bar, and the end of the page (the
        footer) can be scrolled above it."""
        page = open_assessment(NARROW)
        choose(page, "radio", "Kalmar län")
        bar_top = "document.querySelector('.sip-verdict-bar').getBoundingClientRect().top"
        page.locator("#f-lan-1").focus()
        covered = []
        for _ in range(60):
            page.keyboard.press("Tab")
            where = page.evaluate(
                f"""() => {{ const e = document.activeElement;
                    if (e.closest('.sip-verdict-bar')) return null;
                    const r = e.getBoundingClientRect();
                    return [e.name || e.textContent.trim(), r.bottom, {bar_top}]; }}"""
            )
            if where is None:
                break
            if where[1] > where[2]:
                covered.append(where)
        else:
            raise AssertionError("Tab never reached the bar")
        assert covered == []
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        footer_bottom = page.evaluate(
            "document.querySelector('.md-footer').getBoundingClientRect().bottom"
        )
        assert footer_bottom <= page.evaluate(bar_top) + 1

    def test_no_sideways_scroll_at_320_px_with_the_bar(self, open_assessment):
        """Nothing scrolls sideways, and the bar's own content fits within the screen (a fixed
        bar would not make the page scroll, it would just be cut off)."""
        page = open_assessment({"width": 320, "height": 640})
        choose(page, "radio", "Värmlands län")
        choose(page, "checkbox", "Socialtjänsten")
        assert seen(page, ".sip-verdict-bar .sip-bar-verdict") == "Inte en SIP enligt lagen"
        assert (
            page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            == 0
        )
        assert page.locator(".sip-verdict-bar").evaluate(
            "bar => bar.scrollWidth <= bar.clientWidth"
            " && bar.getBoundingClientRect().right <= innerWidth"
        )


class TestAnnouncements:
    # Every text a live region (aria-live, or role status, alert or log) holds after a change.
    RECORD = """() => {
        window.announced = [];
        const live = '[aria-live], [role=status], [role=alert], [role=log]';
        new MutationObserver((records) => {
            for (const r of records) {
                const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
                const region = node && node.closest(live);
                const said = region && region.textContent.trim();
                if (said) window.announced.push(said);
            }
        }).observe(document.body, {subtree: true, childList: true, characterData: true});
    }"""

    def test_only_a_changed_verdict_is_announced(self, open_assessment):
        """A change of verdict is announced as "Resultat: <verdict>", nothing more; an answer
        that leaves the verdict as it was is not announced at all; the full result is not a
        live region."""
        page = open_assessment(WIDE)
        choose(page, "radio", "Kalmar län")
        choose(page, "checkbox", "Socialtjänsten")
        page.evaluate(self.RECORD)
        answer(page, lambda: page.locator("[name=verksamheter][value=regionens_hsv]").check())
        wait_js(page, "window.announced.length > 0")
        assert page.evaluate("window.announced") == ["Resultat: Erbjud SIP"]

        page.evaluate("window.announced = []")
        answer(page, lambda: page.locator("[name=tolk][value=ja]").check())
        page.wait_for_timeout(300)
        assert page.evaluate("window.announced") == []
        assert (
            page.evaluate(
                "document.querySelector('.sip-result-body').closest("
                "'[aria-live], [role=status], [role=alert], [role=log]')"
            )
            is None
        )


class TestErrorSummary:
    def test_the_error_summary_is_named_by_its_heading_and_axe_finds_nothing(self, open_assessment):
        """ "Spara resultatet som PDF" with nothing answered: the summary is an alert named
        "Det finns fel i formuläret", and the page with it is accessible."""
        page = open_assessment(WIDE)
        page.get_by_role("button", name="Spara resultatet som PDF").click()
        summary = page.get_by_role("alert", name="Det finns fel i formuläret")
        summary.wait_for()
        assert "Vilket län gäller det?: välj ett alternativ." in summary.inner_text()
        violations = run_axe(page)
        assert violations == [], violations

"""Rows added on the page are rows of their own (Chromium): each label belongs to its own
row's field, no id is used twice, and a message about a row stands beside that row's field,
also after a row before it has been removed."""

from __future__ import annotations

import pytest
from helpers.answers import valid_plan
from helpers.browser import fill

pytestmark = pytest.mark.browser

DUPLICATE_IDS = """() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}"""


def goal(page, number: int):
    return page.locator("[data-repeat=mal] > .sip-repeat-items > .sip-repeat-item").nth(number - 1)


def chosen(page, number: int) -> list[str]:
    """The options chosen in goal ``number``."""
    return (
        goal(page, number)
        .locator("input[type=radio]:checked")
        .evaluate_all("inputs => inputs.map(input => input.value)")
    )


def test_a_label_in_an_added_row_chooses_that_rows_option(open_widget):
    """Three goals: clicking "Kortsiktigt mål" in goal 3 chooses it in goal 3 and nowhere else;
    after removing goal 2, the former goal 3 is goal 2 and its labels still work."""
    page = open_widget("blanketter/sip-plan/")
    add = page.locator("[data-repeat=mal] > .sip-add")
    add.click()
    add.click()
    goal(page, 3).get_by_text("Kortsiktigt mål", exact=True).click()
    assert chosen(page, 3) == ["kort"]
    assert chosen(page, 2) == []
    assert page.evaluate(DUPLICATE_IDS) == []

    goal(page, 2).get_by_role("button", name="Ta bort mål 2").click()
    assert goal(page, 2).locator("legend").first.inner_text() == "Mål 2"
    goal(page, 2).get_by_text("Långsiktigt mål", exact=True).click()
    assert chosen(page, 2) == ["lang"]
    assert chosen(page, 1) == []
    assert page.evaluate(DUPLICATE_IDS) == []


def test_a_message_about_an_added_row_stands_beside_it(open_widget):
    """A wrong date in goal 2 (added on the page): the message is beside goal 2's date field,
    which is marked invalid, and the summary's link takes the focus there."""
    plan = valid_plan()
    plan["mal"][1]["start"] = "2026-13-45"
    page = open_widget("blanketter/sip-plan/")
    fill(page, plan)
    page.get_by_role("button", name="Skapa PDF", exact=True).click()
    page.locator(".sip-error-summary").wait_for(state="visible")
    field = page.locator('[name="mal.1.start"]')
    assert field.get_attribute("aria-invalid") == "true"
    message = goal(page, 2).locator(".sip-field-error:not([hidden])")
    assert message.count() == 1
    assert message.inner_text().endswith("Datumet finns inte. Kontrollera månad och dag.")
    assert message.get_attribute("id") in field.get_attribute("aria-describedby").split()
    page.locator(".sip-error-summary a").first.click()
    assert page.evaluate("document.activeElement.name") == "mal.1.start"

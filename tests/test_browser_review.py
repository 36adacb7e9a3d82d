"""Blanketter: "Granska dina svar" lists the answers before the PDF is made (Chromium, issue
#15, the GOV.UK "check answers" pattern).

The list is read from the form itself; here it is checked against what the blankett's own
definition and the typed answers say the user sees: the shown sections and questions only,
rows numbered as in the form, option labels, "Ja"/"Nej" for a single box, "Inte ifyllt" for
an empty answer, and an "Ändra" link that takes the focus to the question.
"""

from __future__ import annotations

import copy

import pytest
from conftest import guarded_context, run_axe, wait_js, wait_ready
from helpers.answers import VALID, valid_kallelse, valid_plan
from helpers.browser import fill
from pypdf import PdfReader

from forms.registry import get_form
from forms.schema import Repeat, visible, visible_answers

pytestmark = pytest.mark.browser

EMPTY = "Inte ifyllt"


def shown(field, value) -> str:
    """An answer as the form shows it to the user."""
    if field.kind == "checkbox":
        return "Ja" if value else "Nej"
    labels = {o.value: o.label for o in field.options}
    if field.kind == "checkboxes":
        return "|".join(labels[v] for v in value) or EMPTY
    if field.kind in ("radio", "select"):
        return labels.get(value, EMPTY)
    return value.strip() or EMPTY


def expected_review(form_id: str, answers: dict) -> list[tuple[str, str, str, str, str]]:
    """(section, group, row, question, answer) for every question the user sees, from the
    blankett's definition: hidden sections and follow-ups left out, each group with at least
    its minimum of rows, as the page shows it."""
    form = get_form(form_id)
    raw = copy.deepcopy(answers)
    for section in form.sections:
        for item in section.items:
            if isinstance(item, Repeat):
                rows = raw.setdefault(item.name, [])
                rows += [{}] * (item.min_items - len(rows))
    seen = visible_answers(form, raw)
    out = []
    for section in form.sections:
        if not visible(section.show_if, seen):
            continue
        group = ""  # the questions after a group are "<section> (forts.)"
        for item in section.items:
            if isinstance(item, Repeat):
                if not seen[item.name]:
                    out.append((section.title, item.legend, "", "", EMPTY))
                for index, row in enumerate(seen[item.name]):
                    for field in item.fields:
                        if field.name in row:
                            out.append(
                                (
                                    section.title,
                                    item.legend,
                                    f"{item.item_label} {index + 1}",
                                    field.label,
                                    shown(field, row[field.name]),
                                )
                            )
                group = f"{section.title} (forts.)"
            elif item.name in seen:
                out.append((section.title, group, "", item.label, shown(item, seen[item.name])))
    return out


# The review as the page shows it, in the same shape: headings h3 (section), h4 (group),
# h5 (row), then each question (dt) and its answer (dd; a list of options joined by "|").
READ_REVIEW = """() => {
    const out = [];
    let section = "", group = "", row = "";
    const list = document.querySelector('.sip-review-list');
    for (const el of list.querySelectorAll('h3, h4, h5, .sip-review-row, p.sip-review-empty')) {
        if (el.tagName === 'H3') { section = el.textContent.trim(); group = row = ""; }
        else if (el.tagName === 'H4') { group = el.textContent.trim(); row = ""; }
        else if (el.tagName === 'H5') row = el.textContent.trim();
        else if (el.matches('p')) out.push([section, group, "", "", el.textContent.trim()]);
        else {
            const value = el.querySelector('.sip-review-value');
            const items = [...value.querySelectorAll('li')].map(li => li.textContent.trim());
            out.push([section, group, row, el.querySelector('dt').textContent.trim(),
                      items.length ? items.join('|') : value.textContent.trim()]);
        }
    }
    return out;
}"""


@pytest.fixture
def blankett(open_widget):
    """``blankett(form_id)``: the blankett's page, started, shared by the module and cleared
    (which also closes the list) before each test."""
    return lambda form_id: open_widget(f"blanketter/{form_id}/")


FOCUSED = "() => [document.activeElement.tagName, document.activeElement.textContent.trim()]"


def open_review(page) -> None:
    page.get_by_role("button", name="Granska dina svar").click()
    page.get_by_role("heading", name="Granska dina svar").wait_for()


def review_rows(page) -> list[tuple]:
    return [tuple(row) for row in page.evaluate(READ_REVIEW)]


def row_value(page, question: str, row: str = "") -> str | None:
    values = [r[4] for r in review_rows(page) if r[3] == question and r[2] == row]
    return values[0] if values else None


@pytest.mark.parametrize("form_id", list(VALID))
def test_review_lists_every_shown_answer_as_the_user_sees_it(blankett, form_id):
    """Filled in as a user would, "Granska dina svar" lists by section exactly the questions
    the user sees, with the answers in the form's own words, and takes the focus."""
    page = blankett(form_id)
    answers = VALID[form_id]()
    fill(page, answers)
    open_review(page)
    assert page.evaluate(FOCUSED) == ["H2", "Granska dina svar"]
    assert review_rows(page) == expected_review(form_id, answers)
    assert page.errors == []


class TestKallelse:
    def test_words_numbers_and_empty_answers(self, blankett):
        """Option labels rather than codes, "Ja"/"Nej", rows numbered like the form, and
        "Inte ifyllt" where nothing was typed."""
        page = blankett("kallelse")
        fill(page, valid_kallelse())
        open_review(page)
        assert row_value(page, "Län") == "Värmlands län"
        assert row_value(page, "Personen har skyddade personuppgifter") == "Nej"
        assert row_value(page, "Typ av aktör", "Deltagare 3") == "Skola"
        assert row_value(page, "Postadress för brev", "Deltagare 1") == EMPTY
        assert row_value(page, "Frågor att ta upp") == "Vem gör vad?\nHur ofta ska vi ses?"

    def test_the_list_follows_the_form_and_is_read_afresh_when_opened(self, blankett):
        """Ticking "skyddade personuppgifter" while the list is open takes the hidden address
        out of it; a name changed after closing is the new name when the list opens again."""
        page = blankett("kallelse")
        fill(page, valid_kallelse())
        open_review(page)
        assert row_value(page, "Gatuadress") == "Lönnvägen 7"
        page.get_by_label("Personen har skyddade personuppgifter").check()
        assert row_value(page, "Personen har skyddade personuppgifter") == "Ja"
        assert row_value(page, "Gatuadress") is None

        page.get_by_role("button", name="Stäng granskningen").click()
        assert page.locator(".sip-review").is_hidden()
        assert page.evaluate(FOCUSED) == ["BUTTON", "Granska dina svar"]
        page.locator("[name=person_namn]").fill("Åsa Lind")
        open_review(page)
        assert row_value(page, "Namn") == "Åsa Lind"

    def test_change_links_take_the_keyboard_to_the_question(self, blankett):
        """From the list's heading, Tab reaches "Ändra" for the first answer; Enter puts the
        focus in that field. "Ändra" for a choice focuses the chosen option. Each link says
        which answer it changes."""
        page = blankett("kallelse")
        fill(page, valid_kallelse())
        open_review(page)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Ändra Namn"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.name") == "person_namn"
        assert page.locator("[name=person_namn]").evaluate(
            "e => e.getBoundingClientRect().top >= 0"
            " && e.getBoundingClientRect().bottom <= innerHeight"
        )

        page.get_by_role("link", name="Ändra Typ av aktör, Deltagare 2").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.name") == "deltagare.1.aktor"
        page.get_by_role("link", name="Ändra Län", exact=True).click()
        assert page.evaluate("[document.activeElement.name, document.activeElement.value]") == [
            "lan",
            "varmland",
        ]

    def test_pdf_is_one_click_from_the_list_and_without_it(self, blankett, tmp_path):
        """ "Skapa PDF med de här svaren" ends the list; "Skapa PDF" stays in the form's buttons,
        one click away for those who skip the list."""
        page = blankett("kallelse")
        fill(page, valid_kallelse(person_namn="Åsa Granskadotter"))
        buttons = page.locator("form.sip-form .sip-actions button")
        assert buttons.all_inner_texts()[:2] == ["Granska dina svar", "Skapa PDF"]
        open_review(page)
        with page.expect_download() as info:
            page.get_by_role("button", name="Skapa PDF med de här svaren").click()
        path = tmp_path / "k.pdf"
        info.value.save_as(path)
        assert "Granskadotter" in " ".join(p.extract_text() for p in PdfReader(path).pages)

    def test_keyboard_opens_the_list_from_the_buttons(self, blankett):
        page = blankett("samtycke")
        page.locator("[name=person_namn]").focus()
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent") == "Granska dina svar":
                break
        assert page.evaluate(FOCUSED) == ["BUTTON", "Granska dina svar"]
        page.keyboard.press("Enter")
        assert page.evaluate(FOCUSED) == ["H2", "Granska dina svar"]
        assert page.locator(".sip-review").is_visible()


class TestAccessible:
    def test_axe_finds_nothing_with_the_list_open_and_with_errors(self, blankett):
        """The list, and the list with the error summary after a wrong personnummer; the
        summary is an alert named by its heading."""
        page = blankett("sip-plan")
        fill(page, valid_plan(person_personnummer="19121212-1213"))
        open_review(page)
        violations = run_axe(page)
        assert violations == [], violations
        page.get_by_role("button", name="Skapa PDF med de här svaren").click()
        page.get_by_role("alert", name="Det finns fel i formuläret").wait_for()
        violations = run_axe(page)
        assert violations == [], violations

    def test_no_sideways_scroll_at_320_px_with_the_list_open(self, browser, base_url):
        """A long unbroken answer wraps inside its row: nothing scrolls sideways, and no
        question or answer runs past its own box or the screen's edge (where the page would
        cut it off rather than scroll)."""
        viewport = {"width": 320, "height": 640}
        with guarded_context(browser, base_url, viewport=viewport, service_workers="block") as ctx:
            page = ctx.new_page()
            page.goto(base_url + "blanketter/kallelse/")
            wait_ready(page)
            fill(page, valid_kallelse(plats="Vårdcentralen" + "x" * 120))
            open_review(page)
            assert row_value(page, "Plats").startswith("Vårdcentralenxxx")
            assert (
                page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                == 0
            )
            cut = page.locator(".sip-review-row > *").evaluate_all(
                """cells => cells.filter(c => c.scrollWidth > c.clientWidth + 1
                    || c.getBoundingClientRect().right > innerWidth).map(c => c.textContent)"""
            )
            assert cut == []


class TestScreenReaderOnlyText:
    def test_repeat_status_is_announced_not_shown(self, blankett):
        """ "Deltagare 2 har lagts till." is in the page's status region but takes no room on
        screen."""
        page = blankett("kallelse")
        page.locator("[data-repeat=deltagare] > .sip-add").click()
        status = page.locator("[data-repeat=deltagare] .sip-repeat-status")
        wait_js(
            page, "document.querySelector('[data-repeat=deltagare] .sip-repeat-status').textContent"
        )
        assert status.text_content() == "Deltagare 2 har lagts till."
        box = status.bounding_box()
        assert box is None or (box["width"] <= 1 and box["height"] <= 1)

"""Material's search in Chromium: Swedish results on routine pages and on widget pages. The index
is built when the reader opens the search, when Python has started beside a widget that
assesses, or four seconds after the page opened (assets/javascripts/workers/search-deferred.js).
"""

from __future__ import annotations

import pytest
from conftest import wait_ready

pytestmark = pytest.mark.browser


def search(page, query: str):
    field = page.locator("input.md-search__input")
    field.click()
    # Opening the search starts the index if it is not built yet. Material reacts to keys, not
    # to a value set by script, so the query is typed key by key as a user would.
    field.press_sequentially(query)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30_000)
    return results


def test_routine_page_finds_samtycke(page, base_url):
    """A search typed as soon as a routine page has opened finds the samtycke pages; the
    index is built when the search is opened, not while the page loads."""
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.goto(base_url + "om-sip/")
    results = search(page, "samtycke")
    assert any("/workers/search-deferred.js?worker=search." in u for u in workers), workers
    assert results.count() > 0
    assert "samtycke" in results.first.inner_text().lower()


def test_widget_page_defers_search_and_search_still_works(page, base_url):
    """The kallelse page starts Material's search worker through the deferred one; a search
    typed after Python is ready finds the Kalmar routine's kallelse steps."""
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.goto(base_url + "blanketter/kallelse/")
    wait_ready(page)
    results = search(page, "kallelse")
    assert any("/workers/search-deferred.js?worker=search." in u for u in workers), workers
    assert results.count() > 0
    assert "kallelse" in page.locator(".md-search-result").inner_text().lower()


def test_search_typed_before_python_is_ready_gets_answers(page, base_url, context):
    """A user who searches at once, while Python still loads, gets results: the query starts
    the search worker."""
    held = []
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(base_url + "blanketter/samtycke/")
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially("samtycke")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30_000)
    assert results.count() > 0
    assert page.get_attribute("[data-sip-widget]", "data-ready") != "true"
    for route in held:
        route.abort()

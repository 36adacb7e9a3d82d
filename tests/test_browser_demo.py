"""The demo widget end to end in Chromium: Python in a worker makes a PDF in the browser."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import wait_ready
from pypdf import PdfReader

pytestmark = pytest.mark.browser

NAME = "Åsa Öhman-Łukasik"


class TestDemoWidget:
    def test_typed_name_comes_back_in_downloaded_pdf(self, open_widget):
        """Typing a name and pressing the button downloads a PDF with that name in it."""
        page = open_widget("verktyg/pdf-prov/")
        page.get_by_label("Namn").fill(NAME)
        with page.expect_download() as info:
            page.get_by_role("button", name="Skapa PDF").click()
        download = info.value
        assert download.suggested_filename.endswith(".pdf")
        data = Path(download.path()).read_bytes()
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 1
        assert NAME in reader.pages[0].extract_text()
        assert reader.metadata.title == "Prov-PDF från SIP-portalen"
        assert page.locator(".sip-result-body").inner_text().startswith("PDF:en")
        assert page.errors == []

    def test_empty_name_shows_swedish_error_beside_field_and_in_summary(self, open_widget):
        """Submitting without a name shows the same Swedish message in both places."""
        page = open_widget("verktyg/pdf-prov/")
        page.get_by_role("button", name="Skapa PDF").click()
        summary = page.locator(".sip-error-summary")
        summary.wait_for(state="visible")
        assert "Namn måste fyllas i." in summary.inner_text()
        assert page.locator("#f-namn-error").inner_text().endswith("Namn måste fyllas i.")
        assert page.locator("#f-namn").get_attribute("aria-invalid") == "true"
        assert page.evaluate("document.activeElement.classList.contains('sip-error-summary')")
        assert page.title().startswith("Fel: ")

    def test_character_the_font_lacks_gets_a_message_and_input_is_kept(self, open_widget):
        """An emoji is refused with a clear message; what the user typed stays in the field."""
        page = open_widget("verktyg/pdf-prov/")
        page.get_by_label("Namn").fill("Ada 😀")
        page.get_by_role("button", name="Skapa PDF").click()
        page.locator(".sip-error-summary").wait_for(state="visible")
        assert "kan inte skrivas ut" in page.locator("#f-namn-error").inner_text()
        assert page.get_by_label("Namn").input_value() == "Ada 😀"

    def test_status_tells_when_ready(self, open_widget):
        """The page says, in Swedish, when the form has started."""
        page = open_widget("verktyg/pdf-prov/")
        assert page.locator(".sip-status-text").inner_text() == "Formuläret är klart att använda."


class TestLoading:
    def test_plain_page_loads_no_pyodide(self, page, base_url, context):
        """A routine page never fetches a byte of Pyodide or our wheels."""
        page.goto(base_url + "om-sip/")
        page.wait_for_load_state("networkidle")
        fetched = context.guard.requests
        assert fetched, "the guard saw no requests"
        assert not [u for u in fetched if "/pyodide/" in u or "/worker." in u or "/widgets." in u]

    def test_widget_page_loads_pyodide_from_own_sub_path(self, page, base_url, context):
        """The widget page fetches Pyodide and our wheel from the site's own sub-path."""
        page.goto(base_url + "verktyg/pdf-prov/")
        wait_ready(page)
        fetched = context.guard.requests
        own = re.compile(re.escape(base_url) + r"pyodide/[0-9a-f]{12}/")
        assert any(own.match(u) and u.endswith("/pyodide.asm.wasm") for u in fetched)
        assert any(own.match(u) and "/sip_forms-" in u for u in fetched)

    def test_failure_to_load_shows_swedish_message(self, page, base_url, context):
        """When Pyodide cannot be fetched, the page says so in Swedish instead of hanging."""
        context.route("**/pyodide/*/pyodide.asm.wasm", lambda route: route.abort())
        page.goto(base_url + "verktyg/pdf-prov/")
        page.wait_for_selector(".sip-failed", timeout=60_000)
        text = page.locator(".sip-status-text").inner_text()
        assert "kunde inte starta" in text

    def test_runtime_failing_late_still_shows_swedish_message(self, page, base_url, context):
        """The worker's fetch of the runtime fails only after Pyodide has begun to wait for it
        (a connection that breaks off). Pyodide only logs such a failure and then waits for
        ever; the page must still say that the form could not start."""
        page_gave_up = []  # the page's own compile failed: what asks now is the worker
        held = []
        page.on(
            "console",
            lambda message: "runtime compile in page" in message.text and page_gave_up.append(1),
        )

        def fail_the_page_hold_the_worker(route):
            if page_gave_up:
                held.append(route)
            else:
                route.abort()

        context.route("**/pyodide/*/pyodide.asm.wasm", fail_the_page_hold_the_worker)
        page.goto(base_url + "verktyg/pdf-prov/")
        for _ in range(200):
            if held:
                break
            page.wait_for_timeout(50)
        assert held, "the worker never asked for the runtime"
        page.wait_for_timeout(500)  # Pyodide waits for the held response by now
        held[0].abort()
        page.wait_for_selector(".sip-failed", timeout=10_000)
        assert "kunde inte starta" in page.locator(".sip-status-text").inner_text()

    def test_engine_that_cannot_be_fetched_is_tried_again_on_the_next_click(
        self, page, base_url, context
    ):
        """The PDF engine's largest file cannot be fetched (the connection drops after the form
        is ready). "Skapa PDF" then says so in Swedish and keeps the name; the form does not
        restart. Once the network is back, the next click makes the PDF."""
        engine_file = "**/pyodide/*/fonttools-*.whl"
        context.route(engine_file, lambda route: route.abort())
        page.goto(base_url + "verktyg/pdf-prov/")
        wait_ready(page)
        page.get_by_label("Namn").fill(NAME)
        button = page.get_by_role("button", name="Skapa PDF")
        button.click()
        result = page.locator(".sip-result-body")
        result.get_by_text("kunde inte hämtas").wait_for(timeout=30_000)
        assert "Kontrollera nätverket" in result.inner_text()
        assert page.get_by_label("Namn").input_value() == NAME
        status = page.locator(".sip-status-text").inner_text()
        assert "startats om" not in status and "starta om" not in status

        context.unroute(engine_file)
        with page.expect_download(timeout=60_000) as info:
            button.click()
        reader = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes()))
        assert NAME in reader.pages[0].extract_text()
        assert result.inner_text().startswith("PDF:en")

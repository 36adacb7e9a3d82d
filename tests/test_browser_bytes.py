"""What a first visit to a widget page downloads, as a browser sees it: brotli over HTTPS (a
throwaway self-signed certificate), gzip from a server without brotli, and at most 6 MB in all
(issue #15), with the widget still making its PDF."""

from __future__ import annotations

import io

import pytest
from conftest import SUB_PATH, guarded_context, wait_ready
from pypdf import PdfReader

pytestmark = pytest.mark.browser

FIRST_VISIT_BUDGET = 6_000_000  # bytes on the wire, headers included


@pytest.fixture(scope="module")
def https_url(site_dir) -> str:
    from serve import make_server

    server, url = make_server(site_dir, prefix=SUB_PATH, https=True)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def gzip_only_url(site_dir) -> str:
    from serve import make_server

    server, url = make_server(site_dir, prefix=SUB_PATH, brotli=False)
    yield url
    server.shutdown()


def first_visit(browser, url: str) -> tuple[dict[str, str | None], int]:
    """Open the demo widget in a new browser context, wait until its PDF engine is loaded and
    make a PDF. Returns the Content-Encoding of every file of the Pyodide folder and the bytes
    of every response (headers and encoded body)."""
    options = {"service_workers": "block", "ignore_https_errors": True}
    with guarded_context(browser, url, **options) as ctx:
        encodings: dict[str, str | None] = {}
        sizes: list[int] = []

        def on_finished(request) -> None:
            response = request.response()
            if "/pyodide/" in request.url:
                encodings[request.url.rsplit("/", 1)[1]] = response.headers.get("content-encoding")
            size = request.sizes()
            sizes.append(size["responseBodySize"] + size["responseHeadersSize"])

        ctx.on("requestfinished", on_finished)
        page = ctx.new_page()
        page.goto(url + "verktyg/pdf-prov/")
        wait_ready(page)
        page.wait_for_selector("[data-sip-widget][data-warm-at]", timeout=90_000)
        page.get_by_label("Namn").fill("Åsa Öhman-Łukasik")
        with page.expect_download() as info:
            page.get_by_role("button", name="Skapa PDF").click()
        with open(info.value.path(), "rb") as fh:
            reader = PdfReader(io.BytesIO(fh.read()))
        assert "Åsa Öhman-Łukasik" in reader.pages[0].extract_text()
    return encodings, sum(sizes)


def test_over_https_a_first_visit_gets_brotli_and_moves_at_most_6_mb(browser, https_url):
    """Over HTTPS Chromium asks for brotli: the runtime, the standard library and every
    wheel arrive as the build's .br copies, and the whole first visit to a widget page,
    the PDF engine included, stays within 6 MB."""
    encodings, total = first_visit(browser, https_url)
    python_files = [n for n in encodings if n.endswith((".wasm", ".zip", ".whl"))]
    assert {"pyodide.asm.wasm", "python_stdlib.zip"} <= set(python_files)
    assert any(n.startswith("fonttools-") for n in python_files)
    assert {encodings[n] for n in python_files} == {"br"}, encodings
    assert total <= FIRST_VISIT_BUDGET, f"{total / 1e6:.2f} MB"


def test_a_server_without_brotli_sends_the_gzip_copies(browser, gzip_only_url):
    """A server with gzip_static only (no brotli module) still sends every Python file
    compressed, and the widget works the same."""
    encodings, _ = first_visit(browser, gzip_only_url)
    python_files = [n for n in encodings if n.endswith((".wasm", ".zip", ".whl"))]
    assert len(python_files) >= 5
    assert {encodings[n] for n in python_files} == {"gzip"}, encodings

"""Shared fixtures: the built site, a local web server under a sub-path, and Chromium.

The site is built once per test session as ``make build`` does: ``mkdocs build --strict``, then
the release step ``python -m release`` (set ``SIP_SITE_DIR`` to reuse an existing build while
iterating). Browser tests serve it at
``http://127.0.0.1:<port>/vardgivarwebben/sip/`` — a sub-path, as a county would publish it —
and fail on any request that leaves that origin.
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from chromium import EXECUTABLE as CHROMIUM  # noqa: E402 - tools/ is on the path only now
from chromium import TEST_ARGS, launch, wait_js  # noqa: E402 - likewise; wait_js is shared with tests

SUB_PATH = "/vardgivarwebben/sip/"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def build_site(target: Path) -> Path:
    """The site generator, then the release step, into ``target``."""
    for step in (
        ["-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        ["-m", "release", str(target)],
    ):
        result = subprocess.run(
            [sys.executable, *step], cwd=ROOT, capture_output=True, text=True, check=False
        )
        if result.returncode:
            command = " ".join(step[1:3])
            raise RuntimeError(f"{command} failed:\n{result.stdout}\n{result.stderr}")
    return target


def pytest_collection_modifyitems(items) -> None:
    """Browser test files first. They take most of the run; with the short files last,
    pytest-xdist hands those to whichever worker is free, and the workers finish together."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, worker_id) -> Path:
    """The built site (``mkdocs build --strict``, then ``python -m release``), built once
    per run: under pytest-xdist the first worker builds it and the others wait for it."""
    reuse = os.environ.get("SIP_SITE_DIR")
    if reuse:
        return Path(reuse)
    if worker_id == "master":
        return build_site(tmp_path_factory.mktemp("site") / "site")
    shared = tmp_path_factory.getbasetemp().parent / "site"
    built = shared.with_name("site.built")
    with FileLock(str(shared.with_name("site.lock"))):
        if not built.exists():
            build_site(shared)
            built.touch()
    return shared


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    """The site served on 127.0.0.1 under a sub-path."""
    from serve import make_server

    server, url = make_server(site_dir, prefix=SUB_PATH)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as pw:
        browser = launch(pw, TEST_ARGS)
        yield browser
        browser.close()


class Guard:
    """Records every request a context makes, and remembers any that leaves the site's origin.

    It listens and does not intercept: with a route in place Chromium would bypass its HTTP
    cache, and every page of a shared context would download and compile Python again. A
    request to another origin fails on this offline machine anyway; the tests assert that
    none was made.
    """

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.foreign: list[str] = []
        self.requests: list[str] = []

    def record(self, request) -> None:
        url = request.url
        self.requests.append(url)
        parts = urlsplit(url)
        if (
            parts.scheme not in ("data", "blob")
            and f"{parts.scheme}://{parts.netloc}" != self.origin
        ):
            self.foreign.append(url)


@contextmanager
def guarded_context(browser, base_url, profile: Path | None = None, **options):
    """A browser context whose guard records every request. On leaving the block the context
    is closed, and a request to another origin fails the test. With ``profile`` the context is
    a browser of its own that keeps its profile in that folder, as an installed browser does."""
    parts = urlsplit(base_url)
    guard = Guard(f"{parts.scheme}://{parts.netloc}")
    options = {"accept_downloads": True, "locale": "sv-SE", **options}
    if profile is None:
        ctx = browser.new_context(**options)
    else:
        ctx = browser.browser_type.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=TEST_ARGS, **options
        )
    ctx.on("request", guard.record)
    ctx.guard = guard
    try:
        yield ctx
    finally:
        ctx.close()
    assert not guard.foreign, f"requests to other origins: {guard.foreign}"


@pytest.fixture
def context(browser, base_url):
    """A fresh browser context (empty cache, no storage); a request to another origin fails
    the test.

    The service worker is blocked here, so each test starts from the network; tests of the
    offline mode use ``sw_context``.
    """
    with guarded_context(browser, base_url, service_workers="block") as ctx:
        yield ctx


@pytest.fixture
def sw_context(browser, base_url):
    """Like ``context``, with the portal's service worker allowed."""
    with guarded_context(browser, base_url, service_workers="allow") as ctx:
        yield ctx


@pytest.fixture
def page(context):
    return new_page(context)


def new_page(context):
    """A page (tab) of ``context`` that keeps its JavaScript errors in ``page.errors`` and
    accepts dialogs (``page.accept_dialogs``, which a test may remove)."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.accept_dialogs = lambda dialog: dialog.accept()
    page.on("dialog", page.accept_dialogs)
    return page


@pytest.fixture(scope="module")
def shared_context(browser, base_url):
    """One guarded context for a test module whose tests only exercise form behaviour."""
    with guarded_context(browser, base_url, service_workers="block") as ctx:
        yield ctx


@pytest.fixture
def new_tab(shared_context):
    """A new page (tab) in the module's context: the page as a first visit shows it, but the
    files come from the context's HTTP cache instead of being downloaded for every test."""
    page = new_page(shared_context)
    yield page
    page.close()


def reset_widget(page) -> None:
    """Put a started widget back to how a fresh visit shows it, with the page's own
    "Rensa formuläret" (which also clears errors and notices), then the messages a fresh
    visit does not show yet (the open-file status, a blankett's result line)."""
    button = page.locator("button[data-action=clear]").first
    button.scroll_into_view_if_needed()
    button.click()
    wait_js(
        page,
        "!document.querySelector('.sip-error-summary') || "
        "document.querySelector('.sip-error-summary').hidden",
    )
    page.evaluate(
        """() => { for (const el of document.querySelectorAll('.sip-open-status'))
                     el.textContent = '';
                   for (const w of document.querySelectorAll('[data-sip-widget][data-mode=pdf]'))
                     w.querySelector('.sip-result-body').replaceChildren();
                   window.scrollTo(0, 0); }"""
    )
    page.errors.clear()


@pytest.fixture(scope="module")
def open_widget(shared_context, base_url):
    """``open_widget("blanketter/kallelse/")``: a page of that widget with Python started,
    kept for the whole module and cleared between tests, so that tests of form behaviour do
    not each start Python again. Tests of start-up, offline use and storage keep ``page``."""
    pages: dict = {}

    def open_(path: str):
        page = pages.get(path)
        if page is None or page.is_closed():
            page = new_page(shared_context)
            page.goto(base_url + path)
            wait_ready(page)
            pages[path] = page
        else:
            # Pages of one context are tabs of one window: Chromium runs a tab that is not in
            # front at one animation frame a second, which makes every click wait ~2 s.
            page.bring_to_front()
            reset_widget(page)
        return page

    yield open_
    for page in pages.values():
        if not page.is_closed():
            page.close()


def run_axe(page, context_selector: str | None = None) -> list[dict]:
    """axe-core (npm package, read from disk) violations on the current page.

    The source is evaluated through the DevTools protocol, which the page's CSP does not
    govern; an injected <script> tag would be (rightly) blocked by it.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text("utf-8") + "\n;void 0")
    return page.evaluate(
        """async (selector) => {
            // A CSS transition caught half-way (a link fading to its hover colour, a header
            // title fading in) is not what a reader sees: check the settled page.
            for (const animation of document.getAnimations()) {
                try { animation.finish(); } catch { /* an endless one: leave it */ }
            }
            const result = await axe.run(selector ? document.querySelector(selector) : document, {
                // Violations in full; of passes and the rest only one node each, which
                // spares axe a CSS selector for every node of the page (10 % of its time).
                resultTypes: ["violations"],
                runOnly: {
                    type: "tag",
                    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
                },
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }""",
        context_selector,
    )


def wait_ready(page, timeout: float = 90_000) -> None:
    """Wait until the page's widget has started Python."""
    page.wait_for_selector("[data-sip-widget][data-ready=true]", timeout=timeout)

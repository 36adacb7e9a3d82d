"""A hostile or broken file never costs the user their work (Chromium).

Each small file of issue #16 gets its Swedish message; the page stays responsive (the next
click answers within a second); nothing typed is lost. Python may die: the page keeps the
answers, starts a new worker, says so, and saves and prints again. The portal cannot be framed
by another site. (That the browser keeps nothing typed in its profile on disk is tested in
test_browser_trust.TestPrivacy.)
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from conftest import run_axe, wait_js, wait_ready
from helpers import hostile
from helpers.answers import valid_kallelse
from helpers.browser import fill
from helpers.hostile import quoted

from forms import saved
from forms.pdf import answers_file

pytestmark = pytest.mark.browser

ENGLISH = re.compile(r"\b(the|error|exceeds|limit|digits|expecting|traceback|invalid)\b", re.I)


def open_saved_file(page, path: Path) -> str:
    """Choose ``path`` with "Fortsätt med en sparad fil"; the status text once it is read."""
    if not page.locator("details.sip-open").evaluate("d => d.open"):
        page.locator("details.sip-open summary").click()
    page.set_input_files("input[type=file][data-action=open]", str(path))
    status = "document.querySelector('.sip-open-status').textContent"
    wait_js(page, f"{status} !== '' && !{status}.startsWith('Läser')", timeout=60)
    return page.evaluate(status)


def rows(page, group: str = "deltagare") -> int:
    return page.locator(f'[data-repeat="{group}"] > .sip-repeat-items > .sip-repeat-item').count()


def assert_responsive(page) -> None:
    """The next click answers within a second: "Skapa PDF" on the form as it is gets Python's
    answer (the error summary) on the page, and Python has not been restarted."""
    page.wait_for_selector("[data-sip-widget][data-warm-at]", timeout=90_000)
    page.evaluate("document.querySelector('.sip-error-summary').hidden = true")
    start = time.monotonic()
    page.get_by_role("button", name="Skapa PDF", exact=True).click()
    page.locator(".sip-error-summary").wait_for(state="visible", timeout=1000)
    assert time.monotonic() - start < 1.0
    assert page.locator("[data-sip-widget]").get_attribute("data-restarts") is None


def save_answers(page, tmp_path: Path) -> dict:
    """Click "Spara svaren som fil" and read the downloaded answers file."""
    with page.expect_download(timeout=10_000) as info:
        page.get_by_role("button", name="Spara svaren som fil").click()
    path = tmp_path / "svar.json"
    info.value.save_as(path)
    return json.loads(path.read_text("utf-8"))


@pytest.fixture
def kallelse(open_widget):
    """The kallelse page with Python started, shared by the module and cleared per test."""
    return open_widget("blanketter/kallelse/")


@pytest.fixture
def fresh_kallelse(new_tab, base_url):
    """A kallelse page of its own (a new tab), for tests that crash its Python. Its clock
    runs as usual, and a test may move it forward (Playwright's ``page.clock``)."""
    new_tab.clock.install()
    new_tab.goto(base_url + "blanketter/kallelse/")
    wait_ready(new_tab)
    return new_tab


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


class TestDeepNesting:
    @pytest.mark.parametrize("as_pdf", [False, True], ids=["json", "pdf"])
    def test_deep_file_gets_a_message_and_python_lives_on(self, kallelse, tmp_path, as_pdf):
        """JSON nested 3,000 levels deep (under 1 kB) used to kill Python for the rest of the
        visit; now it is refused by name, and printing and saving still work."""
        data = hostile.deep_json(3000)
        data = hostile.pdf_with_attachment(data) if as_pdf else data
        assert len(data) < 10_000
        kallelse.locator("[name=person_namn]").fill("Ada Lind")
        status = open_saved_file(kallelse, write(tmp_path, "djup.pdf", data))
        assert "fler än 10 nivåer" in status
        assert_responsive(kallelse)
        assert save_answers(kallelse, tmp_path)["svar"]["person_namn"] == "Ada Lind"
        assert kallelse.errors == []


class TestRowsBeyondTheLimit:
    def test_sixty_participants_fill_fifty_and_say_so_before_printing(self, kallelse, tmp_path):
        """A kallelse with 60 participants: 50 rows, a notice (an alert, focused, and accessible)
        naming the ten left out, and the PDF then holds exactly what the page shows."""
        answers = valid_kallelse()
        answers["deltagare"] = [
            {"verksamhet": f"Verksamhet {i}", "aktor": "kommun"} for i in range(1, 61)
        ]
        status = open_saved_file(
            kallelse, write(tmp_path, "k.json", answers_file("kallelse", answers))
        )
        assert "allt kom inte med" in status
        assert rows(kallelse) == 50
        notice = kallelse.locator(".sip-notices")
        assert notice.get_attribute("role") == "alert"
        assert kallelse.evaluate("document.activeElement.classList.contains('sip-notices')")
        assert (
            f"Filen hade 60 rader i {quoted('kallelse', 'deltagare')}. Blanketten rymmer 50, så "
            "deltagare 51–60 togs inte med." in notice.inner_text()
        )
        assert run_axe(kallelse) == []
        with kallelse.expect_download() as info:
            kallelse.get_by_role("button", name="Skapa PDF", exact=True).click()
        embedded = saved.read_pdf(Path(info.value.path()).read_bytes())["svar"]["deltagare"]
        assert [r["verksamhet"] for r in embedded] == [f"Verksamhet {i}" for i in range(1, 51)]

    def test_the_page_never_builds_more_rows_than_the_group_holds(self, kallelse):
        """Answers that reach the page by another way (a prefill) are clamped by the page
        itself, in one batch: 5,000 rows cost well under a second."""
        start = time.monotonic()
        notices = kallelse.evaluate(
            "document.querySelector('[data-sip-widget]').sipFill({deltagare: Array(5000).fill({})})"
        )
        assert time.monotonic() - start < 1.0
        assert rows(kallelse) == 50
        assert notices == [
            f"Det fanns 5000 rader i {quoted('kallelse', 'deltagare')}. Blanketten rymmer 50, så "
            "bara de första 50 togs med."
        ]


class TestSmallFilesThatFroze:
    @pytest.mark.parametrize(
        ("name", "data", "expected"),
        [
            (
                "tomma-rader.json",
                hostile.answers_json("kallelse", {"deltagare": [{}] * 5000}),
                "deltagare 51–5\u00a0000 togs inte med",
            ),
            (
                "lang-rad.json",
                hostile.answers_json("kallelse", {"deltagare": ["x" * 1_000_000]}),
                f"Deltagare 1 i {quoted('kallelse', 'deltagare')} gick inte att läsa och är tom.",
            ),
            ("bomb.pdf", hostile.bomb_pdf(70), "Svaren i PDF:en är för stora."),
        ],
        ids=["5000-empty-rows", "million-character-row", "decompression-bomb"],
    )
    def test_answered_in_seconds_and_the_page_stays_responsive(
        self, kallelse, tmp_path, name, data, expected
    ):
        """5,000 empty rows (still frozen after minutes), a 1,000,000-character row (9 s) and
        a 70 kB PDF inflating to 70 MB (20 s): each is answered within a few seconds."""
        start = time.monotonic()
        status = open_saved_file(kallelse, write(tmp_path, name, data))
        assert time.monotonic() - start < 5.0
        shown = status + " " + kallelse.locator("[data-sip-widget]").inner_text()
        assert expected in shown
        assert rows(kallelse) <= 50
        assert_responsive(kallelse)


class TestMessages:
    @pytest.mark.parametrize(
        ("name", "data", "expected"),
        [
            ("nan.json", hostile.answers_json("sip-plan", {"x": 1}).replace(b"1}", b"NaN}"), "NaN"),
            ("self.pdf", hostile.self_length_pdf(), saved.PDF_UNREADABLE),
            ("bomb.pdf", hostile.bomb_pdf(8, "sip-plan"), "högst 4 MB"),
            (
                "version.json",
                hostile.answers_json("sip-plan", {"version": "1" * 5000}),
                f"Texten för {quoted('sip-plan', 'version')} har 5\u00a0000 tecken i filen.",
            ),
        ],
        ids=["nan", "self-referencing-length", "bomb", "5000-digit-version"],
    )
    def test_each_file_gets_a_swedish_message_that_says_what_to_do(
        self, open_widget, tmp_path, name, data, expected
    ):
        """Never Python's English, never the generic 'something went wrong, try again'."""
        page = open_widget("blanketter/sip-plan/")
        status = open_saved_file(page, write(tmp_path, name, data))
        shown = status + " " + page.locator("[data-sip-widget]").inner_text()
        assert expected in shown
        assert "Något gick fel" not in shown
        assert not ENGLISH.search(shown), shown
        assert_responsive(page)


class TestTooBigFile:
    def test_the_page_refuses_it_before_reading_it(self, kallelse, tmp_path):
        """A file over 10 MB is refused at once by the page, with the limit named; Python is
        not asked and the form stays as it was."""
        kallelse.locator("[name=person_namn]").fill("Ada Lind")
        path = tmp_path / "stor.pdf"
        path.write_bytes(b"%PDF-1.7\n" + b"0" * (11 * 1024 * 1024))
        start = time.monotonic()
        status = open_saved_file(kallelse, path)
        assert time.monotonic() - start < 2.0
        assert status == (
            "Filen är för stor (11 MB). SIP-portalen öppnar filer på högst 10 MB. Välj en PDF "
            "eller en svarsfil som du har sparat här."
        )
        assert kallelse.locator("[name=person_namn]").input_value() == "Ada Lind"


class TestControlCharacters:
    @pytest.mark.parametrize("char", ["\x00", "\x07", "\x7f", "\u0085"])
    def test_typed_control_character_is_named_and_the_text_kept(self, kallelse, char):
        """A typed NUL, BEL, DEL or NEL is refused with a message naming it; nothing is
        printed and the text stays as typed."""
        fill(kallelse, valid_kallelse())
        text = f"Planera stödet{char} tillsammans"
        kallelse.locator("[name=syfte]").evaluate("(el, v) => { el.value = v; }", text)
        kallelse.get_by_role("button", name="Skapa PDF", exact=True).click()
        summary = kallelse.locator(".sip-error-summary")
        summary.wait_for(state="visible")
        assert f"(U+{ord(char):04X}) efter \u201dPlanera stödet\u201d" in summary.inner_text()
        assert kallelse.locator("[name=syfte]").input_value() == text


# A request nested 3,000 levels overflows WebAssembly's stack inside Python: a real, fatal
# Pyodide error. The page never sends such a request itself; a test reaches the worker directly.
PYTHON_FATAL = """() => {
    let deep = []; for (let i = 0; i < 3000; i++) deep = [deep];
    const python = document.querySelector('[data-sip-widget]').sipPython;
    python.call({op: 'validate', form: 'kallelse', answers: {syfte: deep}})
      .catch(e => { window.lostCall = e.message; });
}"""


class TestWorkerCrash:
    @pytest.mark.parametrize("how", ["python-fatal", "worker-error", "worker-silent"])
    def test_after_a_crash_the_user_can_save_and_print(self, fresh_kallelse, tmp_path, how):
        """Python dies (fatally, by an error in the worker, or by going silent): every answer
        stays, a new worker starts and the status says so, the pending call fails with a
        Swedish message, and both "Spara svaren som fil" and "Skapa PDF" work."""
        answers = valid_kallelse(person_namn="Åsa Kraschdotter")
        fill(fresh_kallelse, answers)
        fresh_kallelse.wait_for_selector("[data-sip-widget][data-warm-at]", timeout=90_000)
        worker = next(w for w in fresh_kallelse.workers if "/assets/sip/worker." in w.url)
        if how == "python-fatal":
            fresh_kallelse.evaluate(PYTHON_FATAL)
            wait_js(fresh_kallelse, "window.lostCall !== undefined", timeout=30)
            lost = fresh_kallelse.evaluate("window.lostCall")
            assert lost == (
                "Formuläret fick ett fel och startades om. Det du har skrivit finns kvar. "
                "Försök igen."
            )
        elif how == "worker-error":
            worker.evaluate("setTimeout(() => { throw new Error('krasch'); })")
        else:
            worker.evaluate("self.close()")
            fresh_kallelse.evaluate(  # a call that waits; evaluate does not wait for it
                "() => { document.querySelector('[data-sip-widget]').sipPython"
                ".call({op: 'validate', form: 'kallelse', answers: {}}).catch(() => {}); }"
            )
            # The page pings a worker that has been silent for 5 s and gives it 5 s more:
            # move the page's clock on a second at a time instead of waiting.
            for _ in range(12):
                fresh_kallelse.clock.fast_forward(1000)
                if fresh_kallelse.locator("[data-sip-widget][data-restarts]").count():
                    break
        wait_js(
            fresh_kallelse, "document.querySelector('[data-sip-widget]').dataset.restarts === '1'"
        )
        wait_ready(fresh_kallelse)
        status = fresh_kallelse.locator(".sip-status-text").inner_text()
        assert status == (
            "Formuläret fick ett fel och har startats om. Det du har skrivit finns kvar. Du kan "
            "fortsätta."
        )
        assert fresh_kallelse.locator("[name=person_namn]").input_value() == "Åsa Kraschdotter"
        assert save_answers(fresh_kallelse, tmp_path)["svar"]["person_namn"] == "Åsa Kraschdotter"
        with fresh_kallelse.expect_download(timeout=60_000) as info:
            fresh_kallelse.get_by_role("button", name="Skapa PDF", exact=True).click()
        embedded = saved.read_pdf(Path(info.value.path()).read_bytes())["svar"]
        assert embedded["person_namn"] == "Åsa Kraschdotter"

    def test_answers_are_saved_without_python(self, context, base_url, tmp_path):
        """When Python cannot even start (here: its files cannot be fetched), the typed
        answers can still be saved."""
        context.route("**/pyodide/**", lambda route: route.abort())
        page = context.new_page()
        page.goto(base_url + "blanketter/samtycke/")
        page.wait_for_selector("[data-sip-widget].sip-failed", timeout=60_000)
        page.locator("[name=person_namn]").fill("Noah Lind")
        assert save_answers(page, tmp_path)["svar"]["person_namn"] == "Noah Lind"


class TestAnswersFileFromThePage:
    def test_byte_for_byte_what_python_writes_and_it_opens_again(self, kallelse, tmp_path):
        """The page writes the answers file itself: the same bytes forms.pdf.answers_file
        writes for those answers, read back by parse_answers, and opened again unchanged."""
        fill(kallelse, valid_kallelse())
        with kallelse.expect_download() as info:
            kallelse.get_by_role("button", name="Spara svaren som fil").click()
        data = Path(info.value.path()).read_bytes()
        assert re.fullmatch(
            r"kallelse-till-sip-mote-\d{4}-\d\d-\d\d\.json", info.value.suggested_filename
        )
        payload = json.loads(data)
        assert answers_file(payload["blankett"], payload["svar"]) == data
        assert saved.parse_answers(data)["svar"]["person_namn"] == "Åsa Öhman"
        kallelse.get_by_role("button", name="Rensa formuläret").click()
        status = open_saved_file(kallelse, write(tmp_path, "svar.json", data))
        assert status.endswith("Kontrollera dem och fortsätt.")
        assert kallelse.locator("[name=syfte]").input_value() == valid_kallelse()["syfte"]
        assert rows(kallelse) == 4

    def test_hidden_address_is_not_saved(self, kallelse, tmp_path):
        """With skyddade personuppgifter ticked, the hidden address is left out of the file,
        as it is left out of the PDF."""
        fill(kallelse, valid_kallelse())
        kallelse.get_by_label("Personen har skyddade personuppgifter").check()
        svar = save_answers(kallelse, tmp_path)["svar"]
        assert "person_adress" not in svar and "Lönnvägen" not in json.dumps(svar)


class TestFraming:
    ATTACKER = "http://angripare.test/"

    def framed(self, browser, base_url, strip_headers: bool):
        """A page of another site with the kallelse in an iframe; every request recorded."""
        ctx = browser.new_context(service_workers="block")
        requests: list[str] = []
        ctx.on("request", lambda r: requests.append(r.url))
        page_html = f'<title>Annan</title><iframe src="{base_url}blanketter/kallelse/"></iframe>'
        ctx.route(
            self.ATTACKER,
            lambda route: route.fulfill(body=page_html, content_type="text/html"),
        )
        # The portal's responses pass through Playwright (unchanged, or without the frame
        # headers): Chromium would otherwise refuse a public page framing 127.0.0.1 for a
        # reason of its own (Private Network Access), and the headers would not be tested.
        framing = ("content-security-policy", "x-frame-options") if strip_headers else ()

        def portal(route):
            response = route.fetch()
            headers = {k: v for k, v in response.headers.items() if k.lower() not in framing}
            route.fulfill(response=response, headers=headers)

        ctx.route(base_url + "**", portal)
        page = ctx.new_page()
        page.goto(self.ATTACKER)
        return ctx, page, requests

    def test_another_site_cannot_frame_the_portal(self, browser, base_url):
        """The server forbids framing (frame-ancestors 'none', X-Frame-Options: DENY): the
        frame stays empty and nothing of Python is fetched."""
        ctx, page, requests = self.framed(browser, base_url, strip_headers=False)
        try:
            page.wait_for_timeout(2000)
            frame = next(f for f in page.frames if f is not page.main_frame)
            assert frame.evaluate("document.querySelectorAll('[data-sip-widget]').length") == 0
            assert not [u for u in requests if "/pyodide/" in u or "/assets/sip/" in u]
        finally:
            ctx.close()

    def test_without_the_headers_the_widget_still_does_not_start(self, browser, base_url):
        """On a server that forgets the headers the page loads in the frame, but the widget
        refuses to start and says why."""
        ctx, page, requests = self.framed(browser, base_url, strip_headers=True)
        try:
            frame = page.frame_locator("iframe")
            status = frame.locator(".sip-status-text")
            status.filter(has_text="inte inne i en annan webbplats").wait_for(timeout=30_000)
            page.wait_for_timeout(1000)
            # (the page's <head> preloads the runtime's bytes; nothing starts or runs them)
            started = ("/worker.", "pyodide.mjs", "python_stdlib.zip", ".whl")
            assert not [u for u in requests if any(part in u for part in started)]
            assert not [w for w in page.workers if "/assets/sip/" in w.url]
        finally:
            ctx.close()

"""Trust in Chromium: offline use, privacy, keyboard-only use, unsaved input, hostile input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SUB_PATH, guarded_context, new_page, wait_js, wait_ready
from helpers.answers import valid_kallelse, valid_plan, valid_samtycke, valid_uppfoljning
from helpers.browser import fill, pdf_file_text, type_answers
from pypdf import PdfReader

pytestmark = pytest.mark.browser

MARK = "Zelmarsdotter"  # a recognisable surname no page contains


class TestOffline:
    def test_after_one_visit_routines_and_blanketter_work_offline(
        self, sw_context, base_url, tmp_path
    ):
        """Visit a blankett once; with the network off, read a routine, fill a blankett and
        download its PDF, and the page says it is offline."""
        page = new_page(sw_context)
        page.goto(base_url + "blanketter/samtycke/")
        wait_ready(page)
        page.wait_for_selector("[data-sip-widget][data-offline=ready]", timeout=120_000)

        sw_context.set_offline(True)
        page.goto(base_url + "kalmar/praktiska-anvisningar/")
        assert "RS 2022/1652" in page.locator("article").inner_text()
        assert page.locator(".sip-offline").is_visible()

        page.goto(base_url + "blanketter/samtycke/")
        wait_ready(page)
        fill(page, valid_samtycke())
        with page.expect_download() as info:
            page.get_by_role("button", name="Skapa PDF", exact=True).click()
        path = tmp_path / "offline.pdf"
        info.value.save_as(path)
        assert "Noah Lind" in pdf_file_text(path)
        sw_context.set_offline(False)

    def test_new_release_replaces_the_cache(self, browser, site_dir, tmp_path):
        """A new sw.js (new release) takes over and deletes the old release's cache."""
        from serve import make_server

        copy = tmp_path / "site"
        shutil.copytree(site_dir, copy, ignore=shutil.ignore_patterns("pyodide"))
        server, url = make_server(copy, prefix=SUB_PATH)
        try:
            with guarded_context(browser, url, service_workers="allow") as ctx:
                page = new_page(ctx)
                page.goto(url + "lagrum/")
                wait_js(page, "navigator.serviceWorker.controller !== null")
                first = page.evaluate("caches.keys()")
                assert len(first) == 1 and first[0].startswith("sip-portalen-")

                sw = copy / "sw.js"
                old_version = first[0].removeprefix("sip-portalen-")
                sw.write_text(sw.read_text().replace(old_version, "0123456789abcdef"))
                for packed in ("sw.js.gz", "sw.js.br"):  # the build writes all three; here
                    (copy / packed).unlink()  # only sw.js changes
                page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
                wait_js(
                    page,
                    "navigator.serviceWorker.getRegistration().then(r => !!r.waiting)",
                    timeout=60,
                )
                page.close()  # no tab keeps the old release
                # Watched from a page of the same site outside the portal's scope: a page in
                # the scope, opened while the closed tab is still being let go, would keep the
                # old release in use.
                page = new_page(ctx)
                page.goto(url.removesuffix(SUB_PATH.strip("/") + "/") + "utanfor/")
                new_cache_only = (
                    "caches.keys().then(k => "
                    "k.length === 1 && k[0] === 'sip-portalen-0123456789abcdef')"
                )
                wait_js(page, new_cache_only, timeout=60)
                page.goto(url + "lagrum/")
                wait_js(page, "navigator.serviceWorker.controller !== null")
                assert page.evaluate(new_cache_only)
        finally:
            server.shutdown()


# Free text, names and numbers a user types, each carrying the mark.
CASES = {
    "kallelse": lambda: valid_kallelse(
        person_namn=f"Åsa {MARK}",
        syfte=f"Planera stöd {MARK}syfte",
        kallare_namn=f"Kim {MARK}",
        kallare_epost=f"kim.{MARK.lower()}@kommun.se",
        kallare_telefon="054-918 27 36",
    ),
    "sip-plan": lambda: valid_plan(
        person_namn=f"Åsa {MARK}",
        huvudmal=f"Du vill {MARK}mål",
        samordningsansvarig_namn=f"Kim {MARK}",
        samordningsansvarig_telefon="054-918 27 36",
    ),
    "uppfoljning": lambda: valid_uppfoljning(person_namn=f"Åsa {MARK}", behov=f"{MARK}behov"),
    "samtycke": lambda: valid_samtycke(
        person_namn=f"Noah {MARK}",
        information=f"{MARK}info",
        vh1_namn=f"Sara {MARK}",
        vh1_telefon="070-918 27 36",
    ),
}
NEEDLES = [MARK, "918 27 36", "918-27-36"]

STORED_JS = """async (needles) => {
    const found = [];
    const marked = (text) => needles.some((needle) => text.includes(needle));
    if (localStorage.length) found.push("localStorage");
    if (sessionStorage.length) found.push("sessionStorage");
    const dbs = indexedDB.databases ? await indexedDB.databases() : [];
    if (dbs.length) found.push("indexedDB: " + dbs.map(d => d.name).join(","));
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            if (marked(request.url)) found.push("cache url " + request.url);
            const response = await cache.match(request);
            const type = response.headers.get("Content-Type") || "";
            if (/text|json|javascript/.test(type) && marked(await response.text()))
                found.push("cache body " + request.url);
        }
    }
    return found;
}"""


def marked_files(folder: Path) -> list[str]:
    """Files under ``folder`` that hold a needle, in UTF-8 or UTF-16."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for needle in NEEDLES:
                for encoded in (needle.encode(), needle.encode("utf-16-le")):
                    if encoded in data:
                        found.append(f"{path.relative_to(folder)}: {needle}")
    return found


class TestPrivacy:
    def test_typed_values_go_nowhere_and_stay_nowhere(self, browser, base_url, tmp_path):
        """In one browser with its profile on disk and the service worker on, a user types
        recognisable names, numbers and free text into every blankett, makes its PDF and saves
        its answers, and answers the needs assessment in free text. None of it is in any
        request, cookie, localStorage, sessionStorage, IndexedDB or Cache Storage; and once the
        browser is closed, no file of its profile holds it (the autofill memory of a shared
        computer must not offer it to the next user)."""
        profile = tmp_path / "profil"
        bodies: list[str] = []
        stored: dict[str, list[str]] = {}
        with guarded_context(browser, base_url, profile=profile) as ctx:
            ctx.on("request", lambda r: bodies.append(r.url + " " + (r.post_data or "")))
            page = new_page(ctx)
            for form_id, answers in CASES.items():
                page.goto(base_url + f"blanketter/{form_id}/")
                wait_ready(page)
                page.wait_for_selector("[data-sip-widget][data-offline=ready]", timeout=120_000)
                type_answers(page, answers())
                with page.expect_download():
                    page.get_by_role("button", name="Skapa PDF", exact=True).click()
                with page.expect_download():
                    page.get_by_role("button", name="Spara svaren som fil").click()
                stored[form_id] = page.evaluate(STORED_JS, NEEDLES)

            page.goto(base_url + "verktyg/behovsbedomning/")
            wait_ready(page)
            page.locator("#f-lan-1").check()
            page.locator("[name=verksamheter][value=socialtjanst]").check()
            page.locator("[name=verksamheter][value=annan]").check()
            page.locator("[name=annan_aktor]").fill(f"Föreningen {MARK}")
            page.locator("[name=tolk][value=ja]").check()
            page.locator("[name=tolk_sprak]").fill(f"{MARK}ska")
            wait_js(page, "document.querySelector('.sip-verdict') !== null")
            with page.expect_download():
                page.get_by_role("button", name="Spara resultatet som PDF").click()
            stored["behovsbedomning"] = page.evaluate(STORED_JS, NEEDLES)

            assert ctx.cookies() == []
            page.goto(base_url + "lagrum/")
        assert not [b for b in bodies if any(needle in b for needle in NEEDLES)]
        assert stored == {name: [] for name in stored}
        assert marked_files(profile) == []


def keyboard_fill(page, answers: dict, submit: str = "Skapa PDF") -> None:
    """Complete a form with the keyboard alone, as its users do: the skip link, then Tab,
    typing, Space, arrow keys and Enter."""
    flat: dict[str, object] = {}

    def flatten(data, prefix=""):
        for key, value in data.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                for i, item in enumerate(value):
                    flatten(item, f"{prefix}{key}.{i}.")
                flat[prefix + key + "#count"] = len(value)
            else:
                flat[prefix + key] = value

    flatten(answers)
    focused_js = """() => { const e = document.activeElement;
        const rep = e.closest && e.closest('[data-repeat]');
        return {tag: e.tagName, type: e.type || '', name: e.name || '', value: e.value || '',
                checked: !!e.checked, action: (e.dataset && e.dataset.action) || '',
                text: (e.textContent || '').trim(),
                repeat: rep ? rep.dataset.repeat : '',
                items: rep ? rep.querySelectorAll(
                    ':scope > .sip-repeat-items > .sip-repeat-item').length : 0}; }"""
    done: set[str] = set()
    # The first Tab reaches "Hoppa till innehåll"; Enter on it skips the site's navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    for _ in range(1500):
        page.keyboard.press("Tab")
        el = page.evaluate(focused_js)
        if el["tag"] == "BUTTON" and el["text"] == submit:
            page.keyboard.press("Enter")
            return
        name = el["name"]
        if el["action"] == "add":
            while el["items"] < flat.get(el["repeat"] + "#count", 0):
                page.keyboard.press("Enter")  # focus moves to the new item's first field
                page.keyboard.press("Shift+Tab")  # step back so the loop's Tab lands on it
                break
            continue
        if not name or name not in flat:
            continue
        value = flat[name]
        if el["type"] == "radio":
            if name in done or not value:
                continue
            for _ in range(12):
                if page.evaluate("document.activeElement.value") == value:
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
            done.add(name)
        elif el["type"] == "checkbox":
            want = value is True or (isinstance(value, list) and el["value"] in value)
            if want != el["checked"]:
                page.keyboard.press("Space")
        elif el["tag"] == "SELECT":
            for _ in range(12):
                if page.evaluate("document.activeElement.value") == value:
                    break
                page.keyboard.press("ArrowDown")
        elif isinstance(value, str) and value and not el["value"]:
            page.keyboard.insert_text(value)
    raise AssertionError(f"never reached the {submit!r} button")


class TestKeyboard:
    @pytest.mark.parametrize("form_id", list(CASES))
    def test_blankett_completed_and_downloaded_with_keyboard_only(self, new_tab, base_url, form_id):
        """From the top of the page, Tab/Space/arrows/Enter alone fill the blankett and
        download its PDF."""
        page = new_tab
        answers = CASES[form_id]()
        page.goto(base_url + f"blanketter/{form_id}/")
        wait_ready(page)
        with page.expect_download(timeout=60_000) as info:
            keyboard_fill(page, answers)
        text = " ".join((p.extract_text() or "") for p in PdfReader(info.value.path()).pages)
        assert MARK in text

    def test_failed_submit_moves_focus_to_summary_and_link_to_field(self, new_tab, base_url):
        """Enter on 'Skapa PDF' with empty fields focuses the error summary; its first link
        takes the focus to the field."""
        page = new_tab
        page.goto(base_url + "blanketter/kallelse/")
        wait_ready(page)
        page.locator("button[type=submit]").focus()
        page.keyboard.press("Enter")
        page.locator(".sip-error-summary").wait_for(state="visible")
        assert page.evaluate("document.activeElement.classList.contains('sip-error-summary')")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.name") == "person_namn"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "focus must be visible"

    def test_needs_assessment_by_keyboard(self, new_tab, base_url):
        """The needs assessment answers with Space and arrow keys alone."""
        page = new_tab
        page.goto(base_url + "verktyg/behovsbedomning/")
        wait_ready(page)
        page.locator("#f-lan-0").focus()
        page.keyboard.press("Space")
        page.keyboard.press("Tab")  # into the verksamheter checkboxes
        page.keyboard.press("Space")  # socialtjänsten
        page.keyboard.press("Tab")
        page.keyboard.press("Space")  # kommunal hälso- och sjukvård
        wait_js(page, "document.querySelector('.sip-verdict') !== null")
        assert page.locator(".sip-verdict").inner_text().strip() != ""


class TestUnsavedInput:
    def test_leaving_with_typed_input_asks_first(self, new_tab, base_url):
        """Typing and then leaving the page triggers the browser's 'leave page?' question."""
        page = new_tab
        page.goto(base_url + "blanketter/samtycke/")
        wait_ready(page)
        page.locator("[name=person_namn]").fill("Ada")
        dialogs: list[str] = []
        page.remove_listener("dialog", page.accept_dialogs)
        page.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
        page.locator("a[href$='lagrum/']").first.click(no_wait_after=True)
        for _ in range(100):  # up to 5 s on a busy machine
            if dialogs:
                break
            page.wait_for_timeout(50)
        assert "beforeunload" in dialogs
        assert page.url.endswith("blanketter/samtycke/")

    def test_untouched_form_leaves_without_question(self, new_tab, base_url):
        """No question when nothing was typed."""
        page = new_tab
        page.goto(base_url + "blanketter/samtycke/")
        wait_ready(page)
        dialogs: list[str] = []
        page.on("dialog", lambda d: dialogs.append(d.type))
        page.locator("a[href$='lagrum/']").first.click()
        page.wait_for_url("**/lagrum/")
        assert "beforeunload" not in dialogs


class TestHostileInput:
    @pytest.mark.parametrize(
        "text",
        [
            "<img src=x onerror=\"document.title='pwned'\">",
            "{{ 7*7 }} {% if %} {nb}",
            "rad1\x00\x07rad2\u202e",
            "x" * 100_000,
        ],
    )
    def test_free_text_never_runs_and_never_crashes(self, open_widget, text):
        """Markup, template syntax, control characters and huge input give a literal PDF or a
        clear message, never executed code or a crash."""
        page = open_widget("blanketter/sip-plan/")
        fill(page, valid_plan())
        page.locator('[name="berattelse"]').evaluate("(el, v) => { el.value = v; }", text)
        page.get_by_role("button", name="Skapa PDF", exact=True).click()
        wait_js(
            page,
            "document.querySelector('.sip-result-body').textContent.length > 0 || "
            "!document.querySelector('.sip-error-summary').hidden",
        )
        assert page.title() != "pwned"
        assert page.locator("img[src=x]").count() == 0
        assert page.errors == []
        if len(text) > 10_000:
            assert "för lång" in page.locator(".sip-error-summary").inner_text()

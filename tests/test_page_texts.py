"""The widget page's Swedish texts have one home, forms/messages.py: the page script and the
worker hold none of their own, the build hands them to the page, and Python's "something went
wrong" is the same sentence the page shows."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from forms import _browser, messages

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "docs" / "assets" / "sip"


def script(name: str) -> str:
    return (SCRIPTS / name).read_text("utf-8")


def code(name: str) -> str:
    """The script without its comments."""
    return re.sub(r"^\s*//.*$", "", script(name), flags=re.M)


def keys_used() -> set[str]:
    """Every message key the page script (``text("key")``, ``text(a ? "k1" : "k2")``) and the
    worker (``messages.key``) ask for."""
    page = code("widgets.mjs")
    keys = set()
    for argument in re.findall(r"\btext\(([^,)]*)", page):
        keys |= set(re.findall(r'"(\w+)"', argument))
    keys |= set(re.findall(r"\bmessages\.(\w+)", code("worker.mjs")))
    return keys


class TestOneHome:
    def test_every_text_the_scripts_ask_for_exists(self):
        """A key the page or the worker shows is one forms/messages.py holds (a typo would
        show the user a bare key)."""
        used = keys_used()
        assert {"fatal", "call_lost", "framed", "load_failed", "loading_python"} <= used
        assert used - set(messages.PAGE) == set()

    def test_the_scripts_hold_no_message_of_their_own(self):
        """No sentence of forms/messages.py is written again in widgets.mjs or worker.mjs."""
        sources = script("widgets.mjs") + script("worker.mjs")
        repeated = []
        for key, value in messages.PAGE.items():
            for part in re.split(r"\{\w+\}", value):
                if len(part.strip()) >= 12 and part.strip() in sources:
                    repeated.append((key, part.strip()))
        assert repeated == []

    def test_python_fails_with_the_pages_words(self):
        """Anything unexpected in Python reaches the page as the page's own sentence."""
        response, data = _browser.handle('{"op": "pdf", "form": "finns-inte", "answers": {}}')
        assert json.loads(response) == {"fatal": messages.PAGE["fatal"]}
        assert data is None

    def test_the_built_page_carries_the_texts_for_page_and_worker(self, site_dir):
        """The widget script's tag in <head> holds every text, before the script runs."""
        page = (site_dir / "blanketter" / "kallelse" / "index.html").read_text("utf-8")
        tag = re.search(r'<script type="module"[^>]*data-sip-messages="([^"]*)"', page)
        assert tag, "no data-sip-messages on the widget script"
        assert json.loads(html.unescape(tag.group(1))) == messages.PAGE

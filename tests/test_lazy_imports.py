"""forms/lazy_imports.py leaves unrun what fpdf2 imports but the portal's PDFs never use. Each
check runs in a new Python, where fpdf2 is imported for the first time: with the lazy imports,
every PDF is the same bytes as without them, the listed modules stay unrun, and each of them
still runs when something uses it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers.answers import VALID, thirty_goal_rows, valid_plan

from forms import registry

ROOT = Path(__file__).resolve().parent.parent

# Makes every PDF (each widget that prints, filled with the cases on stdin and blank), dated
# CREATED, and prints their sha256 and the listed modules left unrun. With the argument
# "eager" the list is emptied first, so fpdf2 is imported as it is without forms.lazy_imports.
RENDER = """
import hashlib, json, sys, types, warnings
from datetime import datetime, timedelta, timezone

warnings.simplefilter("ignore")
import forms.lazy_imports as lazy_imports

if sys.argv[1] == "eager":
    lazy_imports.UNUSED_BY_PDFS = frozenset()
before = set(sys.modules)
import forms.pdf
from forms import registry

CREATED = datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone(timedelta(hours=1)))


class Frozen(datetime):  # a blank PDF is dated now
    @classmethod
    def now(cls, tz=None):
        return CREATED if tz is None else CREATED.astimezone(tz)


forms.pdf.datetime = Frozen
digests = {}
for name, (form_id, answers, variant) in json.loads(sys.stdin.read()).items():
    module = registry.get_module(form_id)
    result = module.validate(answers)
    assert result.ok, (name, result.errors)
    extra = {"variant": variant} if variant else {}
    pdf = module.render(result.answers, created=CREATED, **extra)
    digests[name] = hashlib.sha256(pdf).hexdigest()
for form_id in registry.FORMS:
    module = registry.get_module(form_id)
    if hasattr(module, "render_blank"):
        digests["blank " + form_id] = hashlib.sha256(module.render_blank()).hexdigest()
listed = [n for n in sorted(lazy_imports.UNUSED_BY_PDFS) if n in sys.modules]
print(json.dumps({
    "digests": digests,
    "unrun": [n for n in listed if type(sys.modules[n]) is not types.ModuleType],
    "brought_in": [n for n in listed if n not in before],
}))
"""

# Uses every listed module that importing fpdf2 left unrun, and prints which still are.
USE = """
import json, sys, types, warnings

warnings.simplefilter("ignore")
import forms.pdf
from forms.lazy_imports import UNUSED_BY_PDFS

for name in sorted(UNUSED_BY_PDFS):
    getattr(sys.modules[name], "__name__")  # runs the module's code, and what it imports
print(json.dumps(sorted(n for n in UNUSED_BY_PDFS if type(sys.modules[n]) is not types.ModuleType)))
"""


def cases() -> dict[str, list]:
    """Every widget that prints: the example answers, each variant, and a long SIP-plan."""
    out: dict[str, list] = {"pdf-prov": ["pdf-prov", {"namn": "Åsa Öhman-Łukasik"}, None]}
    for form_id, make in VALID.items():
        out[form_id] = [form_id, make(), None]
        for variant in getattr(registry.get_module(form_id), "VARIANTS", {}):
            out[f"{form_id} {variant}"] = [form_id, make(), variant]
    out["sip-plan, 30 goals"] = ["sip-plan", valid_plan(mal=thirty_goal_rows()), None]
    return out


def run(code: str, *args: str, stdin: str = "") -> object:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_every_pdf_is_the_same_bytes_and_the_listed_modules_stay_unrun():
    """Filled (every variant) and blank, each PDF has the same sha256 with the lazy imports
    as without them; after all of them, every listed module that fpdf2's import brought in is
    still unrun (one that runs belongs off the list)."""
    stdin = json.dumps(cases())
    lazy = run(RENDER, "lazy", stdin=stdin)
    eager = run(RENDER, "eager", stdin=stdin)
    assert len(lazy["digests"]) >= 10
    assert lazy["digests"] == eager["digests"]
    assert eager["unrun"] == []
    assert lazy["brought_in"], "importing fpdf2 no longer imports any listed module"
    assert lazy["unrun"] == lazy["brought_in"]


def test_each_listed_module_still_runs_when_used():
    """A module left unrun imports cleanly the moment something uses it."""
    assert run(USE) == []

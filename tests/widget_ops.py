"""Every operation the widgets ask of Python, run in Pyodide under Node against a built Pyodide
folder (``tools/pyodide_ops.mjs``), and the same operations in CPython to compare with.

Used by ``tests/test_pyodide_imports.py`` (the trimmed standard library and fontTools hold
everything these operations import) and by ``tools/list_imports.py`` (which traces them).
The operations are what ``widgets.mjs`` sends to ``forms._browser.handle``: validate, pdf (each
variant), save, open (every PDF and answers file made here, in every widget; a broken
file, a foreign JSON file), assess (a case for every verdict), one unexpected failure (the
``fatal`` path, which prints a traceback), plus the worker's own warm-up and every blank PDF.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tools" / "pyodide_ops.mjs"
DEMO = {"namn": "Åsa Öhman-Łukasik"}


def _valid_answers() -> dict[str, list[dict]]:
    """Valid answers for every widget that prints (the tests' own examples)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers.answers import VALID
    from test_behov import case, child_case_in_varmland

    rich_case = child_case_in_varmland()
    return {
        "pdf-prov": [dict(DEMO)],
        "behovsbedomning": [rich_case, case("jonkoping")],
        **{form_id: [make()] for form_id, make in VALID.items()},
    }


def _assessment_cases() -> list[dict]:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_behov import VERDICT_CASES

    return [{}, {"lan": "kalmar"}, *(answers for _, answers, _, _ in VERDICT_CASES)]


def operations() -> list[dict]:
    """The requests, in order. ``file`` names the output of an earlier request (its index) or
    a file written by :func:`write_inputs`; ``raw`` is sent as it is instead of ``request``."""
    from forms.registry import FORMS, get_module

    valid = _valid_answers()
    ops: list[dict] = []

    def add(request: dict | None = None, **extra) -> int:
        ops.append({"request": request, **extra})
        return len(ops) - 1

    files: list[int] = []
    for form_id in FORMS:
        module = get_module(form_id)
        add({"op": "validate", "form": form_id, "answers": {}})
        if hasattr(module, "assess"):
            for answers in _assessment_cases():
                add({"op": "assess", "form": form_id, "answers": answers})
        if not hasattr(module, "render"):
            continue
        add({"op": "pdf", "form": form_id, "answers": {}})
        for answers in valid[form_id]:
            add({"op": "validate", "form": form_id, "answers": answers})
            for variant in [None, *getattr(module, "VARIANTS", {})]:
                extra = {"variant": variant} if variant else {}
                files.append(add({"op": "pdf", "form": form_id, "answers": answers, **extra}))
            files.append(add({"op": "save", "form": form_id, "answers": answers}))
    for form_id in FORMS:
        for index in [*files, "garbage.pdf", "foreign.json", "empty.json"]:
            add({"op": "open", "form": form_id}, file=index)
    add(raw="this is not JSON")  # handle() answers {"fatal": …} and prints the traceback
    return ops


def write_inputs(work: Path) -> Path:
    """Write the requests and the files they open into ``work``; returns the requests file."""
    (work / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    (work / "foreign.json").write_text('{"format": "något annat", "svar": {}}', "utf-8")
    (work / "empty.json").write_bytes(b"")
    target = work / "requests.json"
    target.write_text(
        json.dumps({"modes": modes(), "ops": operations()}, ensure_ascii=False), "utf-8"
    )
    return target


def modes() -> dict[str, str]:
    """Each widget's mode as its page starts the worker (``macros.widgets.mode_of``)."""
    from forms.registry import FORMS, get_module

    return {f: "assess" if hasattr(get_module(f), "assess") else "pdf" for f in FORMS}


def run_in_pyodide(
    folder: Path, work: Path, *extra: str, timeout: float = 900
) -> subprocess.CompletedProcess:
    """Run the operations in Pyodide under Node from the Pyodide folder ``folder``; the
    results are in ``work/results.json`` (see ``tools/pyodide_ops.py``)."""
    write_inputs(work)
    return subprocess.run(
        ["node", str(RUNNER), str(folder), str(work), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_in_cpython(work: Path) -> dict:
    """The same operations through ``forms._browser.handle`` in this Python, as
    ``tools/pyodide_ops.py`` reports them: ``{"results": [...], "blanks": {...}}``."""
    from forms import _browser, registry

    outputs: dict[int, bytes] = {}
    results = []
    requests = json.loads((work / "requests.json").read_text("utf-8"))
    for index, op in enumerate(requests["ops"]):
        data = None
        if op.get("file") is not None:
            name = op["file"]
            data = outputs[name] if isinstance(name, int) else (work / name).read_bytes()
        raw = op["raw"] if op.get("raw") is not None else json.dumps(op["request"])
        response, blob = _browser.handle(raw, data)
        if blob is not None:
            outputs[index] = blob
        kind = None if blob is None else "pdf" if blob[:5] == b"%PDF-" else "other"
        results.append({"response": json.loads(response), "file": kind})
    blanks = {
        form_id: registry.get_module(form_id).render_blank()[:5] == b"%PDF-"
        for form_id in registry.FORMS
        if hasattr(registry.get_module(form_id), "render_blank")
    }
    return {"results": results, "blanks": blanks}


def comparable(report: dict) -> dict:
    """A report with the dates taken out of file names (Node's clock may be in another zone)."""
    text = json.dumps(report, ensure_ascii=False, sort_keys=True)
    return json.loads(re.sub(r"\d{4}-\d{2}-\d{2}(\.(pdf|json))", r"DATE\1", text))

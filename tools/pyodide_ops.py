"""Runs inside Pyodide (``tools/pyodide_ops.mjs``): the widgets' operations, as the worker runs
them, read from ``requests.json`` (``tests/widget_ops.py``) and answered in ``results.json``.

It imports nothing the worker does not import (``json`` and ``forms``), so in a trimmed
standard library a missing module can only be one the portal itself needs.
"""

from __future__ import annotations

import json


def run(work: str) -> None:
    """Every request through ``forms._browser.handle``, then every blank PDF."""
    from forms import _browser, registry

    with open(f"{work}/requests.json", encoding="utf-8") as fh:
        ops = json.load(fh)["ops"]
    outputs: dict[int, bytes] = {}
    results: list[dict] = []
    for index, op in enumerate(ops):
        data = None
        if op.get("file") is not None:
            name = op["file"]
            if isinstance(name, int):
                data = outputs[name]
            else:
                with open(f"{work}/{name}", "rb") as fh:
                    data = fh.read()
        raw = op["raw"] if op.get("raw") is not None else json.dumps(op["request"])
        response, blob = _browser.handle(raw, data)
        if blob is not None:
            outputs[index] = blob
        kind = None if blob is None else "pdf" if blob[:5] == b"%PDF-" else "other"
        results.append({"response": json.loads(response), "file": kind})
    blanks = {}
    for form_id in registry.FORMS:
        module = registry.get_module(form_id)
        if hasattr(module, "render_blank"):
            blanks[form_id] = module.render_blank()[:5] == b"%PDF-"
    with open(f"{work}/results.json", "w", encoding="utf-8") as fh:
        json.dump({"results": results, "blanks": blanks}, fh, ensure_ascii=False)

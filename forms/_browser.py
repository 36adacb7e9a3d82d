"""The browser boundary: the one function the Web Worker calls.

``handle(request_json, data)`` takes a JSON request ``{"op": ..., "form": ..., "answers": ...}``
and optional file bytes, and returns ``(response_json, pdf_or_file_bytes_or_None)``.

Ops:
- ``validate``: ``{"errors": [...]}``
- ``pdf``: ``{"errors": [...]}`` or ``{"filename": ...}`` plus the PDF bytes
- ``assess``: ``{"assessment": {...}}`` (needs assessment)
- ``open``: read a PDF or answers file (``data``) with :func:`forms.saved.open_saved`;
  ``{"form": ..., "answers": {...}, "notices": [...]}`` or ``{"error": message}``
- ``save``: ``{"filename": ...}`` plus an answers file (JSON bytes)

Errors never escape as tracebacks: an unexpected exception becomes ``{"fatal": message}``
with the Swedish message the page and the worker use too (:data:`forms.messages.FATAL`), and
the traceback goes to the console only. The text of an exception reaches the page only for
:class:`forms.saved.OpenError`, whose messages are written in Swedish for the user.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import traceback
from datetime import datetime

from . import registry
from .messages import FATAL

# forms.pdf (and with it fpdf2 and fontTools) is imported only when first needed, so that a
# widget is ready as soon as its questions can be answered; see import_engine() and prime().


def _filename(title: str, when: datetime) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower().translate(str.maketrans("åäöé", "aaoe")))
    return f"{slug.strip('-')}-{when:%Y-%m-%d}"


def _errors(result) -> list[dict]:
    return [e.to_json() for e in result.errors]


def _handle(request: dict, data: bytes | None) -> tuple[dict, bytes | None]:
    op = request.get("op")
    form_id = request.get("form", "")
    answers = request.get("answers") or {}
    if op == "open":
        from .saved import OpenError, open_saved

        if data is None:
            return {"error": "Ingen fil valdes. Välj en PDF eller en svarsfil."}, None
        try:
            prefill, notices = open_saved(form_id, data)
        except OpenError as exc:
            return {"error": str(exc)}, None
        return {"form": form_id, "answers": prefill, "notices": notices}, None

    module = registry.get_module(form_id)
    if op == "assess":
        return {"assessment": module.assess(answers)}, None
    result = module.validate(answers)
    if op == "validate" or not result.ok:
        return {"errors": _errors(result)}, None
    now = datetime.now().astimezone()
    if op == "pdf":
        variant = request.get("variant")
        extra = {"variant": variant} if variant in getattr(module, "VARIANTS", {}) else {}
        pdf = module.render(result.answers, created=now, **extra)
        title = module.FORM.title + (f" {variant}" if extra else "")
        return {"errors": [], "filename": _filename(title, now) + ".pdf"}, pdf
    if op == "save":
        from .pdf import answers_file

        name = _filename(module.FORM.title, now) + ".json"
        return {"errors": [], "filename": name}, answers_file(form_id, result.answers)
    return {"fatal": FATAL}, None


def import_engine(form_id: str) -> None:
    """Import the widget's module and, for a widget that prints, the PDF engine (forms.pdf,
    fpdf2 and fontTools). The worker calls this just after reporting ready; a call that needs
    the engine waits for it."""
    if hasattr(registry.get_module(form_id), "render"):
        importlib.import_module(f"{__package__}.pdf")


def prime() -> None:
    """Make a small PDF and throw it away, so that the first "Skapa PDF" finds the fonts' code
    and the parts of fontTools a document reads already loaded. The worker calls this after
    :func:`import_engine` only when no call is waiting: a waiting call would only wait longer."""
    from .pdf import SipDocument

    doc = SipDocument("Uppvärmning")
    doc.paragraph("Åäö")
    doc.output()


def handle(request_json: str, data: bytes | None = None) -> tuple[str, bytes | None]:
    """Entry point for the worker: JSON in, ``(JSON, bytes or None)`` out. Never raises.

    ``data`` may be bytes or, from the worker, a JsProxy of a Uint8Array.
    """
    try:
        if data is not None and not isinstance(data, bytes):
            data = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)
        response, blob = _handle(json.loads(request_json), data)
    except Exception:
        traceback.print_exc(file=sys.stderr)
        response, blob = {"fatal": FATAL}, None
    return json.dumps(response, ensure_ascii=False), blob

"""Which widget id is served by which module.

A widget module defines ``FORM`` (a :class:`~forms.schema.Form`) and some of:

- ``validate(answers) -> Result``: errors, or the cleaned answers;
- ``render(answers, *, created=None) -> bytes``: the filled PDF (answers must be valid);
- ``render_blank() -> bytes``: the blank PDF for handwriting (built at build time);
- ``assess(answers) -> dict``: for widgets that answer instead of printing;
- ``from_saved(blankett, svar) -> dict``: answers to prefill from a reopened file.

Modules are imported on first use, so a page pays only for the widget it shows.
"""

from __future__ import annotations

import importlib
from types import ModuleType

FORMS: dict[str, str] = {
    "pdf-prov": "forms.demo",
    "behovsbedomning": "forms.behov",
    "kallelse": "forms.blanketter.kallelse",
    "sip-plan": "forms.blanketter.plan",
    "uppfoljning": "forms.blanketter.uppfoljning",
    "samtycke": "forms.blanketter.samtycke",
}


BLANK_PDF_DIR = "blanketter/pdf/"


def blank_pdf_path(form_id: str) -> str:
    """Where the site keeps the blank PDF of ``form_id``, relative to the site root."""
    return f"{BLANK_PDF_DIR}{form_id}-tom.pdf"


def get_module(form_id: str) -> ModuleType:
    try:
        return importlib.import_module(FORMS[form_id])
    except KeyError:
        raise KeyError(f"unknown widget {form_id!r}") from None


def get_form(form_id: str):
    return get_module(form_id).FORM

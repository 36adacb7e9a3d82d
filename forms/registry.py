"""Which widget id is served by which module, and what such a module provides.

The contract is written once, as the protocols below (tests/test_registry.py checks every
registered module against them): every widget module is a :class:`Widget`; it prints
(:class:`PrintsPdf`), answers on the page (:class:`Assesses`) or both; and it may offer a blank
form (:class:`PrintsBlank`), reopen saved files (:class:`Reopens`) and name PDF variants
(:class:`HasVariants`).

Modules are imported on first use, so a page pays only for the widget it shows.
"""

from __future__ import annotations

import importlib
from datetime import datetime
from types import ModuleType
from typing import Protocol

from .schema import Form, Result


class Widget(Protocol):
    """What every widget module provides."""

    FORM: Form  # the questions, from which the page's HTML and the validation are made

    def validate(self, answers: dict) -> Result:
        """Errors, or the cleaned answers."""
        ...


class PrintsPdf(Widget, Protocol):
    """A widget whose answers become a PDF."""

    def render(
        self, answers: dict, *, created: datetime | None = None, variant: str | None = None
    ) -> bytes:
        """The filled PDF; ``answers`` must be valid. ``variant`` is one of ``VARIANTS``."""
        ...


class Assesses(Widget, Protocol):
    """A widget that answers on the page instead of (or besides) printing."""

    def assess(self, answers: dict) -> dict:
        """Plain JSON, computed on every change; accepts partial answers, never raises."""
        ...


class PrintsBlank(Protocol):
    """A blankett printed blank for handwriting (built at build time)."""

    def render_blank(self) -> bytes:
        """The blank PDF."""
        ...


class Reopens(Protocol):
    """A widget that prefills itself from a file saved from this or another widget."""

    def from_saved(self, blankett: str, svar: dict) -> dict:
        """Answers to prefill; raises ``ValueError`` with a Swedish message."""
        ...


class HasVariants(Protocol):
    """A widget that prints its PDF in more than one way."""

    VARIANTS: dict[str, str]  # variant -> the button's Swedish label


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

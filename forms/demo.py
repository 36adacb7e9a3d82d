"""The demo widget: type a name, get a one-page PDF made by Python in the browser.

It proves the whole chain (schema -> HTML -> worker -> validation -> fpdf2 -> download) and is
the smallest example of a widget to copy.
"""

from __future__ import annotations

from datetime import datetime

from .schema import Field, Form, Section
from .validation import validate_form

FORM = Form(
    id="pdf-prov",
    title="Prova att skapa en PDF",
    intro="Skriv ett namn och skapa en PDF. Allt sker i din webbläsare.",
    sections=(
        Section(
            title="Vem ska stå i PDF:en?",
            items=(
                Field(
                    "namn",
                    "Namn",
                    hint="Till exempel Åsa Öhman-Łukasik. Namnet skickas inte någonstans.",
                    required=True,
                    autocomplete="off",
                    max_length=200,
                ),
            ),
        ),
    ),
)


def render(answers: dict, *, created: datetime | None = None, variant: str | None = None) -> bytes:
    """A one-page PDF greeting ``answers["namn"]``; the answers must be valid."""
    from .pdf import SipDocument

    if variant:
        raise ValueError(f"unknown variant {variant!r}")

    doc = SipDocument("Prov-PDF från SIP-portalen", created=created)
    doc.heading("Prov-PDF från SIP-portalen")
    doc.field("Namn", answers["namn"])
    doc.paragraph(
        "Den här PDF:en skapades i din webbläsare. Inget av det du skrev skickades till "
        "någon server."
    )
    doc.embed_answers(FORM.id, answers)
    return doc.output()


def validate(answers: dict):
    return validate_form(FORM, answers)

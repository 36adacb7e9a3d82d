"""Uppföljning och utvärdering av SIP: how each goal of the plan went and what happens next.

An uppföljning starts from a saved plan (:func:`from_saved`): the plan's date and version and
one row per goal. The decision is to continue, to revise the plan into a new version, or to end
the SIP with a reason; unless it ends, a next follow-up date is required.
"""

from __future__ import annotations

from datetime import datetime

from ..pdf import SipDocument
from ..schema import Field, Form, Option, Repeat, Result, Section, ShowIf
from ..validation import validate_form
from . import _checks, _fields, _render
from .plan import KONTAKTTYPER

RESULTAT = (
    Option("uppnatt", "Uppnått"),
    Option("delvis", "Delvis uppnått"),
    Option("inte", "Inte uppnått"),
)

BESLUT = (
    Option("fortsatt", "Fortsätt enligt planen"),
    Option("revidera", "Revidera planen till en ny version"),
    Option("avsluta", "Avsluta SIP"),
)

SKAL = (
    Option("malen_uppnadda", "Målen är uppnådda"),
    Option("behov_finns_inte", "Behovet av samordning finns inte längre"),
    Option("samtycke_aterkallat", "Personen har tagit tillbaka sitt samtycke"),
)

CONTINUES = ShowIf("beslut", ("fortsatt", "revidera"))

FORM = Form(
    id="uppfoljning",
    title="Uppföljning av SIP",
    intro=(
        "Följ upp planen tillsammans med personen: gå igenom varje mål, skriv hur det har gått "
        "och bestäm om planen ska fortsätta, ändras eller avslutas. Öppna den sparade planen, så "
        "fylls målen i åt dig."
    ),
    sections=(
        Section(
            title="Personen",
            items=(
                *_fields.PERSON,
            ),
        ),
        Section(
            title="Planen som följs upp",
            items=(
                Field("plan_datum", "Planens datum", kind="date", required=True, width="short"),
                Field(
                    "plan_version", "Planens version", required=True, max_length=4, width="short"
                ),
            ),
        ),
        Section(
            title="Uppföljningsmötet",
            items=(
                Field(
                    "datum", "Datum för uppföljningen", kind="date", required=True, width="short"
                ),
                Field("motesform", "Mötesform", kind="radio", options=KONTAKTTYPER),
                Repeat(
                    name="narvarande",
                    legend="Närvarande",
                    item_label="Närvarande",
                    add_label="Lägg till en person",
                    blank_items=8,
                    fields=(
                        Field("namn", "Namn", required=True, max_length=200),
                        Field("roll", "Roll eller verksamhet", required=True, max_length=200),
                    ),
                ),
            ),
        ),
        Section(
            title="Så har det gått med målen",
            hint="Ett mål per rad från planen. Skriv till personen, i du-form.",
            items=(
                Repeat(
                    name="mal",
                    legend="Mål",
                    item_label="Mål",
                    add_label="Lägg till mål",
                    blank_items=4,
                    fields=(
                        Field("mal", "Målet", kind="textarea", required=True, rows=2),
                        Field(
                            "resultat", "Resultat", kind="radio", required=True, options=RESULTAT
                        ),
                        Field(
                            "kommentar",
                            "Kommentar",
                            kind="textarea",
                            rows=2,
                            hint="Vad som har fungerat och vad som inte har fungerat.",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            title="Förändrade behov",
            items=(
                Field(
                    "behov",
                    "Har dina behov förändrats?",
                    kind="textarea",
                    rows=4,
                    hint="Nya behov, eller behov som inte finns längre.",
                ),
            ),
        ),
        Section(
            title="Beslut",
            items=(
                Field("beslut", "Beslut", kind="radio", required=True, options=BESLUT),
                Field(
                    "avslut_skal",
                    "Skäl till att SIP avslutas",
                    kind="radio",
                    required=True,
                    options=SKAL,
                    show_if=ShowIf("beslut", ("avsluta",)),
                ),
                Field(
                    "avslut_kommentar",
                    "Kommentar till avslutet",
                    kind="textarea",
                    rows=2,
                    show_if=ShowIf("beslut", ("avsluta",)),
                ),
            ),
        ),
        Section(
            title="Nästa uppföljning",
            show_if=CONTINUES,
            items=(
                Field(
                    "nasta_datum",
                    "Datum för nästa uppföljning",
                    kind="date",
                    required=True,
                    width="short",
                ),
                Field("nasta_plats", "Plats", max_length=300),
            ),
        ),
    ),
)


# -- validation ---------------------------------------------------------------------------------


def validate(answers: dict) -> Result:
    """Check the answers; the next follow-up must come after this meeting."""
    result = validate_form(FORM, answers)
    a = result.answers
    _checks.check_version(result, "plan_version")
    plan_date = _checks.as_date(a, "plan_datum")
    meeting = _checks.as_date(a, "datum")
    if plan_date and meeting and meeting < plan_date:
        _checks.add_error(result, "datum", "Uppföljningen kan inte vara före planens datum.")
    following = _checks.as_date(a, "nasta_datum")
    if meeting and following and following <= meeting:
        _checks.add_error(
            result,
            "nasta_datum",
            "Nästa uppföljning måste vara efter datumet för den här uppföljningen.",
        )
    return result


# -- PDF ----------------------------------------------------------------------------------------


def _header(doc: SipDocument, answers: dict) -> None:
    pairs = [
        ("Namn", answers.get("person_namn", "")),
        ("Personnummer eller samordningsnummer", answers.get("person_personnummer", "")),
        ("Planens datum", answers.get("plan_datum", "")),
        ("Planens version", answers.get("plan_version", "")),
    ]
    _render.print_grid(doc, pairs)


ORDER = [s.title for s in FORM.sections if s.title not in ("Personen", "Planen som följs upp")]


def render(answers: dict, *, created: datetime | None = None, variant: str | None = None) -> bytes:
    """The filled uppföljning (answers must be valid)."""
    if variant:
        raise ValueError(f"unknown variant {variant!r}")
    doc = _render.new_document(FORM, created=created)
    doc.heading(FORM.title, 1)
    _header(doc, answers)
    _render.render_filled(doc, FORM, answers, order=ORDER)
    doc.embed_answers(FORM.id, answers)
    return doc.output()


def render_blank() -> bytes:
    """The uppföljning for handwriting."""
    doc = _render.new_document(FORM, blank=True)
    _render.render_blank(
        doc,
        FORM,
        note=(
            "I Värmland har den samma syfte som Region Värmlands reservrutinblankett FOR-18147 "
            "(utvärdering av SIP), men den är inte den officiella blanketten."
        ),
    )
    return doc.output()


# -- reopening ----------------------------------------------------------------------------------


def from_saved(blankett_id: str, svar: dict) -> dict:
    """A saved uppföljning as it was, or a new one from a saved SIP-plan: its date and
    version, its follow-up date as the meeting date, and one row per goal."""
    if not isinstance(svar, dict):
        raise _checks.OpenError(_checks.NOT_OURS)
    if blankett_id == "uppfoljning":
        return dict(svar)
    if blankett_id == "sip-plan":
        goals = svar.get("mal") if isinstance(svar.get("mal"), list) else []
        return {
            "person_namn": svar.get("person_namn", ""),
            "person_personnummer": svar.get("person_personnummer", ""),
            "plan_datum": svar.get("datum", ""),
            "plan_version": svar.get("version", ""),
            "datum": svar.get("uppfoljning_datum", ""),
            "mal": [
                {"mal": goal.get("mal", ""), "resultat": "", "kommentar": ""}
                for goal in goals
                if isinstance(goal, dict)
            ],
        }
    raise _checks.OpenError(
        "Filen är ingen SIP-plan eller uppföljning. Välj en fil som du har sparat från "
        "blanketten SIP-plan."
    )

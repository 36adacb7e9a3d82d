"""Uppföljning och utvärdering av SIP: how each goal of the plan went and what happens next.

An uppföljning starts from a saved plan (:func:`from_saved`): the plan's date, version and
county and one row per goal. The decision is to continue, to revise the plan into a new version,
or to end the SIP with a reason; unless it ends, a next follow-up date is required. The county's
own lines on follow-up, and on ending (who ends it, who documents the ending), are printed with
their sources.
"""

from __future__ import annotations

from datetime import datetime

from ..pdf import SipDocument
from ..schema import Field, Form, Option, Repeat, Result, Section, ShowIf
from ..validation import validate_form
from . import _checks, _fields, _render
from ._format import date_text
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
            items=(*_fields.PERSON,),
        ),
        Section(
            title="Planen som följs upp",
            items=(
                Field("plan_datum", "Planens datum", kind="date", required=True, width="short"),
                Field(
                    "plan_version", "Planens version", required=True, max_length=4, width="short"
                ),
                _fields.lan_field(
                    "Blanketten skriver ut det som länets dokument säger om uppföljning och avslut."
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
    _checks.check_order(
        result,
        plan_date,
        meeting,
        "datum",
        "Uppföljningen kan inte vara före planens datum.",
        same_ok=True,
    )
    _checks.check_order(
        result,
        meeting,
        _checks.as_date(a, "nasta_datum"),
        "nasta_datum",
        "Nästa uppföljning måste vara efter datumet för den här uppföljningen.",
    )
    return result


# -- PDF ----------------------------------------------------------------------------------------


def _header(answers: dict) -> list[tuple[str, str]]:
    pairs = [
        ("Namn", answers.get("person_namn", "")),
        ("Personnummer eller samordningsnummer", answers.get("person_personnummer", "")),
        ("Planens datum", date_text(answers.get("plan_datum", ""))),
        ("Planens version", answers.get("plan_version", "")),
    ]
    lan = _render.option_label(FORM.item("lan"), answers.get("lan", ""))
    if lan:
        pairs.append(("Län", lan))
    return pairs


def county_lines(answers: dict, amne: str) -> list[tuple[str, str]]:
    """The county's own lines on follow-up (``"uppfoljning"``) or on ending (``"avslut"``),
    each with its source."""
    return _fields.county_lines(answers.get("lan", ""), "uppfoljning", amne)


def _decision(doc: SipDocument, answers: dict) -> None:
    """The decision, then what the county's documents say about it: on ending, who ends the
    SIP and who documents the ending; otherwise, how a plan is followed up and revised."""
    fields = [FORM.item(name) for name in ("beslut", "avslut_skal", "avslut_kommentar")]
    _render.print_fields(doc, fields, answers)
    ending = answers.get("beslut") == "avsluta"
    _render.county_notes(doc, county_lines(answers, "avslut" if ending else "uppfoljning"))


def _skip(doc: SipDocument, answers: dict) -> None:
    """Printed with the decision."""


CUSTOM: dict[str, _render.CustomFilled] = {
    "beslut": _decision,
    "avslut_skal": _skip,
    "avslut_kommentar": _skip,
}


ORDER = [s.title for s in FORM.sections if s.title not in ("Personen", "Planen som följs upp")]


def render(answers: dict, *, created: datetime | None = None, variant: str | None = None) -> bytes:
    """The filled uppföljning (answers must be valid)."""
    return _render.render_document(
        FORM,
        answers,
        created=created,
        variant=variant,
        header=_header(answers),
        order=ORDER,
        custom=CUSTOM,
    )


def _blank_decision(doc: SipDocument) -> None:
    """The decision to tick, then what each county's documents say about follow-up and
    ending."""
    fld = FORM.item("beslut")
    doc.label(f"{fld.label} (kryssa i ett alternativ)")
    doc.tick_boxes([o.label for o in fld.options])
    doc.small("Det här säger länens dokument om uppföljning och avslut:")
    _render.blank_county_notes(doc, "uppfoljning", "uppfoljning", "avslut")


def render_blank() -> bytes:
    """The uppföljning for handwriting."""
    doc = _render.new_document(FORM, blank=True)
    _render.render_blank(
        doc,
        FORM,
        note=_render.paper_county_note("uppfoljning"),
        custom={"beslut": _blank_decision},
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
            "lan": svar.get("lan", ""),
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

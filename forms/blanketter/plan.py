"""SIP-plan: the samordnad individuell plan itself, written to the person in du-form.

It holds what a plan must say: the needs and goals, the insatser for each goal with who is
responsible and when, what the person and närstående do themselves, what others than the kommun
and the region do, what happens if the situation gets worse, who coordinates, how the plan is
followed up, the consent to share information, and who approved it. A saved plan reopens as its
next version (:func:`from_saved`).
"""

from __future__ import annotations

from datetime import datetime

from ..pdf import SipDocument
from ..schema import Field, Form, Option, Repeat, Result, Section
from ..validation import validate_form
from . import _checks, _fields, _render

KONTAKTTYPER = (
    Option("hembesok", "Hembesök"),
    Option("mote", "Möte på plats"),
    Option("digitalt", "Digitalt möte"),
    Option("hybrid", "Hybridmöte"),
    Option("telefon", "Telefonmöte"),
)

DU_FORM = "Skriv till personen, i du-form."

FORM = Form(
    id="sip-plan",
    title="Samordnad individuell plan (SIP)",
    intro=(
        "Planen är personens egen. Skriv den till personen, i du-form, med enkla ord: "
        "\u201dDu ska få hjälp med …\u201d. Den som kallade till mötet skriver början av planen, "
        "till och med det övergripande målet. Varje verksamhet fyller i sina egna insatser."
    ),
    sections=(
        Section(
            title="Personen",
            items=(
                *_fields.PERSON,
            ),
        ),
        Section(
            title="Om planen",
            items=(
                Field("datum", "Datum för planen", kind="date", required=True, width="short"),
                Field(
                    "version",
                    "Version",
                    required=True,
                    max_length=4,
                    width="short",
                    hint="1 för den första planen. Vid uppföljning blir det en ny version.",
                ),
                Field(
                    "kontakttyp",
                    "Kontakttyp",
                    kind="radio",
                    options=KONTAKTTYPER,
                    hint="Hur mötet där planen gjordes hölls.",
                ),
            ),
        ),
        Section(
            title="Närvarande",
            items=(
                Repeat(
                    name="narvarande",
                    legend="Närvarande på mötet",
                    item_label="Närvarande",
                    add_label="Lägg till en person",
                    blank_items=8,
                    fields=(
                        Field("namn", "Namn", required=True, max_length=200),
                        Field(
                            "roll",
                            "Roll eller verksamhet",
                            required=True,
                            max_length=200,
                            hint="Till exempel du själv, din dotter, fysioterapeut på "
                            "vårdcentralen.",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            title="Vad är viktigt för dig?",
            items=(
                Field(
                    "berattelse",
                    "Din berättelse",
                    kind="textarea",
                    required=True,
                    rows=6,
                    hint=(
                        "Personens egen beskrivning av sin situation och vad som är viktigt. "
                        "Skriv till personen: \u201dDu berättar att du …\u201d"
                    ),
                ),
            ),
        ),
        Section(
            title="Ditt övergripande mål",
            items=(
                Field(
                    "huvudmal",
                    "Övergripande mål",
                    kind="textarea",
                    required=True,
                    rows=3,
                    hint="Det som alla insatser ska leda till. Skriv till personen: "
                    "\u201dDu ska kunna bo kvar hemma.\u201d",
                ),
            ),
        ),
        Section(
            title="Mål och insatser",
            hint="Lägg till så många mål som behövs. Håll varje mål enkelt och konkret.",
            items=(
                Repeat(
                    name="mal",
                    legend="Mål",
                    item_label="Mål",
                    add_label="Lägg till mål",
                    blank_items=3,
                    fields=(
                        Field(
                            "mal",
                            "Målet",
                            kind="textarea",
                            required=True,
                            rows=2,
                            hint="Skriv till personen: \u201dDu ska få …\u201d",
                        ),
                        Field(
                            "insatser",
                            "Insatser – det här ska göras",
                            kind="textarea",
                            required=True,
                            rows=3,
                            hint="Vad som ska göras för att nå målet. " + DU_FORM,
                        ),
                        Field(
                            "ansvarig",
                            "Ansvarig",
                            required=True,
                            max_length=200,
                            hint="Namn, yrke och verksamhet.",
                        ),
                        Field("start", "Start", kind="date", width="short"),
                        Field("klart", "Klart", kind="date", width="short"),
                    ),
                ),
            ),
        ),
        Section(
            title="Det här gör du själv",
            items=(
                Field(
                    "egna_insatser",
                    "Det här gör du och dina närstående",
                    kind="textarea",
                    rows=3,
                    hint="Till exempel: \u201dDu tränar balans varje dag. Din dotter handlar "
                    "på fredagar.\u201d",
                ),
            ),
        ),
        Section(
            title="Insatser från andra",
            items=(
                Field(
                    "andra_insatser",
                    "Insatser från andra än kommunen och regionen",
                    kind="textarea",
                    rows=3,
                    hint="Till exempel Försäkringskassan, Arbetsförmedlingen, skolan eller en "
                    "frivilligorganisation.",
                ),
            ),
        ),
        Section(
            title="Om det blir sämre",
            items=(
                Field(
                    "kris",
                    "Det här gör du om din situation blir sämre",
                    kind="textarea",
                    rows=4,
                    hint="Vilka tecken ni ska vara uppmärksamma på, vem du ringer och vad som "
                    "händer då, även kvällar och helger. " + DU_FORM,
                ),
            ),
        ),
        Section(
            title="Samordning och kontaktpersoner",
            items=(
                Field(
                    "samordningsansvarig_namn",
                    "Samordningsansvarig",
                    required=True,
                    max_length=200,
                    hint="Den som har det övergripande ansvaret för planen och kallar till "
                    "uppföljning.",
                ),
                Field(
                    "samordningsansvarig_verksamhet",
                    "Samordningsansvarigs verksamhet",
                    required=True,
                    max_length=200,
                ),
                Field(
                    "samordningsansvarig_telefon",
                    "Samordningsansvarigs telefon",
                    kind="tel",
                    width="half",
                ),
                Repeat(
                    name="kontaktpersoner",
                    legend="Dina kontaktpersoner",
                    item_label="Kontaktperson",
                    add_label="Lägg till kontaktperson",
                    min_items=0,
                    blank_items=4,
                    fields=(
                        Field("namn", "Namn", required=True, max_length=200),
                        Field("verksamhet", "Verksamhet", max_length=200),
                        Field("telefon", "Telefon", kind="tel", width="half"),
                    ),
                ),
            ),
        ),
        Section(
            title="Delade meningar",
            items=(
                Field(
                    "oenighet",
                    "Det här är ni inte överens om",
                    kind="textarea",
                    rows=3,
                    hint="Skriv om någon, också du själv, tycker annorlunda om ett mål eller "
                    "en insats.",
                ),
            ),
        ),
        Section(
            title="Uppföljning",
            items=(
                Field(
                    "uppfoljning_datum",
                    "Datum för uppföljning",
                    kind="date",
                    required=True,
                    width="short",
                ),
                Field("uppfoljning_plats", "Plats", max_length=300),
                Field("uppfoljning_form", "Mötesform", kind="radio", options=KONTAKTTYPER),
            ),
        ),
        Section(
            title="Samtycke till informationsöverföring",
            hint="Fyll i om personen har samtyckt till att information lämnas mellan parterna.",
            items=(
                Field(
                    "samtycke_parter",
                    "Mellan vilka parter får information lämnas?",
                    kind="textarea",
                    rows=2,
                    max_length=2000,
                ),
                Field(
                    "samtycke_information",
                    "Vilken information får lämnas?",
                    kind="textarea",
                    rows=2,
                    max_length=2000,
                ),
                Field(
                    "samtycke_giltig_till",
                    "Samtycket gäller till och med",
                    kind="date",
                    width="short",
                ),
            ),
        ),
        Section(
            title="Godkännande",
            items=(
                Field("godkand_datum", "Datum då planen godkändes", kind="date", width="short"),
                Field(
                    "godkand_av",
                    "Godkänd av",
                    max_length=300,
                    hint="Till exempel du och samordningsansvarig.",
                ),
            ),
        ),
    ),
)


# -- validation ---------------------------------------------------------------------------------


def validate(answers: dict) -> Result:
    """Check the answers, including dates that must come after the plan's date."""
    result = validate_form(FORM, answers)
    a = result.answers
    _checks.check_version(result, "version")
    plan_date = _checks.as_date(a, "datum")
    follow_up = _checks.as_date(a, "uppfoljning_datum")
    if plan_date and follow_up and follow_up <= plan_date:
        _checks.add_error(
            result, "uppfoljning_datum", "Uppföljningen måste vara efter planens datum."
        )
    valid_until = _checks.as_date(a, "samtycke_giltig_till")
    if plan_date and valid_until and valid_until <= plan_date:
        _checks.add_error(
            result, "samtycke_giltig_till", "Samtycket måste gälla längre än till planens datum."
        )
    approved = _checks.as_date(a, "godkand_datum")
    if plan_date and approved and approved < plan_date:
        _checks.add_error(
            result, "godkand_datum", "Planen kan inte godkännas före sitt eget datum."
        )
    for index, goal in enumerate(a.get("mal") or []):
        start, done = _checks.as_date(goal, "start"), _checks.as_date(goal, "klart")
        if start and done and done < start:
            _checks.add_error(
                result, f"mal.{index}.klart", "Klart-datumet kan inte vara före startdatumet."
            )
    return result


# -- PDF ----------------------------------------------------------------------------------------


def _header(doc: SipDocument, answers: dict) -> None:
    kontakt = _render.option_label(FORM.item("kontakttyp"), answers.get("kontakttyp", ""))
    pairs = [
        ("Namn", answers.get("person_namn", "")),
        ("Personnummer eller samordningsnummer", answers.get("person_personnummer", "")),
        ("Datum för planen", answers.get("datum", "")),
        ("Version", answers.get("version", "")),
    ]
    if kontakt:
        pairs.append(("Kontakttyp", kontakt))
    _render.print_grid(doc, pairs)


ORDER = [s.title for s in FORM.sections if s.title not in ("Personen", "Om planen")]


def render(answers: dict, *, created: datetime | None = None, variant: str | None = None) -> bytes:
    """The filled plan (answers must be valid)."""
    if variant:
        raise ValueError(f"unknown variant {variant!r}")
    doc = _render.new_document(FORM, created=created)
    doc.heading(FORM.title, 1)
    _header(doc, answers)
    doc.paragraph(
        "Det här är din plan. Här står vad som är viktigt för dig, vilka mål du har och vem "
        "som gör vad för att du ska nå dem."
    )
    _render.render_filled(doc, FORM, answers, order=ORDER)
    doc.embed_answers(FORM.id, answers)
    return doc.output()


def render_blank() -> bytes:
    """The plan for handwriting."""
    doc = _render.new_document(FORM, blank=True)
    _render.render_blank(
        doc,
        FORM,
        note=(
            "I Värmland har den samma syfte som Region Värmlands reservrutinblankett FOR-18144 "
            "(samordnad individuell plan), men den är inte den officiella blanketten."
        ),
    )
    return doc.output()


# -- reopening ----------------------------------------------------------------------------------

# Answers that belong to one version only and are cleared in the next.
PER_VERSION = ("datum", "godkand_datum", "godkand_av", "uppfoljning_datum")


def from_saved(blankett_id: str, svar: dict) -> dict:
    """A saved plan as its next version: version + 1, and the plan date, approval and
    follow-up date cleared, so the plan can be revised at the follow-up meeting. A version
    that is no whole number is kept as it was, so that the form asks for a number."""
    if blankett_id != "sip-plan" or not isinstance(svar, dict):
        raise _checks.OpenError(
            "Filen är ingen SIP-plan. Välj en PDF eller fil som du har sparat från blanketten "
            "SIP-plan."
        )
    answers = dict(svar)
    version = _checks.as_version(svar.get("version"))
    if version:
        answers["version"] = str(version + 1)
    elif svar.get("version") in (None, ""):
        answers["version"] = "2"
    for key in PER_VERSION:
        answers[key] = ""
    return answers

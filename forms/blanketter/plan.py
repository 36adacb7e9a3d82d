"""SIP-plan: the samordnad individuell plan itself, written to the person in du-form.

It holds what the county documents ask a plan to say: what matters to the person and the needs
in the person's words, the overall goal and each goal marked long- or short-term, the insatser
for each goal with the huvudman that answers for them, who is responsible and when, what the
person and närstående do themselves, what others than the kommun and the region do, a plan for
possible and expected situations (and for a worse one), who coordinates (in the kinds the county
names), where and when the plan is followed up, who has received the plan with the person's
consent to each copy, the consent to share information, and who approved it. The county's own
lines (who gets the plan, 1177) are printed with their sources. A saved plan reopens as its next
version (:func:`from_saved`).
"""

from __future__ import annotations

from datetime import datetime

from .. import lan as registry
from ..pdf import SipDocument
from ..schema import Field, Form, Option, Repeat, Result, Section, ShowIf
from ..validation import validate_form
from . import _checks, _fields, _render
from ._format import date_text, time_text

KONTAKTTYPER = (
    Option("hembesok", "Hembesök"),
    Option("mote", "Möte på plats"),
    Option("digitalt", "Digitalt möte"),
    Option("hybrid", "Hybridmöte"),
    Option("telefon", "Telefonmöte"),
)

DU_FORM = "Skriv till personen, i du-form."

SIKT = (
    Option("kort", "Kortsiktigt mål"),
    Option("lang", "Långsiktigt mål"),
)

HUVUDMAN = (
    Option("kommun", "Kommunen"),
    Option("region", "Regionen"),
    Option("skola", "Skolan"),
    Option("annan", "Annan", "Till exempel Försäkringskassan eller en frivilligorganisation."),
)

SITUATION = (
    Option("forvantad", "Förväntad", "Den kommer att hända, till exempel en flytt."),
    Option("mojlig", "Möjlig", "Den kan hända, till exempel att du blir sjuk."),
)

MOTTAGARE = (
    Option("narstaende", "Närstående"),
    Option("foretradare", "Legal företrädare eller vårdnadshavare"),
    Option("utan_cosmic_link", "Deltagare som inte har Cosmic Link"),
    Option("annan", "Annan"),
)

# The kinds of samordningsansvarig a county's documents may name (forms.lan.CHOICES).
SAMORDNINGSANSVARIG = {
    "fast_vardkontakt": "Fast vårdkontakt med samordningsansvar",
    "samordnare": "Samordnare",
}
NAMES_KINDS = tuple(
    c.id for c in registry.registry().counties.values() if c.choice("samordningsansvarig")
)

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
            items=(*_fields.PERSON,),
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
                _fields.lan_field(
                    "Planen skriver ut det som länets dokument säger om till exempel vem som "
                    "får planen."
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
                Field(
                    "behov",
                    "Dina behov",
                    kind="textarea",
                    required=True,
                    rows=4,
                    hint=(
                        "Alla behov som planen ska samla, med personens egna ord så långt det "
                        "går: \u201dDu behöver hjälp att …\u201d"
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
                            "sikt",
                            "Kortsiktigt eller långsiktigt mål?",
                            kind="radio",
                            required=True,
                            options=SIKT,
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
                            "huvudman",
                            "Huvudman som ansvarar för insatserna",
                            kind="select",
                            required=True,
                            options=HUVUDMAN,
                            width="half",
                        ),
                        Field(
                            "huvudman_annan",
                            "Vem är huvudman?",
                            required=True,
                            max_length=200,
                            show_if=ShowIf("huvudman", ("annan",)),
                            width="half",
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
            title="Handlingsplan för möjliga och förväntade situationer",
            hint=(
                "Vad händer när något väntat inträffar, till exempel en flytt eller att en "
                "anhörig reser bort, och när något oväntat händer?"
            ),
            items=(
                Repeat(
                    name="situationer",
                    legend="Situationer",
                    item_label="Situation",
                    add_label="Lägg till situation",
                    min_items=0,
                    blank_items=3,
                    fields=(
                        Field(
                            "situation",
                            "Situationen",
                            kind="textarea",
                            required=True,
                            rows=2,
                            max_length=1000,
                            hint="Till exempel: \u201dDin dotter reser bort i juli.\u201d",
                        ),
                        Field(
                            "typ",
                            "Förväntad eller möjlig?",
                            kind="radio",
                            required=True,
                            options=SITUATION,
                        ),
                        Field(
                            "atgard",
                            "Det här gör ni då",
                            kind="textarea",
                            required=True,
                            rows=2,
                            max_length=1000,
                            hint=DU_FORM,
                        ),
                        Field("kontakt", "Vem du kontaktar", max_length=200),
                    ),
                ),
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
                    "samordningsansvarig_typ",
                    "Den samordningsansvariga är",
                    kind="radio",
                    required=True,
                    options=tuple(Option(k, v) for k, v in SAMORDNINGSANSVARIG.items()),
                    show_if=ShowIf("lan", NAMES_KINDS),
                    hint="Länets dokument säger vilken roll den samordningsansvariga har.",
                ),
                Field(
                    "samordningsansvarig_verksamhet",
                    "Den samordningsansvarigas verksamhet",
                    required=True,
                    max_length=200,
                ),
                Field(
                    "samordningsansvarig_huvudman",
                    "Huvudman med det övergripande ansvaret för planen",
                    kind="radio",
                    required=True,
                    options=HUVUDMAN[:3],
                ),
                Field(
                    "samordningsansvarig_telefon",
                    "Den samordningsansvarigas telefon",
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
                Field("uppfoljning_tid", "Tid", kind="time", width="short"),
                Field(
                    "uppfoljning_plats",
                    "Plats",
                    required=True,
                    max_length=300,
                    hint="Till exempel hemma hos dig, eller digitalt möte.",
                ),
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
        Section(
            title="Vem får planen",
            hint=(
                "Personen får alltid planen. Andra får den bara om personen har sagt ja till "
                "det. Skriv vilka som har fått en kopia."
            ),
            items=(
                Field("lamnad_datum", "Datum då du fick planen", kind="date", width="short"),
                Repeat(
                    name="mottagare",
                    legend="Andra som har fått planen",
                    item_label="Mottagare",
                    add_label="Lägg till mottagare",
                    min_items=0,
                    blank_items=4,
                    fields=(
                        Field("namn", "Namn", required=True, max_length=200),
                        Field(
                            "roll",
                            "Vem är det?",
                            kind="select",
                            required=True,
                            options=MOTTAGARE,
                            width="half",
                        ),
                        Field(
                            "samtycke",
                            "Du har sagt ja till att hen får planen",
                            kind="checkbox",
                        ),
                        Field("datum", "Datum", kind="date", width="short"),
                    ),
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
    _checks.check_order(
        result,
        plan_date,
        _checks.as_date(a, "uppfoljning_datum"),
        "uppfoljning_datum",
        "Uppföljningen måste vara efter planens datum.",
    )
    _checks.check_order(
        result,
        plan_date,
        _checks.as_date(a, "samtycke_giltig_till"),
        "samtycke_giltig_till",
        "Samtycket måste gälla längre än till planens datum.",
    )
    _checks.check_order(
        result,
        plan_date,
        _checks.as_date(a, "godkand_datum"),
        "godkand_datum",
        "Planen kan inte godkännas före sitt eget datum.",
        same_ok=True,
    )
    for index, goal in enumerate(a.get("mal") or []):
        _checks.check_order(
            result,
            _checks.as_date(goal, "start"),
            _checks.as_date(goal, "klart"),
            f"mal.{index}.klart",
            "Klart-datumet kan inte vara före startdatumet.",
            same_ok=True,
        )
    for index, row in enumerate(a.get("mottagare") or []):
        if row.get("samtycke") is not True:
            _checks.add_error(
                result,
                f"mottagare.{index}.samtycke",
                "Personen behöver säga ja till att den här mottagaren får planen. Kryssa i "
                "rutan när personen har sagt ja, eller ta bort mottagaren.",
            )
    kind = a.get("samordningsansvarig_typ")
    named = kinds(a.get("lan", ""))
    if kind and kind not in named:
        _checks.add_error(
            result,
            "samordningsansvarig_typ",
            "Välj en roll som länets dokument nämner: "
            + " eller ".join(SAMORDNINGSANSVARIG[k].lower() for k in named)
            + ".",
        )
    return result


def kinds(lan: str) -> tuple[str, ...]:
    """The kinds of samordningsansvarig the county's documents name (none: any person)."""
    county = registry.registry().counties.get(lan)
    choice = county.choice("samordningsansvarig") if county else None
    return choice.values if choice else ()


# -- PDF ----------------------------------------------------------------------------------------


def _header(answers: dict) -> list[tuple[str, str]]:
    kontakt = _render.option_label(FORM.item("kontakttyp"), answers.get("kontakttyp", ""))
    pairs = [
        ("Namn", answers.get("person_namn", "")),
        ("Personnummer eller samordningsnummer", answers.get("person_personnummer", "")),
        ("Datum för planen", date_text(answers.get("datum", ""))),
        ("Version", answers.get("version", "")),
    ]
    if kontakt:
        pairs.append(("Kontakttyp", kontakt))
    lan = _render.option_label(FORM.item("lan"), answers.get("lan", ""))
    if lan:
        pairs.append(("Län", lan))
    return pairs


def responsibility_rows(answers: dict) -> list[list[str]]:
    """One row per goal: the goal (long- or short-term), the huvudman, who is responsible."""
    goal = FORM.item("mal")
    sikt, huvudman = goal.fields[1], goal.fields[3]
    rows = []
    for number, row in enumerate(answers.get("mal") or [], start=1):
        who = row.get("huvudman_annan") if row.get("huvudman") == "annan" else ""
        rows.append(
            [
                f"Mål {number}, {_render.option_label(sikt, row.get('sikt', '')).lower()}",
                who or _render.option_label(huvudman, row.get("huvudman", "")),
                row.get("ansvarig", ""),
            ]
        )
    return rows


def _goals(doc: SipDocument, answers: dict) -> None:
    """Every goal under its number, then who answers for what, goal by goal."""
    repeat = FORM.item("mal")
    rows = answers.get("mal") or []
    _render.print_repeat(doc, repeat, rows)
    if rows:
        doc.heading("Vem ansvarar för vad", 3)
        doc.table(["Mål", "Huvudman", "Ansvarig"], responsibility_rows(answers), [2, 2, 3])


def _coordinator_kind(doc: SipDocument, answers: dict) -> None:
    """The kind of samordningsansvarig, with the county document that names the kinds."""
    fld = FORM.item("samordningsansvarig_typ")
    value = answers.get("samordningsansvarig_typ")
    county = registry.registry().counties.get(answers.get("lan", ""))
    choice = county.choice("samordningsansvarig") if county else None
    if not value or choice is None:
        return
    doc.field(fld.label, _render.option_label(fld, value))
    doc.small(f"Källa: {choice.kalla.citation}.")


def _recipients(doc: SipDocument, answers: dict) -> None:
    """Who has received the plan, each copy with the person's yes, then the county's lines."""
    repeat = FORM.item("mottagare")
    rows = [
        {**row, "samtycke": "Ja" if row.get("samtycke") is True else "Nej"}
        for row in answers.get("mottagare") or []
    ]
    doc.heading(repeat.legend, 3)
    if rows:
        roll = repeat.fields[1]
        doc.table(
            ["Namn", "Vem", "Du har sagt ja", "Datum"],
            [
                [
                    r.get("namn", ""),
                    _render.option_label(roll, r.get("roll", "")),
                    r["samtycke"],
                    date_text(r.get("datum", "")),
                ]
                for r in rows
            ],
        )
    else:
        doc.paragraph("Ingen annan har fått planen.")
    _render.county_notes(doc, _fields.county_lines(answers.get("lan", ""), "plan", "planen"))


def _follow_up_time(doc: SipDocument, answers: dict) -> None:
    """The follow-up's date and time on one line, in words."""
    when = date_text(answers.get("uppfoljning_datum", ""))
    if answers.get("uppfoljning_tid"):
        when += f", {time_text(answers['uppfoljning_tid'])}"
    doc.field("Datum för uppföljning", when)


def _skip(doc: SipDocument, answers: dict) -> None:
    """Printed with another field."""


CUSTOM: dict[str, _render.CustomFilled] = {
    "mal": _goals,
    "samordningsansvarig_typ": _coordinator_kind,
    "mottagare": _recipients,
    "uppfoljning_datum": _follow_up_time,
    "uppfoljning_tid": _skip,
}

ORDER = [s.title for s in FORM.sections if s.title not in ("Personen", "Om planen")]


def render(answers: dict, *, created: datetime | None = None, variant: str | None = None) -> bytes:
    """The filled plan (answers must be valid)."""
    return _render.render_document(
        FORM,
        answers,
        created=created,
        variant=variant,
        header=_header(answers),
        intro=(
            "Det här är din plan. Här står vad som är viktigt för dig, vilka mål du har och "
            "vem som gör vad för att du ska nå dem."
        ),
        order=ORDER,
        custom=CUSTOM,
    )


def _blank_recipients(doc: SipDocument) -> None:
    repeat = FORM.item("mottagare")
    _render.blank_repeat(doc, repeat, as_table=True)
    doc.small("Det här säger länens dokument om vem som får planen:")
    _render.blank_county_notes(doc, "plan", "planen")


def _blank_coordinator_kind(doc: SipDocument) -> None:
    fld = FORM.item("samordningsansvarig_typ")
    counties = [registry.registry().county(c) for c in NAMES_KINDS]
    for county in counties:
        choice = county.choice("samordningsansvarig")
        doc.small(
            f"{county.namn}: kryssa i vilken roll den samordningsansvariga har. "
            f"Källa: {choice.kalla.short_citation}."
        )
    doc.label(f"{fld.label} (kryssa i ett alternativ)")
    doc.tick_boxes([o.label for o in fld.options])


def render_blank() -> bytes:
    """The plan for handwriting."""
    doc = _render.new_document(FORM, blank=True)
    _render.render_blank(
        doc,
        FORM,
        note=_render.paper_county_note("plan"),
        custom={
            "mottagare": _blank_recipients,
            "samordningsansvarig_typ": _blank_coordinator_kind,
        },
    )
    return doc.output()


# -- reopening ----------------------------------------------------------------------------------

# Answers that belong to one version only and are cleared in the next.
PER_VERSION = (
    "datum",
    "godkand_datum",
    "godkand_av",
    "uppfoljning_datum",
    "uppfoljning_tid",
    "lamnad_datum",
)


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
    answers["mottagare"] = []  # who received this version; the next one is handed out anew
    return answers

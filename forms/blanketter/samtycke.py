"""Samtycke till SIP: who consents, how, to what, between which parties, and until when.

The person consents, or a legal representative, or the vårdnadshavare (both of them when
custody is shared). For a child, the child's own view is recorded. The consent is written,
oral or, where the county's documents name it, presumed (underförstått); an oral or presumed
consent records who took it and where it is documented. The PDF prints the county's own lines
on consent with their sources, and always says, in plain words, that consent can be withdrawn
at any time and to whom; a written consent gets signature lines.
"""

from __future__ import annotations

from datetime import datetime

from .. import lan as registry
from ..pdf import SipDocument
from ..schema import Field, Form, Option, Repeat, Result, Section, ShowIf
from ..validation import validate_form
from . import _checks, _fields, _render

SAMTYCKE_AV = (
    Option("personen", "Personen själv"),
    Option("foretradare", "Legal företrädare", "God man, förvaltare eller annan företrädare."),
    Option("vardnadshavare", "Vårdnadshavare", "För ett barn under 18 år."),
)

FORETRADARE = (
    Option("god_man", "God man"),
    Option("forvaltare", "Förvaltare"),
    Option("annan", "Annan"),
)

VARDNAD = (
    Option("ensam", "En vårdnadshavare (ensam vårdnad)"),
    Option("gemensam", "Två vårdnadshavare (gemensam vårdnad)"),
)

OMFATTNING = (
    Option("sip_mote", "Att ett SIP-möte hålls och en plan görs"),
    Option("informationsoverforing", "Att information lämnas mellan parterna nedan"),
)

# How a consent is given; "presumerat" only where the county's documents name it
# (forms.lan.CHOICES, samtyckesform).
NAMES_PRESUMED = tuple(
    c.namn
    for c in sorted(registry.registry().counties.values(), key=lambda c: c.namn)
    if c.choice("samtyckesform") and "presumerat" in c.choice("samtyckesform").values
)
FORMER = (
    Option("muntligt", "Muntligt"),
    Option("skriftligt", "Skriftligt"),
    Option(
        "presumerat",
        "Underförstått (presumerat)",
        "Bara där länets dokument nämner det: " + ", ".join(NAMES_PRESUMED) + ".",
    ),
)
DEFAULT_FORMS = ("muntligt", "skriftligt")  # where the county's documents name no forms

SHARED = ShowIf("vardnad", ("gemensam",))
ORAL = ShowIf("form", ("muntligt", "presumerat"))

FORM = Form(
    id="samtycke",
    title="Samtycke till SIP",
    intro=(
        "Ett samtycke gäller bara det som står här: vilka parter, vilken information och hur "
        "länge. Det kan lämnas muntligt eller skriftligt. Ett muntligt samtycke ska "
        "dokumenteras, till exempel i journalen."
    ),
    sections=(
        Section(
            title="Personen som samtycket gäller",
            items=(
                *_fields.PERSON,
                Field("barn", "Personen är ett barn (under 18 år)", kind="checkbox"),
                _fields.lan_field(
                    "Blanketten skriver ut det som länets dokument säger om samtycke."
                ),
            ),
        ),
        Section(
            title="Vem lämnar samtycket?",
            items=(
                Field(
                    "samtycke_av",
                    "Samtycket lämnas av",
                    kind="radio",
                    required=True,
                    options=SAMTYCKE_AV,
                ),
            ),
        ),
        Section(
            title="Legal företrädare",
            show_if=ShowIf("samtycke_av", ("foretradare",)),
            items=(
                Field("foretradare_namn", "Företrädarens namn", required=True, max_length=200),
                Field(
                    "foretradare_typ",
                    "Typ av företrädare",
                    kind="radio",
                    required=True,
                    options=FORETRADARE,
                ),
                Field(
                    "foretradare_annan",
                    "Vilken sorts företrädare?",
                    required=True,
                    max_length=200,
                    show_if=ShowIf("foretradare_typ", ("annan",)),
                ),
                Field("foretradare_telefon", "Företrädarens telefon", kind="tel", width="half"),
            ),
        ),
        Section(
            title="Vårdnadshavare",
            show_if=ShowIf("samtycke_av", ("vardnadshavare",)),
            hint="Har barnet två vårdnadshavare ska båda samtycka.",
            items=(
                Field(
                    "vardnad",
                    "Hur många vårdnadshavare har barnet?",
                    kind="radio",
                    required=True,
                    options=VARDNAD,
                ),
                Field("vh1_namn", "Vårdnadshavare 1, namn", required=True, max_length=200),
                Field("vh1_telefon", "Vårdnadshavare 1, telefon", kind="tel", width="half"),
                Field("vh2_namn", "Vårdnadshavare 2, namn", max_length=200, show_if=SHARED),
                Field(
                    "vh2_telefon",
                    "Vårdnadshavare 2, telefon",
                    kind="tel",
                    width="half",
                    show_if=SHARED,
                ),
            ),
        ),
        Section(
            title="Barnets egen inställning",
            show_if=ShowIf("barn", ("true",)),
            hint=(
                "Barnet har rätt att få information och säga vad det tycker. Ju äldre och "
                "mognare barnet är, desto mer väger det barnet tycker."
            ),
            items=(
                Field(
                    "barnet_informerat",
                    "Har barnet fått information och fått säga sin mening?",
                    kind="radio",
                    required=True,
                    options=(Option("ja", "Ja"), Option("nej", "Nej")),
                ),
                Field(
                    "barnets_asikt",
                    "Vad tycker barnet?",
                    kind="textarea",
                    rows=3,
                    hint="Skriv med barnets egna ord så långt det går.",
                ),
            ),
        ),
        Section(
            title="Så lämnas samtycket",
            items=(
                Field(
                    "form",
                    "Samtycket är",
                    kind="radio",
                    required=True,
                    options=FORMER,
                ),
                Field("datum", "Datum för samtycket", kind="date", required=True, width="short"),
                Field(
                    "dokumenterat_av",
                    "Vem tog emot samtycket?",
                    required=True,
                    max_length=200,
                    show_if=ORAL,
                    hint="Namn, yrke och verksamhet.",
                ),
                Field(
                    "dokumenterat_var",
                    "Var är det dokumenterat?",
                    required=True,
                    max_length=200,
                    show_if=ORAL,
                    hint="Till exempel i personens journal eller i personakten.",
                ),
            ),
        ),
        Section(
            title="Vad samtycket gäller",
            items=(
                Field(
                    "omfattning",
                    "Personen samtycker till",
                    kind="checkboxes",
                    required=True,
                    options=OMFATTNING,
                ),
                Repeat(
                    name="parter",
                    legend="Parter som omfattas",
                    item_label="Part",
                    add_label="Lägg till part",
                    blank_items=5,
                    fields=(
                        Field(
                            "verksamhet",
                            "Verksamhet",
                            required=True,
                            max_length=200,
                            hint="Till exempel Vårdcentralen Centrum eller "
                            "socialtjänsten i Karlstads kommun.",
                        ),
                        Field("kontaktperson", "Kontaktperson", max_length=200),
                    ),
                ),
                Field(
                    "information",
                    "Vilken information får lämnas?",
                    kind="textarea",
                    required=True,
                    rows=3,
                    max_length=2000,
                    show_if=ShowIf("omfattning", ("informationsoverforing",)),
                    hint="Bara det som parterna behöver för sina insatser, till exempel "
                    "diagnoser, mediciner eller pågående insatser.",
                ),
                Field(
                    "giltig_till",
                    "Samtycket gäller till och med",
                    kind="date",
                    required=True,
                    width="short",
                ),
            ),
        ),
        Section(
            title="Ta tillbaka samtycket",
            items=(
                Field(
                    "aterkalla_till",
                    "Vem kontaktar personen för att ta tillbaka samtycket?",
                    required=True,
                    max_length=300,
                    hint="Namn, verksamhet och telefonnummer.",
                ),
            ),
        ),
    ),
)


# -- validation ---------------------------------------------------------------------------------


def validate(answers: dict) -> Result:
    """Check the answers: both guardians under shared custody, a future end date."""
    result = validate_form(FORM, answers)
    a = result.answers
    if a.get("barn") is True and a.get("samtycke_av") == "personen":
        _checks.add_error(
            result,
            "samtycke_av",
            "För ett barn under 18 år lämnar vårdnadshavarna samtycket. Välj Vårdnadshavare.",
        )
    if a.get("vardnad") == "gemensam" and not a.get("vh2_namn"):
        _checks.add_error(
            result,
            "vh2_namn",
            "Barnet har två vårdnadshavare. Båda ska samtycka, så fyll i vårdnadshavare 2.",
        )
    _checks.check_order(
        result,
        _checks.today(),
        _checks.as_date(a, "giltig_till"),
        "giltig_till",
        "Samtycket måste gälla framåt. Välj ett datum efter i dag.",
    )
    form, allowed = a.get("form"), forms(a.get("lan", ""))
    if form and form not in allowed:
        labels = [_render.option_label(FORM.item("form"), f).lower() for f in allowed]
        _checks.add_error(
            result,
            "form",
            "Länets dokument nämner inte det sättet att samtycka. Välj "
            + " eller ".join(labels)
            + ".",
        )
    return result


def forms(lan: str) -> tuple[str, ...]:
    """How a consent may be given in the county ``lan``: the forms its documents name, or
    oral and written where they name none."""
    county = registry.registry().counties.get(lan)
    choice = county.choice("samtyckesform") if county else None
    return choice.values if choice else DEFAULT_FORMS


def county_lines(answers: dict) -> list[tuple[str, str]]:
    """The county's own lines on consent that apply, each with its source."""
    return _fields.county_lines(
        answers.get("lan", ""), "samtycke", "samtycke", {"barn": answers.get("barn") is True}
    )


# -- PDF ----------------------------------------------------------------------------------------


def withdraw_text(contact: str) -> str:
    """The plain-language text on how to withdraw the consent."""
    text = "Du kan när som helst ta tillbaka ditt samtycke."
    if contact:
        return text + f" Kontakta: {contact}."
    return text + " Kontakta den som står här: ____________________________________________"


def consenting(answers: dict) -> list[str]:
    """The names of those who give the consent."""
    who = answers.get("samtycke_av")
    if who == "foretradare":
        return [answers.get("foretradare_namn", "")]
    if who == "vardnadshavare":
        names = [answers.get("vh1_namn", "")]
        if answers.get("vardnad") == "gemensam":
            names.append(answers.get("vh2_namn", ""))
        return names
    return [answers.get("person_namn", "")]


def _withdraw(doc: SipDocument, answers: dict) -> None:
    doc.notice(withdraw_text(answers.get("aterkalla_till", "")))


def _foretradare(doc: SipDocument, answers: dict) -> None:
    """Name, kind (or the kind typed under "Annan") and phone of the representative."""
    typ = answers.get("foretradare_typ", "")
    kind = FORM.item("foretradare_typ")
    assert isinstance(kind, Field)
    shown = (
        answers.get("foretradare_annan", "") if typ == "annan" else _render.option_label(kind, typ)
    )
    pairs = [
        ("Företrädarens namn", answers.get("foretradare_namn", "")),
        ("Typ av företrädare", shown),
    ]
    if answers.get("foretradare_telefon"):
        pairs.append(("Företrädarens telefon", answers["foretradare_telefon"]))
    doc.field_grid(pairs)


def _guardians(doc: SipDocument, answers: dict) -> None:
    """Each guardian's name and phone on a row of their own."""
    numbers = ("1", "2") if answers.get("vardnad") == "gemensam" else ("1",)
    for n in numbers:
        doc.field_grid(
            [
                (f"Vårdnadshavare {n}, namn", answers.get(f"vh{n}_namn", "")),
                (f"Vårdnadshavare {n}, telefon", answers.get(f"vh{n}_telefon", "")),
            ],
        )


def _skip(doc: SipDocument, answers: dict) -> None:
    """Printed together with another field."""


def _form(doc: SipDocument, answers: dict) -> None:
    """How the consent was given, then what the county's documents say about consent."""
    fld = FORM.item("form")
    doc.field(fld.label, _render.display_value(fld, answers.get("form")))
    _render.county_notes(doc, county_lines(answers))


def _vardnad(doc: SipDocument, answers: dict) -> None:
    """On a row of its own, so that each guardian's name and phone share a row."""
    fld = FORM.item("vardnad")
    assert isinstance(fld, Field)
    doc.field_grid([(fld.label, _render.display_value(fld, answers.get("vardnad")))])


CUSTOM: dict[str, _render.CustomFilled] = {
    "form": _form,
    "aterkalla_till": _withdraw,
    "vardnad": _vardnad,
    "vh1_namn": _guardians,
    "vh1_telefon": _skip,
    "vh2_namn": _skip,
    "vh2_telefon": _skip,
    "foretradare_namn": _foretradare,
    "foretradare_typ": _skip,
    "foretradare_annan": _skip,
    "foretradare_telefon": _skip,
}


def render(answers: dict, *, created: datetime | None = None, variant: str | None = None) -> bytes:
    """The filled consent (answers must be valid); signature lines when it is written."""
    if variant:
        raise ValueError(f"unknown variant {variant!r}")
    doc = _render.new_document(FORM, created=created)
    doc.heading(FORM.title, 1)
    doc.paragraph(
        "SIP betyder samordnad individuell plan. Med samtycket kan kommunen, regionen och andra "
        "som står här samordna sina insatser och lämna information till varandra."
    )
    _render.render_filled(doc, FORM, answers, custom=CUSTOM)
    if answers.get("form") == "skriftligt":
        doc.keep_together(60)
        doc.heading("Underskrift", 2)
        _render.signature_lines(doc, consenting(answers))
    doc.embed_answers(FORM.id, answers)
    return doc.output()


def _blank_withdraw(doc: SipDocument) -> None:
    doc.write_in(
        "Vem kontaktar personen för att ta tillbaka samtycket? (namn, verksamhet, telefon)", 1
    )
    doc.notice(withdraw_text("").split(" Kontakta")[0] + " Kontakta den som står ovan.")


def _blank_form(doc: SipDocument) -> None:
    """The ways to give consent, and what each county's documents say about consent."""
    fld = FORM.item("form")
    doc.label(f"{fld.label} (kryssa i ett alternativ)")
    doc.tick_boxes([o.label for o in fld.options])
    doc.small("Det här säger länens dokument om samtycke:")
    _render.blank_county_notes(doc, "samtycke", "samtycke")


def render_blank() -> bytes:
    """The consent for handwriting, with signature lines."""
    doc = _render.new_document(FORM, blank=True)
    _render.render_blank(doc, FORM, custom={"aterkalla_till": _blank_withdraw, "form": _blank_form})
    doc.keep_together(70)
    doc.heading("Underskrift", 2)
    doc.small(
        "Vid skriftligt samtycke: den eller de som samtycker skriver under. Vid "
        "gemensam vårdnad skriver båda vårdnadshavarna under.",
    )
    _render.signature_lines(doc, ["", ""])
    return doc.output()


# -- reopening ----------------------------------------------------------------------------------


def from_saved(blankett_id: str, svar: dict) -> dict:
    """A saved consent as it was; from a kallelse or a SIP-plan: the person (and the
    kallelse's participants as parties)."""
    if not isinstance(svar, dict):
        raise _checks.OpenError(_checks.NOT_OURS)
    if blankett_id == "samtycke":
        return dict(svar)
    if blankett_id in ("kallelse", "sip-plan"):
        answers = {
            "person_namn": svar.get("person_namn", ""),
            "person_personnummer": svar.get("person_personnummer", ""),
            "lan": svar.get("lan", ""),
        }
        rows = svar.get("deltagare") if isinstance(svar.get("deltagare"), list) else []
        parties = [
            {"verksamhet": r.get("verksamhet", ""), "kontaktperson": r.get("kontaktperson", "")}
            for r in rows
            if isinstance(r, dict)
        ]
        if parties:
            answers["parter"] = parties
        return answers
    raise _checks.OpenError(
        "Filen hör inte till samtycke, kallelse eller SIP-plan. Välj en fil som du har sparat "
        "från någon av de blanketterna."
    )

"""Kallelse till SIP-möte: the invitation to a meeting about a samordnad individuell plan.

It asks what the county documents ask of a kallelse: the person, the three questions of a new
samordningsärende (consent to share information, the need of a SIP, consent to the SIP), who
calls, when and where, the participants, närstående and legal representatives who take part,
what the meeting is about, an interpreter and how to reply.

The PDF separates the huvudmän who are called and obliged to take part from the others, who are
invited and may decline. Who is obliged, and the county's own lines printed with them, come
from the county registry (:mod:`forms.lan`, ``[kallelse]`` in each county's file). The variant
``"brev"`` prints one letter per participant with a postal address, the address inside the
window of a right-hand window envelope (:mod:`._envelope`). When the person has skyddade
personuppgifter the address is neither kept nor printed; with skyddade personuppgifter or våld
i nära relation the PDF prints what the county's documents say about calling then (or that they
are silent), each line with its source.
"""

from __future__ import annotations

from datetime import datetime

from .. import lan as registry
from ..pdf import MARGIN, SipDocument
from ..schema import Field, Form, Option, Repeat, Result, Section, ShowIf
from ..validation import validate_form
from . import _checks, _envelope, _fields, _render
from ._format import date_text, time_span

VARIANTS: dict[str, str] = {"brev": "Ett brev per mottagare"}

LAN = _fields.LAN_OPTIONS

AKTORER = (
    Option("kommun", "Kommun", "Socialtjänst eller kommunal hälso- och sjukvård."),
    Option("oppen_vard", "Öppen vård", "Regionens vårdcentraler och mottagningar."),
    Option("sluten_vard", "Sluten vård", "Regionens sjukhusavdelningar."),
    Option("skola", "Skola", "Förskola, skola eller elevhälsa."),
    Option("forsakringskassan", "Försäkringskassan"),
    Option("arbetsformedlingen", "Arbetsförmedlingen"),
    Option("annan", "Annan", "Till exempel en frivilligorganisation eller en arbetsgivare."),
)

# Who is obliged to take part when the county is unknown (a paper form): the kommun and the
# region's open and closed care, whom the law obliges to make the plan together.
OBLIGED = ("kommun", "oppen_vard", "sluten_vard")

MOTESFORMER = (
    Option("fysiskt", "Fysiskt möte"),
    Option("digitalt", "Digitalt möte"),
    Option("hybrid", "Hybridmöte", "Några deltar på plats och några digitalt."),
    Option("telefon", "Telefonmöte"),
)

JA_NEJ = (Option("ja", "Ja"), Option("nej", "Nej"))

# The three questions of a new samordningsärende in Cosmic Link, with the same answers
# (Kalmar län, Bilaga 1 steg 3).
EJ_TILLGANGLIG = Option("ej_tillganglig", "Ej tillgänglig")
JA_NEJ_EJ = (Option("ja", "Ja"), Option("nej", "Nej"), EJ_TILLGANGLIG)

RELATIONER = (
    Option("narstaende", "Närstående"),
    Option("vardnadshavare", "Vårdnadshavare"),
    Option("god_man", "God man"),
    Option("forvaltare", "Förvaltare"),
    Option("annan_foretradare", "Annan legal företrädare"),
)

HIDE_ADDRESS = ShowIf("skyddade_personuppgifter", ("false",))

FORM = Form(
    id="kallelse",
    title="Kallelse till SIP-möte",
    intro=(
        "Fyll i blanketten för att kalla till ett möte om en samordnad individuell plan (SIP). "
        "Du får en PDF att skicka till deltagarna. Du kan också få ett brev per mottagare, "
        "med adressen på rätt plats för ett fönsterkuvert."
    ),
    sections=(
        Section(
            title="Personen som mötet gäller",
            items=(
                *_fields.PERSON,
                Field(
                    "skyddade_personuppgifter",
                    "Personen har skyddade personuppgifter",
                    kind="checkbox",
                    hint=(
                        "Kryssa i om personen har skyddad identitet. Då skrivs ingen adress ut, "
                        "och kallelsen visar vad länets dokument säger om hur du kallar."
                    ),
                ),
                Field(
                    "vald",
                    "Personen lever med våld i nära relation",
                    kind="checkbox",
                    hint=(
                        "Kryssa i om du vet att personen lever med våld i nära relation. "
                        "Kallelsen visar då vad länets dokument säger om hur du kallar."
                    ),
                ),
                Field(
                    "person_adress",
                    "Gatuadress",
                    show_if=HIDE_ADDRESS,
                    autocomplete="off",
                    max_length=200,
                ),
                Field(
                    "person_postnummer",
                    "Postnummer",
                    show_if=HIDE_ADDRESS,
                    autocomplete="off",
                    max_length=10,
                    width="short",
                ),
                Field(
                    "person_postort",
                    "Postort",
                    show_if=HIDE_ADDRESS,
                    autocomplete="off",
                    max_length=100,
                    width="half",
                ),
                Field("person_telefon", "Telefon", kind="tel", autocomplete="off", width="half"),
            ),
        ),
        Section(
            title="Samtycke och behov",
            hint=(
                "Kallelsen visar för andra verksamheter att personen behöver en SIP. Därför "
                "behöver personen ha samtyckt innan du skickar den. Frågorna och svaren är "
                "desamma som när ett samordningsärende skapas i Cosmic Link."
            ),
            items=(
                Field(
                    "samtycke_informationsdelning",
                    "Samtycker personen till att information delas mellan socialtjänst och "
                    "hälso- och sjukvård?",
                    kind="radio",
                    required=True,
                    options=JA_NEJ_EJ,
                ),
                Field(
                    "behov_sip",
                    "Har personen behov av en samordnad individuell plan (SIP)?",
                    kind="radio",
                    required=True,
                    options=JA_NEJ,
                ),
                Field(
                    "samtycke",
                    "Samtycker personen till en samordnad individuell plan (SIP)?",
                    kind="radio",
                    required=True,
                    options=(Option("ja", "Ja"), Option("nej", "Nej, inte ännu"), EJ_TILLGANGLIG),
                ),
                Field(
                    "samtycke_av",
                    "Vem lämnade samtycket?",
                    kind="radio",
                    required=True,
                    show_if=ShowIf("samtycke", ("ja",)),
                    hint="För ett barn lämnar vårdnadshavarna samtycket.",
                    options=(
                        Option("personen", "Personen själv"),
                        Option("vardnadshavare", "Vårdnadshavare"),
                        Option("foretradare", "Legal företrädare, till exempel god man"),
                    ),
                ),
            ),
        ),
        Section(
            title="Den som kallar",
            items=(
                Field(
                    "kallare_namn", "Ditt namn", required=True, autocomplete="off", max_length=200
                ),
                Field(
                    "kallare_yrke",
                    "Yrke",
                    required=True,
                    max_length=200,
                    hint="Till exempel sjuksköterska eller socialsekreterare.",
                    width="half",
                ),
                Field(
                    "kallare_verksamhet",
                    "Verksamhet",
                    required=True,
                    max_length=200,
                    hint="Till exempel Hemtjänsten Norr eller Vårdcentralen Centrum.",
                ),
                Field(
                    "kallare_huvudman",
                    "Huvudman",
                    required=True,
                    max_length=200,
                    hint="Kommunen eller regionen du arbetar för, till exempel Karlstads kommun.",
                ),
                Field(
                    "kallare_telefon",
                    "Telefon",
                    kind="tel",
                    required=True,
                    autocomplete="off",
                    width="half",
                ),
                Field("kallare_epost", "E-post", kind="email", autocomplete="off", width="half"),
                Field(
                    "lan",
                    "Län",
                    kind="radio",
                    required=True,
                    options=LAN,
                    hint="Länet avgör vilka som är skyldiga att delta i mötet.",
                ),
            ),
        ),
        Section(
            title="Tid och plats",
            items=(
                Field(
                    "datum",
                    "Datum",
                    kind="date",
                    required=True,
                    width="short",
                    hint="Föreslå ett datum. Personens behov avgör hur snart mötet behövs.",
                ),
                Field("start", "Starttid", kind="time", required=True, width="short"),
                Field("slut", "Sluttid", kind="time", required=True, width="short"),
                Field("motesform", "Mötesform", kind="radio", required=True, options=MOTESFORMER),
                Field(
                    "plats",
                    "Plats",
                    required=True,
                    show_if=ShowIf("motesform", ("fysiskt", "hybrid")),
                    max_length=300,
                    hint=(
                        "Adress och rum. Har personen skyddade personuppgifter: skriv inte "
                        "personens bostad."
                    ),
                ),
                Field(
                    "lank",
                    "Länk till det digitala mötet",
                    required=True,
                    show_if=ShowIf("motesform", ("digitalt", "hybrid")),
                    max_length=500,
                ),
                Field(
                    "telefon_info",
                    "Så ansluter deltagarna",
                    show_if=ShowIf("motesform", ("telefon",)),
                    max_length=300,
                    hint="Till exempel telefonnummer och kod, eller vem som ringer upp vem.",
                ),
            ),
        ),
        Section(
            title="Deltagare",
            hint=(
                "Bestäm tillsammans med personen vilka som ska bjudas in. Kallelsen visar vilka "
                "som är skyldiga att delta i ditt län. Andra bjuds in och väljer själva."
            ),
            items=(
                Repeat(
                    name="deltagare",
                    legend="Verksamheter som kallas",
                    item_label="Deltagare",
                    add_label="Lägg till deltagare",
                    blank_items=6,
                    fields=(
                        Field("verksamhet", "Verksamhet", required=True, max_length=200),
                        Field(
                            "aktor",
                            "Typ av aktör",
                            kind="select",
                            required=True,
                            options=AKTORER,
                            width="half",
                        ),
                        Field("kontaktperson", "Kontaktperson", max_length=200, width="half"),
                        Field(
                            "profession",
                            "Yrkesroll som bör komma",
                            max_length=200,
                            width="half",
                            hint="Till exempel fysioterapeut eller biståndshandläggare.",
                        ),
                        Field(
                            "postadress",
                            "Postadress för brev",
                            kind="textarea",
                            rows=3,
                            max_length=300,
                            hint=(
                                "Gatuadress, postnummer och ort på var sin rad. Fyll i för dem "
                                "som ska få kallelsen med post. De får ett eget brev när du "
                                "väljer ett brev per mottagare."
                            ),
                        ),
                    ),
                ),
            ),
        ),
        Section(
            title="Närstående och företrädare",
            hint=(
                "Personen bestämmer om närstående ska vara med. Deltar personen inte själv kan "
                "en legal företrädare eller vårdnadshavare delta, om personen samtycker."
            ),
            items=(
                Repeat(
                    name="narstaende",
                    legend="Närstående och legala företrädare som deltar",
                    item_label="Närstående eller företrädare",
                    add_label="Lägg till närstående eller företrädare",
                    min_items=0,
                    blank_items=3,
                    fields=(
                        Field("namn", "Namn", required=True, max_length=200),
                        Field(
                            "relation",
                            "Relation till personen",
                            kind="select",
                            required=True,
                            options=RELATIONER,
                            width="half",
                        ),
                        Field("telefon", "Telefon", kind="tel", width="half"),
                    ),
                ),
            ),
        ),
        Section(
            title="Vad mötet gäller",
            items=(
                Field(
                    "syfte",
                    "Varför behövs mötet?",
                    kind="textarea",
                    required=True,
                    rows=5,
                    hint="Skriv kort varför insatserna behöver samordnas. Ta bara med det "
                    "deltagarna behöver veta inför mötet.",
                ),
                Field(
                    "fragor",
                    "Frågor att ta upp",
                    kind="textarea",
                    rows=4,
                    hint="Till exempel vem som gör vad efter utskrivningen.",
                ),
            ),
        ),
        Section(
            title="Tolk",
            items=(
                Field(
                    "tolk",
                    "Behövs tolk?",
                    kind="radio",
                    required=True,
                    options=JA_NEJ,
                    hint="Vem som bokar tolk skiljer sig mellan länen. Se Jämför länen i portalen.",
                ),
                Field(
                    "tolk_sprak",
                    "Språk",
                    required=True,
                    show_if=ShowIf("tolk", ("ja",)),
                    max_length=100,
                    width="half",
                    hint="Även teckenspråk.",
                ),
            ),
        ),
        Section(
            title="Svar",
            items=(
                Field("svara_senast", "Svara senast", kind="date", required=True, width="short"),
                Field(
                    "svar_hur",
                    "Så svarar deltagarna",
                    max_length=300,
                    hint="Till exempel: ring eller mejla den som kallar. Lämnar du tomt "
                    "skrivs det att deltagarna kontaktar dig.",
                ),
            ),
        ),
    ),
)


# -- validation ---------------------------------------------------------------------------------


def validate(answers: dict) -> Result:
    """Check the answers; the address is dropped when the person has skyddade personuppgifter."""
    result = validate_form(FORM, answers)
    a = result.answers

    postnummer = a.get("person_postnummer", "")
    if postnummer and not (
        postnummer.replace(" ", "").isdigit() and len(postnummer.replace(" ", "")) == 5
    ):
        _checks.add_error(
            result, "person_postnummer", "Skriv postnumret med fem siffror, till exempel 652 25."
        )
    if a.get("samtycke") == "nej":
        _checks.add_error(
            result,
            "samtycke",
            "Skicka kallelsen först när personen har samtyckt till mötet. Fråga personen, "
            "eller vårdnadshavare eller legal företrädare, och fyll sedan i Ja.",
        )
    if a.get("behov_sip") == "nej":
        _checks.add_error(
            result,
            "behov_sip",
            "Kalla till SIP först när ni har bedömt att personen behöver en SIP. Du kan ta "
            "hjälp av behovsbedömningen i portalen.",
        )
    for index, row in enumerate(a.get("deltagare") or []):
        if row.get("postadress") and not address_fits(row):
            _checks.add_error(
                result,
                f"deltagare.{index}.postadress",
                f"Adressen får inte plats i kuvertets fönster. Namn, verksamhet och adress får "
                f"ta högst {ADDRESS_LINES} rader med högst {ADDRESS_CHARS} tecken per rad. "
                "Korta adressen eller namnen.",
            )

    meeting = _checks.as_date(a, "datum")
    _checks.check_order(
        result,
        _checks.today(),
        meeting,
        "datum",
        "Datumet har redan varit. Välj dagens datum eller ett senare.",
        same_ok=True,
    )
    _checks.check_order(
        result,
        _checks.as_time(a, "start"),
        _checks.as_time(a, "slut"),
        "slut",
        "Sluttiden måste vara senare än starttiden.",
    )
    reply = _checks.as_date(a, "svara_senast")
    # The first message that applies wins: one message per field (_checks.add_error).
    _checks.check_order(
        result, reply, meeting, "svara_senast", "Svarsdatumet måste vara före mötesdatumet."
    )
    _checks.check_order(
        result,
        _checks.today(),
        reply,
        "svara_senast",
        "Svarsdatumet har redan varit. Välj dagens datum eller ett senare.",
        same_ok=True,
    )
    return result


# -- who must come ------------------------------------------------------------------------------

# How a kind of participant is named in "… är skyldiga att delta".
_DUTY_NAMES = {
    "kommun": "kommunen",
    "oppen_vard": "regionen",
    "sluten_vard": "regionen",
    "skola": "skolan",
    "forsakringskassan": "Försäkringskassan",
    "arbetsformedlingen": "Arbetsförmedlingen",
    "annan": "andra aktörer",
}


def obliged_parties(lan: str) -> tuple[str, ...]:
    """The ``aktor`` values obliged to take part in the county ``lan`` (the registry's
    ``[kallelse] skyldiga``), or the kommun and the region when the county is unknown."""
    county = registry.registry().counties.get(lan)
    return county.skyldiga if county else OBLIGED


def is_obliged(lan: str, aktor: str) -> bool:
    """True for a participant the county's documents oblige to take part."""
    return aktor in obliged_parties(lan)


def split_participants(answers: dict) -> tuple[list[dict], list[dict]]:
    """``(called and obliged, invited)`` participants."""
    rows = answers.get("deltagare") or []
    lan = answers.get("lan", "")
    obliged = [r for r in rows if is_obliged(lan, r.get("aktor", ""))]
    invited = [r for r in rows if not is_obliged(lan, r.get("aktor", ""))]
    return obliged, invited


def duty_text(lan: str, *, capital: bool = True) -> str:
    """ "Kommunen, regionen och skolan", from the county's obliged parties."""
    names = list(dict.fromkeys(_DUTY_NAMES[a] for a in obliged_parties(lan)))
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
    return text[:1].upper() + text[1:] if capital else text


def county_lines(lan: str) -> list[tuple[str, str]]:
    """The county's own lines for those called, each with its source: ``[(text, source)]``."""
    return _fields.county_lines(lan, "kallelse", "kallelse")


def facts(answers: dict) -> dict[str, bool]:
    """What the kallelse knows about the person that a county line may depend on
    (:data:`forms.lan.BLANKETT_FACTS`)."""
    skyddade = answers.get("skyddade_personuppgifter") is True
    vald = answers.get("vald") is True
    return {"skyddade": skyddade, "vald": vald, "skyddade_eller_vald": skyddade or vald}


def protection_lines(lan: str, answers: dict) -> list[tuple[str, str]]:
    """What the county's documents say about calling a person with skyddade personuppgifter
    or who lives with violence (or that they are silent), each with its source."""
    known = facts(answers)
    lines: list[tuple[str, str]] = []
    for amne in ("skyddade", "vald"):
        for line in _fields.county_lines(lan, "kallelse", amne, known):
            if line not in lines:
                lines.append(line)
    return lines


def _obliged_text(lan: str) -> str:
    return f"{duty_text(lan)} är skyldiga att delta i SIP-mötet."


INVITED_TEXT = (
    "De här verksamheterna är inbjudna. De bestämmer själva om de deltar. Meddela den som "
    "kallar om ni inte kommer."
)

PROTECTED_TEXT = "Personen har skyddade personuppgifter. Adressen skrivs inte ut."
# Violence is never stated on the kallelse, which others read: only what to do is printed.


# -- PDF ----------------------------------------------------------------------------------------


def _time(answers: dict) -> str:
    return time_span(answers.get("start", ""), answers.get("slut", ""))


def _protection(doc: SipDocument, answers: dict) -> None:
    """The reminder at the top: the person's protection, then the county's own lines on how
    to call, and their sources in small print."""
    said = []
    if answers.get("skyddade_personuppgifter") is True:
        said.append(PROTECTED_TEXT)
    elif answers.get("vald") is not True:
        return
    lines = protection_lines(answers.get("lan", ""), answers)
    doc.notice("\n".join([" ".join(said), *(text for text, _ in lines)]), bold=True)
    if lines:
        sources = list(dict.fromkeys(source for _, source in lines))
        doc.small(" ".join(f"Källa: {source}." for source in sources))


def _where(answers: dict) -> list[tuple[str, str]]:
    form = _render.option_label(FORM.item("motesform"), answers.get("motesform", ""))
    pairs = [("Mötesform", form)]
    if answers.get("plats"):
        pairs.append(("Plats", answers["plats"]))
    if answers.get("lank"):
        pairs.append(("Länk till det digitala mötet", answers["lank"]))
    if answers.get("telefon_info"):
        pairs.append(("Så ansluter deltagarna", answers["telefon_info"]))
    return pairs


def _print_pairs(doc: SipDocument, pairs: list[tuple[str, str]]) -> None:
    """Short answers two by two, long ones across the page, in the given order."""
    run: list[tuple[str, str]] = []
    for label, value in pairs:
        if len(value) <= _render.GRID_CELL and "\n" not in value:
            run.append((label, value))
            continue
        if run:
            doc.field_grid(run)
            run = []
        doc.field(label, value)
    if run:
        doc.field_grid(run)


def _meeting(doc: SipDocument, answers: dict) -> None:
    _print_pairs(doc, [("Datum", date_text(answers.get("datum", ""))), ("Tid", _time(answers))])
    _print_pairs(doc, _where(answers))


def _address(answers: dict) -> str:
    lines = [
        answers.get("person_adress", ""),
        " ".join(
            x
            for x in (answers.get("person_postnummer", ""), answers.get("person_postort", ""))
            if x
        ),
    ]
    return "\n".join(line for line in lines if line)


def _person(doc: SipDocument, answers: dict) -> None:
    pairs = [
        ("Namn", answers.get("person_namn", "")),
        ("Personnummer eller samordningsnummer", answers.get("person_personnummer", "")),
    ]
    if answers.get("person_telefon"):
        pairs.append(("Telefon", answers["person_telefon"]))
    _print_pairs(doc, pairs)
    if answers.get("skyddade_personuppgifter") is True:
        doc.field("Adress", "Skrivs inte ut. Personen har skyddade personuppgifter.")
    elif _address(answers):
        doc.field("Adress", _address(answers))


def _participants(doc: SipDocument, answers: dict) -> None:
    repeat = FORM.item("deltagare")
    assert isinstance(repeat, Repeat)
    obliged, invited = (
        [{**row, "postadress": ", ".join(row.get("postadress", "").split("\n"))} for row in group]
        for group in split_participants(answers)
    )
    doc.heading("Kallade huvudmän – skyldiga att delta", 3)
    doc.paragraph(_obliged_text(answers.get("lan", "")), size=9)
    _county_lines(doc, answers.get("lan", ""))
    _render.print_repeat(doc, repeat, obliged)
    doc.heading("Inbjudna – kan tacka nej", 3)
    if invited:
        doc.paragraph(INVITED_TEXT, size=9)
    _render.print_repeat(doc, repeat, invited, first=len(obliged) + 1)


def _county_lines(doc: SipDocument, lan: str) -> None:
    """The county's own lines for those called, with their sources in small print."""
    _render.county_notes(doc, county_lines(lan))


def _reply(doc: SipDocument, answers: dict) -> None:
    doc.field("Svara senast", date_text(answers.get("svara_senast", "")))
    doc.field("Så svarar deltagarna", answers.get("svar_hur") or _default_reply(answers))


def _default_reply(answers: dict) -> str:
    contact = [
        answers.get("kallare_namn", ""),
        answers.get("kallare_telefon", ""),
        answers.get("kallare_epost", ""),
    ]
    return "Kontakta den som kallar: " + ", ".join(c for c in contact if c) + "."


def _skip(doc: SipDocument, answers: dict) -> None:
    """Printed elsewhere."""


def _skyddade(doc: SipDocument, answers: dict) -> None:
    """The person block prints the address, or the note that it is left out."""


CUSTOM: dict[str, _render.CustomFilled] = {
    "person_namn": _person,
    "person_personnummer": _skip,
    "skyddade_personuppgifter": _skyddade,
    "vald": _skyddade,
    "person_adress": _skip,
    "person_postnummer": _skip,
    "person_postort": _skip,
    "person_telefon": _skip,
    "datum": _meeting,
    "start": _skip,
    "slut": _skip,
    "motesform": _skip,
    "plats": _skip,
    "lank": _skip,
    "telefon_info": _skip,
    "deltagare": _participants,
    "svara_senast": _reply,
    "svar_hur": _skip,
}

ORDER = (
    "Tid och plats",
    "Personen som mötet gäller",
    "Vad mötet gäller",
    "Den som kallar",
    "Deltagare",
    "Närstående och företrädare",
    "Tolk",
    "Svar",
    "Samtycke och behov",
)


def render(answers: dict, *, created: datetime | None = None, variant: str | None = None) -> bytes:
    """The filled kallelse (answers must be valid); ``variant="brev"``: one letter each."""
    if variant not in (None, "", *VARIANTS):
        raise ValueError(f"unknown variant {variant!r}")
    doc = _render.new_document(FORM, created=created)
    if variant == "brev":
        _letters(doc, answers)
    else:
        doc.heading(FORM.title, 1)
        doc.paragraph(
            "Du kallas till ett möte om en samordnad individuell plan (SIP). På mötet gör ni "
            "tillsammans med personen en plan för vem som gör vad."
        )
        _protection(doc, answers)
        _render.render_filled(doc, FORM, answers, custom=CUSTOM, order=ORDER)
    doc.embed_answers(FORM.id, answers)
    return doc.output()


# -- letters ------------------------------------------------------------------------------------

# The address stands where the window of a right-hand window envelope shows it however the
# folded letter lies in the envelope (E65 and C65, see _envelope), 1 mm inside that area;
# nothing else on the first page stands where the window can fall, so the body starts below
# the first fold.
ADDRESS = _envelope.address_area().inset(1)
BODY_TOP = _envelope.reach().bottom + 1
ADDRESS_SIZES = (10.0, 9.0, 8.0)  # font sizes tried, largest first, until the address fits
ADDRESS_LINES = 6
ADDRESS_CHARS = 36
DATE_X = 120.0


def letter_recipients(answers: dict) -> list[dict]:
    """The participants who get a letter: everyone with a postal address."""
    return [r for r in answers.get("deltagare") or [] if r.get("postadress", "").strip()]


def letter_address(recipient: dict) -> str:
    """The recipient's address as it stands in the window: contact, business, postal address."""
    lines = [
        recipient.get("kontaktperson", ""),
        recipient.get("verksamhet", ""),
        *recipient.get("postadress", "").split("\n"),
    ]
    return "\n".join(line.strip() for line in lines if line.strip())


def address_fits(recipient: dict) -> bool:
    """Whether the address can stand in the envelope's window: at most ``ADDRESS_LINES``
    lines once lines longer than ``ADDRESS_CHARS`` characters are wrapped (a cautious count;
    the letter shrinks the type if a line is wider than that)."""
    lines = letter_address(recipient).split("\n")
    return sum(-(-len(line) // ADDRESS_CHARS) for line in lines) <= ADDRESS_LINES


def _window_address(doc: SipDocument, recipient: dict) -> None:
    """The address in the window, in the largest type that fits the window's area."""
    address = letter_address(recipient)
    for size in ADDRESS_SIZES:
        line_height = size * 0.46
        if doc.block_height(ADDRESS.width, address, size=size, line_height=line_height) <= (
            ADDRESS.height
        ):
            break
    doc.letter_block(
        ADDRESS.x, ADDRESS.y, ADDRESS.width, address, size=size, line_height=line_height
    )


def _letter(doc: SipDocument, answers: dict, recipient: dict, created: datetime) -> None:
    lan = answers.get("lan", "")
    # Sender, top left; date, top right; both above the window's reach.
    below = doc.letter_block(MARGIN, 18, 80, answers.get("kallare_verksamhet", ""), bold=True)
    sender = "\n".join(
        x
        for x in (
            answers.get("kallare_huvudman", ""),
            answers.get("kallare_telefon", ""),
            answers.get("kallare_epost", ""),
        )
        if x
    )
    doc.letter_block(MARGIN, below, 80, sender)
    doc.letter_block(DATE_X, 18, ADDRESS.right - DATE_X, date_text(created.date(), weekday=False))
    _window_address(doc, recipient)
    doc.resume_at(BODY_TOP)

    doc.heading("Kallelse till SIP-möte", 1, look=2)  # the subject line: the letter's title
    name = recipient.get("verksamhet", "")
    if is_obliged(lan, recipient.get("aktor", "")):
        doc.paragraph(
            f"{name} kallas till ett möte om en samordnad individuell plan (SIP). I "
            f"{_render.option_label(FORM.item('lan'), lan) or 'länet'} är "
            f"{duty_text(lan, capital=False)} skyldiga att delta."
        )
        _county_lines(doc, lan)
    else:
        doc.paragraph(
            f"{name} bjuds in till ett möte om en samordnad individuell plan (SIP). Ni "
            "bestämmer själva om ni deltar. Meddela den som kallar om ni inte kommer."
        )
    _protection(doc, answers)
    when = ", ".join(x for x in (date_text(answers.get("datum", "")), _time(answers)) if x)
    person = ", ".join(
        x for x in (answers.get("person_namn", ""), answers.get("person_personnummer", "")) if x
    )
    pairs = [("Datum och tid", when), *_where(answers), ("Mötet gäller", person)]
    if recipient.get("profession"):
        pairs.append(("Yrkesroll som bör komma", recipient["profession"]))
    if answers.get("tolk") == "ja":
        pairs.append(("Tolk", answers.get("tolk_sprak", "")))
    pairs.append(("Svara senast", date_text(answers.get("svara_senast", ""))))
    _print_pairs(doc, pairs)
    doc.field("Vad mötet gäller", answers.get("syfte", ""))
    if answers.get("fragor"):
        doc.field("Frågor att ta upp", answers["fragor"])
    _closing(doc, answers, recipient)


def _closing(doc: SipDocument, answers: dict, recipient: dict) -> None:
    """How to reply, who else comes, and the signature, kept together: a letter never ends
    with its signature alone on a page."""
    others = [r.get("verksamhet", "") for r in answers.get("deltagare") or [] if r is not recipient]
    relatives = _relatives_text(answers)
    reply = answers.get("svar_hur") or _default_reply(answers)
    doc.keep_together(12 * (2 + bool(others) + bool(relatives)) + doc.small_height(reply))
    doc.field("Så svarar du", reply)
    if others:
        doc.field("Fler som kallas eller bjuds in", ", ".join(others))
    if relatives:
        doc.field("Närstående och företrädare som deltar", relatives)
    signature = [
        answers.get("kallare_namn", ""),
        ", ".join(
            x for x in (answers.get("kallare_yrke", ""), answers.get("kallare_verksamhet", "")) if x
        ),
    ]
    doc.field("Med vänlig hälsning", "\n".join(x for x in signature if x))


def _relatives_text(answers: dict) -> str:
    """ "Ingrid Öhman (närstående), Bo Ek (god man)"."""
    fld = FORM.item("narstaende").fields[1]
    return ", ".join(
        f"{row.get('namn', '')} ({_render.option_label(fld, row.get('relation', '')).lower()})"
        for row in answers.get("narstaende") or []
    )


def _letters(doc: SipDocument, answers: dict) -> None:
    recipients = letter_recipients(answers)
    if not recipients:
        doc.heading(FORM.title, 1)
        doc.paragraph(
            "Ingen deltagare har en postadress, så det finns inga brev att skriva ut. Fyll i "
            "Postadress för brev för de deltagare som ska få kallelsen med post."
        )
        return
    for index, recipient in enumerate(recipients):
        if index:
            doc.restart_numbering()
        _letter(doc, answers, recipient, doc.created)


# -- blank form ---------------------------------------------------------------------------------


def _blank_protected(doc: SipDocument) -> None:
    doc.checkbox("Personen har skyddade personuppgifter", None)
    doc.small("Har du kryssat i rutan: skriv ingen adress nedan.")


def _blank_vald(doc: SipDocument) -> None:
    """The violence box, then what each county's documents say about calling with skyddade
    personuppgifter or violence, with the source."""
    doc.checkbox("Personen lever med våld i nära relation", None)
    doc.small("Har du kryssat i någon av rutorna säger länets dokument så här om hur du kallar.")
    _render.blank_county_notes(doc, "kallelse", "skyddade", "vald")


def _blank_participants(doc: SipDocument) -> None:
    repeat = FORM.item("deltagare")
    assert isinstance(repeat, Repeat)
    counties = sorted(registry.registry().counties.values(), key=lambda c: c.namn)
    duties = " ".join(f"{c.namn}: {duty_text(c.id, capital=False)}." for c in counties)
    doc.small(
        "Vilka som är skyldiga att delta beror på länet. "
        + duties
        + " "
        + INVITED_TEXT.replace("De här verksamheterna", "Övriga"),
    )
    _render.blank_repeat(doc, repeat, as_table=True)


def render_blank() -> bytes:
    """The kallelse for handwriting."""
    doc = _render.new_document(FORM, blank=True)
    _render.render_blank(
        doc,
        FORM,
        note=(
            "Den är tänkt för den som kallar utan tillgång till Cosmic Link. Den ersätter "
            "inte regionens eller kommunens egna blanketter. "
            + _render.paper_county_note("kallelse")
        ).strip(),
        custom={
            "skyddade_personuppgifter": _blank_protected,
            "vald": _blank_vald,
            "deltagare": _blank_participants,
        },
    )
    return doc.output()


# -- reopening ----------------------------------------------------------------------------------


def from_saved(blankett_id: str, svar: dict) -> dict:
    """Prefill from a saved kallelse (as it was) or a SIP-plan (a call to its follow-up)."""
    if not isinstance(svar, dict):
        raise _checks.OpenError(_checks.NOT_OURS)
    if blankett_id == "kallelse":
        return dict(svar)
    if blankett_id == "sip-plan":
        version = svar.get("version", "")
        return {
            "person_namn": svar.get("person_namn", ""),
            "person_personnummer": svar.get("person_personnummer", ""),
            "lan": svar.get("lan", ""),
            "kallare_namn": svar.get("samordningsansvarig_namn", ""),
            "kallare_verksamhet": svar.get("samordningsansvarig_verksamhet", ""),
            "kallare_telefon": svar.get("samordningsansvarig_telefon", ""),
            "datum": svar.get("uppfoljning_datum", ""),
            "start": svar.get("uppfoljning_tid", ""),
            "plats": svar.get("uppfoljning_plats", ""),
            "syfte": (
                f"Uppföljning av den samordnade individuella planen (SIP) från "
                f"{date_text(svar.get('datum', ''), weekday=False)}, version {version}."
            ),
        }
    raise _checks.OpenError(
        "Filen är ingen kallelse eller SIP-plan. Välj en fil som du har sparat från "
        "blanketten Kallelse till SIP-möte eller SIP-plan."
    )

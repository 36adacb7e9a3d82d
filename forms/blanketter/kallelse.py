"""Kallelse till SIP-möte: the invitation to a meeting about a samordnad individuell plan.

The PDF separates the huvudmän who are called and obliged to take part (kommun and region; in
Kalmar län also the school, by county agreement) from the others, who are invited and may
decline. The variant ``"brev"`` prints one letter per participant with a postal address, the
address placed for a window envelope. When the person has skyddade personuppgifter, the address
is neither kept nor printed and the PDF reminds the reader to arrange the meeting by phone.
"""

from __future__ import annotations

from datetime import datetime

from fpdf.enums import XPos, YPos

from ..pdf import SipDocument, clean_text
from ..schema import Field, Form, Option, Repeat, Result, Section, ShowIf
from ..validation import validate_form
from . import _checks, _fields, _render

VARIANTS: dict[str, str] = {"brev": "Ett brev per mottagare"}

LAN = (
    Option("varmland", "Värmland"),
    Option("kalmar", "Kalmar län"),
    Option("jonkoping", "Jönköpings län"),
)

AKTORER = (
    Option("kommun", "Kommun", "Socialtjänst eller kommunal hälso- och sjukvård."),
    Option("oppen_vard", "Öppen vård", "Regionens vårdcentraler och mottagningar."),
    Option("sluten_vard", "Sluten vård", "Regionens sjukhusavdelningar."),
    Option("skola", "Skola", "Förskola, skola eller elevhälsa."),
    Option("forsakringskassan", "Försäkringskassan"),
    Option("arbetsformedlingen", "Arbetsförmedlingen"),
    Option("annan", "Annan", "Till exempel en frivilligorganisation eller en arbetsgivare."),
)

# The huvudmän the law obliges to take part: the kommun and the region's open and closed care.
OBLIGED = frozenset({"kommun", "oppen_vard", "sluten_vard"})

MOTESFORMER = (
    Option("fysiskt", "Fysiskt möte"),
    Option("digitalt", "Digitalt möte"),
    Option("hybrid", "Hybridmöte", "Några deltar på plats och några digitalt."),
    Option("telefon", "Telefonmöte"),
)

JA_NEJ = (Option("ja", "Ja"), Option("nej", "Nej"))

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
                        "Kryssa i om personen har skyddad identitet. Då skrivs ingen adress ut. "
                        "Gör upp om tid och plats per telefon i stället för via Cosmic Link."
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
            title="Samtycke",
            hint=(
                "Kallelsen visar för andra verksamheter att personen behöver en SIP. Därför "
                "behöver personen ha samtyckt innan du skickar den."
            ),
            items=(
                Field(
                    "samtycke",
                    "Har personen samtyckt till SIP-mötet?",
                    kind="radio",
                    required=True,
                    options=(Option("ja", "Ja"), Option("nej", "Nej, inte ännu")),
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
                    hint=(
                        "Länet avgör vilka som är skyldiga att delta. I Kalmar län har skolan "
                        "samma skyldighet som kommunen och regionen."
                    ),
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
                "Bestäm tillsammans med personen vilka som ska bjudas in. Kommunen och regionen "
                "är skyldiga att delta. Andra, till exempel Försäkringskassan, bjuds in och "
                "väljer själva."
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
    raw = dict(answers) if isinstance(answers, dict) else {}
    raw["skyddade_personuppgifter"] = _checks.truthy(raw.get("skyddade_personuppgifter"))
    result = validate_form(FORM, raw)
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

    meeting = _checks.as_date(a, "datum")
    if meeting and meeting < _checks.today():
        _checks.add_error(
            result, "datum", "Datumet har redan varit. Välj dagens datum eller ett senare."
        )
    start, end = _checks.as_time(a, "start"), _checks.as_time(a, "slut")
    if start and end and end <= start:
        _checks.add_error(result, "slut", "Sluttiden måste vara senare än starttiden.")
    reply = _checks.as_date(a, "svara_senast")
    if reply and meeting and reply >= meeting:
        _checks.add_error(result, "svara_senast", "Svarsdatumet måste vara före mötesdatumet.")
    elif reply and reply < _checks.today():
        _checks.add_error(
            result,
            "svara_senast",
            "Svarsdatumet har redan varit. Välj dagens datum eller ett senare.",
        )
    return result


# -- who must come ------------------------------------------------------------------------------


def is_obliged(lan: str, aktor: str) -> bool:
    """True for a huvudman obliged to take part: kommun, region, and in Kalmar län the school."""
    return aktor in OBLIGED or (lan == "kalmar" and aktor == "skola")


def split_participants(answers: dict) -> tuple[list[dict], list[dict]]:
    """``(called and obliged, invited)`` participants."""
    rows = answers.get("deltagare") or []
    lan = answers.get("lan", "")
    obliged = [r for r in rows if is_obliged(lan, r.get("aktor", ""))]
    invited = [r for r in rows if not is_obliged(lan, r.get("aktor", ""))]
    return obliged, invited


def _obliged_text(lan: str) -> str:
    base = (
        "Kommunen och regionen är enligt lag skyldiga att delta i SIP-mötet. Huvudmannen "
        "bestämmer vem som kommer. Kan den som är kallad inte komma, skickar verksamheten "
        "någon annan som känner till personens situation."
    )
    if lan == "kalmar":
        return (
            base + " I Kalmar län gäller samma skyldighet för skolan, enligt en "
            "överenskommelse i länet."
        )
    return base


INVITED_TEXT = (
    "De här verksamheterna är inbjudna. De bestämmer själva om de deltar. Meddela den som "
    "kallar om ni inte kommer."
)

PROTECTED_TEXT = (
    "Personen har skyddade personuppgifter. Gör upp om tid och plats per telefon och skicka "
    "inte kallelsen via Cosmic Link. Skriv eller säg inget som kan visa var personen bor eller "
    "vistas."
)


# -- PDF ----------------------------------------------------------------------------------------


def _time(answers: dict) -> str:
    return f"{answers.get('start', '')}\u2013{answers.get('slut', '')}"


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
            _render.print_grid(doc, run)
            run = []
        doc.field(label, value)
    if run:
        _render.print_grid(doc, run)


def _meeting(doc: SipDocument, answers: dict) -> None:
    _print_pairs(doc, [("Datum", answers.get("datum", "")), ("Tid", _time(answers))])
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
    _render.print_repeat(doc, repeat, obliged)
    doc.heading("Inbjudna – kan tacka nej", 3)
    if invited:
        doc.paragraph(INVITED_TEXT, size=9)
    _render.print_repeat(doc, repeat, invited, first=len(obliged) + 1)


def _reply(doc: SipDocument, answers: dict) -> None:
    doc.field("Svara senast", answers.get("svara_senast", ""))
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
    "Tolk",
    "Svar",
    "Samtycke",
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
        if answers.get("skyddade_personuppgifter") is True:
            _render.notice(doc, PROTECTED_TEXT, bold=True)
        _render.render_filled(doc, FORM, answers, custom=CUSTOM, order=ORDER)
    doc.embed_answers(FORM.id, answers)
    return doc.output()


# -- letters ------------------------------------------------------------------------------------

# The address field of a right-hand window envelope (Swedish H2 window), in mm from the page's
# top left corner.
WINDOW_X, WINDOW_Y, WINDOW_W = 110.0, 45.0, 85.0


def letter_recipients(answers: dict) -> list[dict]:
    """The participants who get a letter: everyone with a postal address."""
    return [r for r in answers.get("deltagare") or [] if r.get("postadress", "").strip()]


def _letter(doc: SipDocument, answers: dict, recipient: dict, created: datetime) -> None:
    pdf = doc.pdf
    lan = answers.get("lan", "")
    # Sender, top left; date, top right.
    pdf.set_xy(pdf.l_margin, 18)
    doc._font(9, bold=True)
    pdf.multi_cell(
        80,
        4.5,
        clean_text(answers.get("kallare_verksamhet", "")),
        new_x=XPos.LEFT,
        new_y=YPos.NEXT,
        align="L",
    )
    doc._font(9)
    sender = "\n".join(
        x
        for x in (
            answers.get("kallare_huvudman", ""),
            answers.get("kallare_telefon", ""),
            answers.get("kallare_epost", ""),
        )
        if x
    )
    pdf.multi_cell(80, 4.5, clean_text(sender), new_x=XPos.LEFT, new_y=YPos.NEXT, align="L")
    pdf.set_xy(WINDOW_X, 18)
    pdf.multi_cell(
        WINDOW_W, 4.5, f"Datum: {created:%Y-%m-%d}", new_x=XPos.LEFT, new_y=YPos.NEXT, align="L"
    )
    # Recipient, in the window of the envelope.
    pdf.set_xy(WINDOW_X, WINDOW_Y)
    doc._font(10.5)
    lines = [
        recipient.get("kontaktperson", ""),
        recipient.get("verksamhet", ""),
        recipient.get("postadress", ""),
    ]
    pdf.multi_cell(
        WINDOW_W,
        5,
        clean_text("\n".join(x for x in lines if x)),
        new_x=XPos.LEFT,
        new_y=YPos.NEXT,
        align="L",
    )
    pdf.set_xy(pdf.l_margin, max(pdf.get_y() + 8, 80))

    doc.heading("Kallelse till SIP-möte", 1)
    name = recipient.get("verksamhet", "")
    if is_obliged(lan, recipient.get("aktor", "")):
        duty = "kommunen, regionen och skolan" if lan == "kalmar" else "kommunen och regionen"
        doc.paragraph(
            f"{name} kallas till ett möte om en samordnad individuell plan (SIP). I "
            f"{_render.option_label(FORM.item('lan'), lan) or 'länet'} är {duty} skyldiga att "
            "delta. Kan den som är kallad inte komma, skicka någon annan som känner till "
            "personens situation."
        )
    else:
        doc.paragraph(
            f"{name} bjuds in till ett möte om en samordnad individuell plan (SIP). Ni "
            "bestämmer själva om ni deltar. Meddela den som kallar om ni inte kommer."
        )
    if answers.get("skyddade_personuppgifter") is True:
        _render.notice(
            doc,
            "Personen har skyddade personuppgifter. Lämna inte ut något som "
            "kan visa var personen bor eller vistas.",
            bold=True,
        )
    pairs = [
        ("Datum", answers.get("datum", "")),
        ("Tid", _time(answers)),
        *_where(answers),
        ("Mötet gäller", answers.get("person_namn", "")),
        ("Personnummer eller samordningsnummer", answers.get("person_personnummer", "")),
    ]
    if recipient.get("profession"):
        pairs.append(("Yrkesroll som bör komma", recipient["profession"]))
    if answers.get("tolk") == "ja":
        pairs.append(("Tolk", answers.get("tolk_sprak", "")))
    pairs.append(("Svara senast", answers.get("svara_senast", "")))
    _print_pairs(doc, pairs)
    doc.field("Vad mötet gäller", answers.get("syfte", ""))
    if answers.get("fragor"):
        doc.field("Frågor att ta upp", answers["fragor"])
    doc.field("Så svarar du", answers.get("svar_hur") or _default_reply(answers))
    others = [r.get("verksamhet", "") for r in answers.get("deltagare") or [] if r is not recipient]
    if others:
        doc.field("Fler som kallas eller bjuds in", ", ".join(others))
    signature = [
        answers.get("kallare_namn", ""),
        ", ".join(
            x for x in (answers.get("kallare_yrke", ""), answers.get("kallare_verksamhet", "")) if x
        ),
    ]
    doc.field("Med vänlig hälsning", "\n".join(x for x in signature if x))


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
    _render.small(
        doc,
        "Har du kryssat i rutan: skriv ingen adress nedan, gör upp om tid och "
        "plats per telefon och skicka inte kallelsen via Cosmic Link.",
    )


def _blank_participants(doc: SipDocument) -> None:
    repeat = FORM.item("deltagare")
    assert isinstance(repeat, Repeat)
    _render.small(
        doc,
        _obliged_text("")
        + " I Kalmar län gäller skyldigheten även skolan. "
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
            "inte regionens eller kommunens egna blanketter."
        ),
        custom={"skyddade_personuppgifter": _blank_protected, "deltagare": _blank_participants},
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
            "kallare_namn": svar.get("samordningsansvarig_namn", ""),
            "kallare_verksamhet": svar.get("samordningsansvarig_verksamhet", ""),
            "kallare_telefon": svar.get("samordningsansvarig_telefon", ""),
            "datum": svar.get("uppfoljning_datum", ""),
            "plats": svar.get("uppfoljning_plats", ""),
            "syfte": (
                f"Uppföljning av den samordnade individuella planen (SIP) från "
                f"{svar.get('datum', '')}, version {version}."
            ),
        }
    raise _checks.OpenError(
        "Filen är ingen kallelse eller SIP-plan. Välj en fil som du har sparat från "
        "blanketten Kallelse till SIP-möte eller SIP-plan."
    )

"""Needs assessment: "Behöver personen en SIP?" (widget id ``behovsbedomning``).

The user answers a few questions (county, which verksamheter are involved, consent, special
situations); :func:`assess` answers at once with a verdict, the reasons behind it and what the
county's own documents say about consent, kallelse, coordination, deadlines and so on. No
personal data is asked for: the assessment needs none.

This module knows no county. It holds the questions, the named facts derived from the answers
(:func:`facts`), the precedence of the verdicts (:func:`_decide`) and a small filter over the
rows of the county registry (:mod:`forms.lan`), where every rule lives with its source.

API
---
``FORM``
    The questions (:class:`~forms.schema.Form`). Only ``lan`` and ``verksamheter`` are
    required; everything else may be left out. The county options come from the registry.
``validate(answers) -> Result``
    Generic validation plus: no personnummer in the free-text fields.
``facts(answers) -> dict[str, bool]``
    The named facts of :data:`forms.lan` (``barn``, ``gemensam_vardnad``, ``vald`` …).
``assess(answers) -> dict``
    Cheap (well under a millisecond; no PDF, no heavy imports), called on every change in the
    browser, never raises, accepts partial or malformed answers. Returns plain JSON::

        {
          "verdict": "erbjud_sip",                      # one of VERDICTS
          "verdict_label": "Erbjud SIP",
          "summary": "One Swedish sentence or two.",
          "reasons": [item, ...],                       # the deciding reason first
          "sections": [{"title": "Samtycke", "items": [item, ...]}, ...],
          "checklist": [item, ...],
          "headings": {"reasons": "Därför", "sections": ..., "checklist": ...},
          "kallelse": bool,                             # may a kallelse start from here?
          "kallelse_prefill": {...},                    # answers for the kallelse blankett
        }

    An ``item`` is ``{"text", "source", "short", "href", "link"}``: ``source`` names the county's
    document (with its id) and, where it has one, the document's own section (``short`` does so
    without the county, for the page, where the county is chosen); ``href`` (relative
    to the site root) and ``link`` (its heading) point at the portal page that publishes the
    rule. The portal's own advice says so in ``source``. Where a county's documents are silent
    the item says so; it never borrows another county's rule.

    ``kallelse_prefill`` uses the field names and option values of
    ``forms.blanketter.kallelse.FORM``: ``lan``; ``deltagare`` (a list of
    ``{"verksamhet": name, "aktor": kommun | oppen_vard | sluten_vard | skola |
    forsakringskassan | arbetsformedlingen | annan}``, slutenvården added when the person is in
    hospital); ``tolk`` ("ja"/"nej") and ``tolk_sprak``; ``skyddade_personuppgifter`` and
    ``vald`` (True); ``behov_sip`` ("ja" when a SIP is to be offered); ``samtycke`` ("ja"/"nej")
    and ``samtycke_av`` (personen | vardnadshavare | foretradare).
``render(answers, *, created=None, variant=None) -> bytes``
    The assessment as a PDF: verdict, reasons with sources, sections, checklist, the answers.

Verdicts and precedence
-----------------------
The first decision that applies decides (``forms.lan.DECISIONS``, tried in this order). A
decision applies when one of the county's reason rows for it (``roll = "skal"``,
``beslut = …``, ``avgor = true``) holds for the facts; its rows that hold are the reasons.

1. ``ofullstandig`` (no registry row): no county, or no verksamhet ticked.
2. ``tvangsvard`` -> ``annan_plan``: samordnad vårdplan (LPT 7 a §, LRV 12 a §).
3. ``utskrivning`` -> ``annan_plan``: utskrivningsklar, where the county's documents say so.
4. ``ingen_grund`` -> ``inte_sip``: the law's (or a county agreement's) basis fails.
5. ``nej`` -> ``samtycke_saknas``: consent refused or withdrawn.
6. ``noggrann`` -> ``noggrann_bedomning``: e.g. a county's rule on violence and children.
7. ``befintlig_plan`` -> ``annan_plan``: an existing SIP or another coordinated plan.
8. ``forutsatt`` -> ``behov_presumeras``: groups where the county presumes a need.
9. ``sip`` -> ``erbjud_sip`` when a deciding row holds, otherwise ``kan_behovas``.
"""

from __future__ import annotations

import re
from datetime import datetime

from . import lan
from .schema import (
    Field,
    FieldError,
    Form,
    Option,
    Result,
    Section,
    ShowIf,
    visible_answers,
)

# --- verdicts ---------------------------------------------------------------------------------

OFULLSTANDIG = "ofullstandig"
ANNAN_PLAN = "annan_plan"
INTE_SIP = "inte_sip"
SAMTYCKE_SAKNAS = "samtycke_saknas"
NOGGRANN_BEDOMNING = "noggrann_bedomning"
BEHOV_PRESUMERAS = "behov_presumeras"
ERBJUD_SIP = "erbjud_sip"
KAN_BEHOVAS = "kan_behovas"

VERDICTS: dict[str, str] = {
    OFULLSTANDIG: "Svara på fler frågor",
    ANNAN_PLAN: "En annan plan gäller",
    INTE_SIP: "Inte en SIP enligt lagen",
    SAMTYCKE_SAKNAS: "Samtycke saknas",
    NOGGRANN_BEDOMNING: "Gör en noggrann bedömning först",
    BEHOV_PRESUMERAS: "Behov av SIP förutsätts",
    ERBJUD_SIP: "Erbjud SIP",
    KAN_BEHOVAS: "SIP kan behövas",
}

#: The verdict each decision point gives (``sip`` gives ERBJUD_SIP or KAN_BEHOVAS).
DECISION_VERDICTS: dict[str, str] = {
    "tvangsvard": ANNAN_PLAN,
    "utskrivning": ANNAN_PLAN,
    "ingen_grund": INTE_SIP,
    "nej": SAMTYCKE_SAKNAS,
    "noggrann": NOGGRANN_BEDOMNING,
    "befintlig_plan": ANNAN_PLAN,
    "forutsatt": BEHOV_PRESUMERAS,
    "sip": ERBJUD_SIP,
}

#: The result's headings, the same on the page and in the PDF.
HEADINGS = {
    "reasons": "Därför",
    "checklist": "Så går du vidare",
    "answers": "Dina svar",
}

#: Verdicts after which the page offers to start a kallelse with the answers.
KALLELSE_VERDICTS = frozenset({NOGGRANN_BEDOMNING, BEHOV_PRESUMERAS, ERBJUD_SIP, KAN_BEHOVAS})

SILENT = lan.SILENT

#: The counties, in the registry: id -> the one spelling of its name.
LAN: dict[str, str] = {
    c.id: c.namn for c in sorted(lan.registry().counties.values(), key=lambda c: c.namn)
}


def _counties_using(fact: str) -> tuple[str, ...]:
    """The counties with a rule row that names ``fact`` (for a question only they need)."""
    return tuple(
        county.id
        for county in lan.registry().counties.values()
        if any(fact in (*r.villkor, *r.utom) for r in county.regler)
    )


# --- the questions ----------------------------------------------------------------------------

_YES_NO_UNKNOWN = (Option("ja", "Ja"), Option("nej", "Nej"), Option("vet_inte", "Vet inte"))

VERKSAMHETER = (
    Option("socialtjanst", "Socialtjänsten", "Även stöd enligt LSS, LVU och LVM."),
    Option(
        "kommunal_hsv",
        "Kommunens hälso- och sjukvård",
        "Till exempel hemsjukvård, rehabilitering eller hjälpmedel.",
    ),
    Option(
        "regionens_hsv",
        "Regionens hälso- och sjukvård",
        "Till exempel primärvård, psykiatri, BUP eller sjukhus.",
    ),
    Option("skola", "Förskola eller skola", "Även elevhälsan."),
    Option("forsakringskassan", "Försäkringskassan"),
    Option("arbetsformedlingen", "Arbetsförmedlingen"),
    Option(
        "annan", "Någon annan", "Till exempel arbetsgivare, polis eller en frivilligorganisation."
    ),
)

GRUPPER = (
    Option("psykisk_missbruk", "Psykisk sjukdom och missbruk samtidigt"),
    Option("psykisk_funktion", "Allvarlig psykisk sjukdom och funktionsnedsättning"),
    Option("barn_psykosocialt", "Barn eller ung vuxen med omfattande psykosociala behov"),
    Option("demens", "Demenssjukdom"),
)

FORE_UTSKRIVNING = (
    Option("palliativ", "Behov av palliativ vård"),
    Option(
        "avancerad",
        "Avancerad vård i hemmet",
        "Till exempel när kommunens personal behöver utbildning från sjukhuset.",
    ),
    Option("nya_insatser", "Många nya insatser efter sjukdom eller skada som måste samordnas"),
    Option("psykiatri", "Svårare psykiatriska problem eller samsjuklighet"),
    Option("risk", "Risk för allvarlig försämring, självmord eller olycksfall"),
)

FORM = Form(
    id="behovsbedomning",
    title="Behöver personen en SIP?",
    intro=(
        "Svara på frågorna så får du direkt veta vad rutinerna i ditt län säger. Resultatet är "
        "ett stöd för din bedömning, inte ett beslut. Du behöver inte skriva namn, personnummer "
        "eller andra personuppgifter."
    ),
    submit_label="Skapa PDF med bedömningen",
    sections=(
        Section(
            title="Län",
            hint="Länen har olika rutiner. Du får de regler som gäller i det län du väljer.",
            items=(
                Field(
                    "lan",
                    "Vilket län gäller det?",
                    kind="radio",
                    required=True,
                    options=tuple(Option(k, v) for k, v in LAN.items()),
                ),
            ),
        ),
        Section(
            title="Behov av stöd",
            hint="Tänk på både det stöd personen får nu och det stöd som behövs.",
            items=(
                Field(
                    "verksamheter",
                    "Vilka verksamheter ger stöd nu eller behöver ge stöd?",
                    kind="checkboxes",
                    hint="Kryssa i alla som stämmer.",
                    required=True,
                    options=VERKSAMHETER,
                ),
                Field(
                    "annan_aktor",
                    "Vilken annan aktör?",
                    hint="Skriv vilken sorts verksamhet, inte namn på personer.",
                    show_if=ShowIf("verksamheter", ("annan",)),
                    max_length=200,
                ),
                Field(
                    "samordning",
                    "Behöver insatserna samordnas?",
                    kind="radio",
                    hint=(
                        "Till exempel när insatser krockar, när ingen har helheten eller när "
                        "personen själv måste hålla ihop alla kontakter."
                    ),
                    options=_YES_NO_UNKNOWN,
                ),
                Field(
                    "annan_plan",
                    "Finns det redan en samordnad plan?",
                    kind="radio",
                    hint=(
                        "Med samordnad plan menas en plan som flera verksamheter har gjort "
                        "tillsammans."
                    ),
                    options=(
                        Option("nej", "Nej"),
                        Option("sip", "Ja, personen har redan en SIP"),
                        Option("annan", "Ja, en annan samordnad plan som täcker behoven"),
                        Option("vet_inte", "Vet inte"),
                    ),
                ),
            ),
        ),
        Section(
            title="Grupper där behov förutsätts",
            hint=(
                "Länets dokument nämner grupper där du ska utgå från att en SIP behövs. Våld i "
                "nära relation finns under Särskilda situationer."
            ),
            show_if=ShowIf("lan", _counties_using("grupp_psykisk_missbruk")),
            items=(
                Field(
                    "grupper",
                    "Stämmer något av det här på personen?",
                    kind="checkboxes",
                    options=GRUPPER,
                ),
            ),
        ),
        Section(
            title="Ålder och samtycke",
            items=(
                Field(
                    "alder",
                    "Är personen vuxen eller barn?",
                    kind="radio",
                    options=(
                        Option("vuxen", "Vuxen, 18 år eller äldre"),
                        Option("barn", "Barn, under 18 år"),
                    ),
                ),
                Field(
                    "samtycke",
                    "Har personen samtyckt till en SIP?",
                    kind="radio",
                    hint="Gäller det ett barn svarar du för vårdnadshavarna.",
                    options=(
                        Option("givet", "Ja, samtycke finns"),
                        Option("ej_fragat", "Vi har inte frågat ännu"),
                        Option("nej", "Nej, personen har sagt nej"),
                        Option("aterkallat", "Samtycket har återkallats"),
                    ),
                ),
            ),
        ),
        Section(
            title="Vuxen",
            show_if=ShowIf("alder", ("vuxen",)),
            items=(
                Field(
                    "kan_samtycka",
                    "Kan personen själv ta ställning och lämna samtycke?",
                    kind="radio",
                    options=(
                        Option("ja", "Ja"),
                        Option("nej", "Nej"),
                        Option("osaker", "Osäkert"),
                    ),
                ),
                Field(
                    "foretradare",
                    "Har personen en legal företrädare?",
                    kind="radio",
                    show_if=ShowIf("kan_samtycka", ("nej", "osaker")),
                    options=(
                        Option("ja", "Ja, till exempel god man eller förvaltare"),
                        Option("nej", "Nej"),
                        Option("vet_inte", "Vet inte"),
                    ),
                ),
            ),
        ),
        Section(
            title="Barn",
            show_if=ShowIf("alder", ("barn",)),
            items=(
                Field(
                    "vardnad",
                    "Hur ser vårdnaden ut?",
                    kind="radio",
                    options=(
                        Option("gemensam", "Två vårdnadshavare (gemensam vårdnad)"),
                        Option("ensam", "En vårdnadshavare (ensam vårdnad)"),
                        Option("annan", "Annat, till exempel särskilt förordnad vårdnadshavare"),
                    ),
                ),
                Field(
                    "barnets_asikt",
                    "Har barnet fått information och kunnat säga vad det tycker?",
                    kind="radio",
                    options=(Option("ja", "Ja"), Option("inte_an", "Inte ännu")),
                ),
            ),
        ),
        Section(
            title="Särskilda situationer",
            hint="Svara bara på det som stämmer. Resten kan du hoppa över.",
            items=(
                Field(
                    "slutenvard",
                    "Ligger personen på sjukhus (inskriven i slutenvården)?",
                    kind="radio",
                    options=(
                        Option("nej", "Nej"),
                        Option("inskriven", "Ja, men är inte utskrivningsklar än"),
                        Option("utskrivningsklar", "Ja, och är utskrivningsklar"),
                    ),
                ),
                Field(
                    "fore_utskrivning",
                    "Om personen ligger på sjukhus: gäller något av det här?",
                    kind="checkboxes",
                    hint=(
                        "Länets dokument nämner de här exemplen på när ett SIP-möte kan behövas "
                        "redan före utskrivningen."
                    ),
                    show_if=ShowIf("lan", _counties_using("fore_utskrivning")),
                    options=FORE_UTSKRIVNING,
                ),
                Field(
                    "tvangsvard",
                    "Ska personen få öppen psykiatrisk tvångsvård eller öppen "
                    "rättspsykiatrisk vård?",
                    kind="radio",
                    hint="Gäller när personen skrivs ut från slutenvården till sådan vård.",
                    options=(
                        Option("nej", "Nej"),
                        Option("lpt", "Ja, öppen psykiatrisk tvångsvård (LPT)"),
                        Option("lrv", "Ja, öppen rättspsykiatrisk vård (LRV)"),
                    ),
                ),
                Field(
                    "skyddade",
                    "Personen har skyddade personuppgifter",
                    kind="checkbox",
                ),
                Field(
                    "vald",
                    "Personen lever med våld i nära relation",
                    kind="checkbox",
                ),
            ),
        ),
        Section(
            title="Våld i nära relation",
            show_if=ShowIf("vald", ("true",)),
            items=(
                Field(
                    "vald_barn",
                    "Finns det barn med i bilden?",
                    kind="radio",
                    hint="Svara ja om personen själv är barn eller om det finns barn i familjen.",
                    options=(Option("ja", "Ja"), Option("nej", "Nej")),
                ),
                Field(
                    "vald_forelder",
                    "Är en förälder förövare, eller misstänks en förälder vara det?",
                    kind="radio",
                    show_if=ShowIf("vald_barn", ("ja",)),
                    options=(
                        Option("ja", "Ja, en förälder är förövare"),
                        Option("misstanke", "En förälder misstänks vara förövare"),
                        Option("nej", "Nej"),
                        Option("vet_inte", "Vet inte"),
                    ),
                ),
                Field(
                    "vald_lvu",
                    "Barnet vårdas enligt LVU och socialtjänsten är tillfällig vårdnadshavare",
                    kind="checkbox",
                    hint="LVU är lagen med särskilda bestämmelser om vård av unga.",
                    show_if=ShowIf("vald_barn", ("ja",)),
                ),
            ),
        ),
        Section(
            title="Tolk och brådska",
            items=(
                Field(
                    "tolk",
                    "Behövs tolk på mötet?",
                    kind="radio",
                    options=(Option("ja", "Ja"), Option("nej", "Nej")),
                ),
                Field(
                    "tolk_sprak",
                    "Vilket språk?",
                    hint="Till exempel arabiska, somaliska eller teckenspråk.",
                    show_if=ShowIf("tolk", ("ja",)),
                    max_length=100,
                    width="half",
                ),
                Field(
                    "bradska",
                    "Hur bråttom är det?",
                    kind="radio",
                    options=(
                        Option("omedelbart", "Mycket bråttom – planering behövs direkt"),
                        Option("dagar", "Inom några dagar"),
                        Option("vanlig", "Det kan planeras i vanlig takt"),
                    ),
                ),
            ),
        ),
    ),
)


# --- facts --------------------------------------------------------------------------------------

_FIELDS = tuple(
    item for section in FORM.sections for item in section.items if isinstance(item, Field)
)
_LABELS = {fld.name: {o.value: o.label for o in fld.options} for fld in _FIELDS}
_FREE_TEXT = ("annan_aktor", "tolk_sprak")


def _normalize(answers: object) -> dict:
    """Every question's answer as the user sees it: hidden or malformed answers are empty."""
    seen = visible_answers(FORM, answers)
    out: dict = {}
    for fld in _FIELDS:
        value = seen.get(fld.name)
        if fld.kind == "checkbox":
            out[fld.name] = value is True
        elif fld.kind == "checkboxes":
            out[fld.name] = value if isinstance(value, list) else []
        else:
            text = value if isinstance(value, str) else ""
            out[fld.name] = " ".join(text.split())[: fld.limit] if fld.name in _FREE_TEXT else text
    return out


def facts(answers: object) -> dict[str, bool]:
    """The named facts of the registry (``forms/lan/gemensamt.toml``, ``[fakta]``)."""
    return _facts(_normalize(answers))


def _facts(a: dict) -> dict[str, bool]:
    v = set(a["verksamheter"])
    soc = "socialtjanst" in v
    hsv_k, hsv_r = "kommunal_hsv" in v, "regionens_hsv" in v
    sjukhus = a["slutenvard"] in ("inskriven", "utskrivningsklar")
    hsv = hsv_k or hsv_r or sjukhus
    skola = "skola" in v
    externa = bool(v & {"forsakringskassan", "arbetsformedlingen", "annan"})
    kommun = soc or hsv_k
    barn, vuxen = a["alder"] == "barn", a["alder"] == "vuxen"
    vald = a["vald"]
    samtycke = a["samtycke"]
    groups = set(a["grupper"])
    return {
        "socialtjanst": soc,
        "kommunal_hsv": hsv_k,
        "regionens_hsv": hsv_r,
        "skola": skola,
        "externa": externa,
        "utanfor_lagen": externa or skola,
        "kommun": kommun,
        "lagkrav": soc and hsv,
        "tva_av_tre": sum((soc, hsv, skola)) >= 2,
        "flera_verksamheter": len(v) >= 2,
        "samordning_ja": a["samordning"] == "ja",
        "samordning_nej": a["samordning"] == "nej",
        "samordning_oklar": a["samordning"] in ("", "vet_inte"),
        "har_sip": a["annan_plan"] == "sip",
        "annan_samordnad_plan": a["annan_plan"] == "annan",
        "ingen_annan_plan": a["annan_plan"] == "nej",
        "barn": barn,
        "vuxen": vuxen,
        "gemensam_vardnad": barn and a["vardnad"] == "gemensam",
        "barnets_asikt_saknas": barn and a["barnets_asikt"] != "ja",
        "samtycke_givet": samtycke == "givet",
        "samtycke_nej": samtycke == "nej",
        "samtycke_aterkallat": samtycke == "aterkallat",
        "samtycke_vagrat": samtycke in ("nej", "aterkallat"),
        "kan_inte_samtycka": vuxen and a["kan_samtycka"] in ("nej", "osaker"),
        "saknar_foretradare": vuxen and a["foretradare"] in ("nej", "vet_inte"),
        "sjukhus": sjukhus,
        "utskrivningsklar": a["slutenvard"] == "utskrivningsklar",
        "sjukhus_och_kommun": sjukhus and kommun,
        "fore_utskrivning": sjukhus and bool(a["fore_utskrivning"]),
        "tvang": a["tvangsvard"] in ("lpt", "lrv"),
        "tvang_lpt": a["tvangsvard"] == "lpt",
        "tvang_lrv": a["tvangsvard"] == "lrv",
        "skyddade": a["skyddade"],
        "skyddade_eller_vald": a["skyddade"] or vald,
        "vald": vald,
        "barn_i_bilden": vald and (barn or a["vald_barn"] == "ja"),
        "forelder_forovare": vald and a["vald_forelder"] in ("ja", "misstanke"),
        "forelder_okand": vald and a["vald_forelder"] == "vet_inte",
        "lvu": vald and a["vald_lvu"],
        "grupp_psykisk_missbruk": "psykisk_missbruk" in groups,
        "grupp_psykisk_funktion": "psykisk_funktion" in groups,
        "grupp_barn_psykosocialt": "barn_psykosocialt" in groups,
        "grupp_demens": "demens" in groups,
        "tolk": a["tolk"] == "ja",
        "bradska": a["bradska"] == "omedelbart",
    }


# --- the assessment ---------------------------------------------------------------------------


def _rows(county: lan.County, f: dict, roll: str, decision: str = "") -> list[lan.Rule]:
    return [
        r
        for r in county.regler
        if r.roll == roll and (not decision or r.beslut == decision) and r.applies(f)
    ]


def _decide(county: lan.County, f: dict) -> tuple[str, str, list[lan.Rule]]:
    """``(decision point, verdict, reasons)``: the first decision whose deciding row holds."""
    for decision in lan.DECISIONS:
        rows = _rows(county, f, "skal", decision)
        deciding = [r for r in rows if r.avgor]
        if decision == "sip":
            verdict = ERBJUD_SIP if deciding else KAN_BEHOVAS
            return decision, verdict, deciding + [r for r in rows if not r.avgor]
        if deciding:
            return (
                decision,
                DECISION_VERDICTS[decision],
                deciding + [r for r in rows if not r.avgor],
            )
    raise AssertionError("the 'sip' decision always decides")  # pragma: no cover


def _with_context(decision: str, verdict: str, county: lan.County, f: dict) -> list[lan.Rule]:
    """Reasons shown after the deciding ones: presumed needs also show the basis."""
    if verdict == BEHOV_PRESUMERAS:
        return _rows(county, f, "skal", "sip")
    return []


def _for_result(rows: list[lan.Rule], decision: str, verdict: str, f: dict) -> list[lan.Rule]:
    return [
        r
        for r in rows
        if (not r.beslut or r.beslut == decision)
        and (not r.utfall or verdict in r.utfall)
        and r.applies(f)
    ]


def _summary(county: lan.County, decision: str, verdict: str, f: dict, a: dict) -> str:
    rows = _for_result(list(county.rules("sammanfattning")), decision, verdict, f)
    if rows:
        return rows[0].text
    if verdict == INTE_SIP:
        return f"{_only_one(f)} Då är det inte en SIP enligt lagen."
    if verdict == ERBJUD_SIP:
        if f["samtycke_givet"]:
            return "Villkoren för en SIP är uppfyllda och samtycke finns. Kalla till SIP-möte."
        return "Villkoren för en SIP är uppfyllda. Erbjud personen en SIP och fråga om samtycke."
    return {
        ANNAN_PLAN: "Insatserna planeras i en annan plan än en SIP.",
        SAMTYCKE_SAKNAS: "Personen har inte samtyckt till en SIP.",
        NOGGRANN_BEDOMNING: "Gör en noggrann bedömning innan du kallar till möte.",
        BEHOV_PRESUMERAS: "Länets dokument säger att behov av en plan förutsätts. Erbjud en SIP.",
        KAN_BEHOVAS: "En SIP kan behövas. Bedöm det tillsammans med personen.",
    }[verdict]


def _only_one(f: dict) -> str:
    """Which single side the answers involve (the answers described, not a rule)."""
    hsv = f["kommunal_hsv"] or f["regionens_hsv"]
    if f["socialtjanst"] and not hsv:
        return "Bara socialtjänsten finns med bland behoven, inte hälso- och sjukvården."
    if hsv and not f["socialtjanst"]:
        if f["kommunal_hsv"] and f["regionens_hsv"]:
            return (
                "Kommunens och regionens hälso- och sjukvård finns med, men inte "
                "socialtjänsten. Båda räknas som hälso- och sjukvård."
            )
        return "Bara hälso- och sjukvården finns med bland behoven, inte socialtjänsten."
    return "Varken socialtjänsten eller hälso- och sjukvården finns med bland behoven."


def _sections(county: lan.County, f: dict) -> list[dict]:
    registry = lan.registry()
    out = []
    for topic in registry.topics.values():
        if not topic.in_assessment or not topic.applies(f):
            continue
        items = [r.as_item() for r in county.rules("regel") if r.amne == topic.id and r.applies(f)]
        if items:
            out.append({"title": topic.title, "items": items})
    return out


def _items(rows: list[lan.Rule]) -> list[dict]:
    seen, out = set(), []
    for row in rows:
        if row.display_text not in seen:
            seen.add(row.display_text)
            out.append(row.as_item())
    return out


# verksamhet -> (kallelse "aktor" option, participant name printed on the kallelse)
_KALLELSE_AKTOR = {
    "socialtjanst": ("kommun", "Socialtjänsten"),
    "kommunal_hsv": ("kommun", "Kommunens hälso- och sjukvård"),
    "regionens_hsv": ("oppen_vard", "Regionens hälso- och sjukvård, öppen vård"),
    "skola": ("skola", "Förskola eller skola"),
    "forsakringskassan": ("forsakringskassan", "Försäkringskassan"),
    "arbetsformedlingen": ("arbetsformedlingen", "Arbetsförmedlingen"),
    "annan": ("annan", "Annan aktör"),
}


def _prefill(a: dict, f: dict, verdict: str) -> dict:
    """Answers for the kallelse blankett (field names of ``forms.blanketter.kallelse.FORM``)."""
    out: dict = {"lan": a["lan"]}
    participants = []
    for option in VERKSAMHETER:
        if option.value not in a["verksamheter"]:
            continue
        aktor, name = _KALLELSE_AKTOR[option.value]
        if option.value == "annan" and a["annan_aktor"]:
            name = a["annan_aktor"]
        participants.append({"verksamhet": name, "aktor": aktor})
        if option.value == "regionens_hsv" and f["sjukhus"]:
            participants.append({"verksamhet": "Slutenvården", "aktor": "sluten_vard"})
    if participants:
        out["deltagare"] = participants
    if a["tolk"]:
        out["tolk"] = a["tolk"]
        if f["tolk"] and a["tolk_sprak"]:
            out["tolk_sprak"] = a["tolk_sprak"]
    if f["skyddade"]:
        out["skyddade_personuppgifter"] = True
    if f["vald"]:
        out["vald"] = True
    if verdict in (BEHOV_PRESUMERAS, ERBJUD_SIP):
        out["behov_sip"] = "ja"
    if f["samtycke_givet"]:
        out["samtycke"] = "ja"
        if f["barn"]:
            out["samtycke_av"] = "vardnadshavare"
        elif f["kan_inte_samtycka"] and a["foretradare"] == "ja":
            out["samtycke_av"] = "foretradare"
        elif f["vuxen"] and a["kan_samtycka"] == "ja":
            out["samtycke_av"] = "personen"
    elif a["samtycke"] in ("ej_fragat", "nej", "aterkallat"):
        out["samtycke"] = "nej"
    return out


def assess(answers: dict) -> dict:
    """The needs assessment for ``answers`` (any dict; see the module docstring)."""
    a = _normalize(answers)
    county_id = a["lan"]
    counties = lan.registry().counties
    if county_id not in counties:
        return {
            "verdict": OFULLSTANDIG,
            "verdict_label": VERDICTS[OFULLSTANDIG],
            "summary": "Välj län, så visar vi vad rutinerna där säger.",
            "reasons": [],
            "sections": [],
            "checklist": _advice(
                "Välj det län där personen får sina insatser.",
                "Kryssa i vilka verksamheter som ger eller behöver ge stöd.",
            ),
            "headings": HEADINGS,
            "kallelse": False,
            "kallelse_prefill": {},
        }
    county = counties[county_id]
    f = _facts(a)
    if not a["verksamheter"]:
        verdict, reasons = OFULLSTANDIG, []
        summary = "Kryssa i vilka verksamheter som ger eller behöver ge stöd."
        checklist = _advice(summary)
    else:
        decision, verdict, rows = _decide(county, f)
        rows += _with_context(decision, verdict, county, f)
        reasons = _items(rows)
        summary = _summary(county, decision, verdict, f, a)
        checklist = _items(_for_result(list(county.rules("steg")), decision, verdict, f))
    return {
        "verdict": verdict,
        "verdict_label": VERDICTS[verdict],
        "summary": summary,
        "reasons": reasons,
        "sections": _sections(county, f),
        "checklist": checklist,
        "headings": HEADINGS,
        "kallelse": verdict in KALLELSE_VERDICTS,
        "kallelse_prefill": _prefill(a, f, verdict),
    }


def _advice(*texts: str) -> list[dict]:
    """Steps that only say how to use this tool."""
    return [{"text": t, "source": "", "short": "", "href": "", "link": ""} for t in texts]


# --- validation and PDF -----------------------------------------------------------------------

_PNR_IN_TEXT = re.compile(r"(?<!\d)(\d{2})?\d{6}[-+ ]?\d{4}(?!\d)")


def validate(answers: dict) -> Result:
    """Generic validation, plus: no personnummer in the free-text answers."""
    from .validation import validate_form

    result = validate_form(FORM, answers)
    for name in _FREE_TEXT:
        value = result.answers.get(name)
        if isinstance(value, str) and _PNR_IN_TEXT.search(value):
            result.errors.append(
                FieldError(
                    name,
                    "Skriv inte personnummer här. Bedömningen behöver inga personuppgifter.",
                )
            )
    return result


def _answer_rows(a: dict) -> list[tuple[str, str]]:
    rows = []
    seen = visible_answers(FORM, a)
    for fld in _FIELDS:
        value = a.get(fld.name) if fld.name in seen else None
        if fld.kind == "checkbox":
            if value:
                rows.append((fld.label, "Ja"))
        elif fld.kind == "checkboxes":
            if value:
                rows.append((fld.label, ", ".join(_LABELS[fld.name][v] for v in value)))
        elif value:
            rows.append((fld.label, _LABELS[fld.name].get(value, value) if fld.options else value))
    return rows


def _source_line(item: dict) -> str:
    if not item["source"]:
        return ""
    line = f"Källa: {item['source']}."
    if item["link"]:
        line += f" På SIP-portalen: {item['link']}."
    return line


def render(answers: dict, *, created: datetime | None = None, variant: str | None = None) -> bytes:
    """The assessment as a PDF; ``answers`` should be the cleaned answers from :func:`validate`."""
    from .pdf import SipDocument

    if variant:
        raise ValueError(f"unknown variant {variant!r}")
    result = assess(answers)
    a = _normalize(answers)
    title = "Behöver personen en SIP? – stöd för bedömning"
    doc = SipDocument(
        title, subject="Behovsbedömning för samordnad individuell plan", created=created
    )
    doc.heading(title)
    doc.paragraph(
        "Det här är ett stöd för bedömningen, inte ett beslut. Bedömningen görs av dig och "
        "din verksamhet tillsammans med personen. Varje punkt säger vilket av länets dokument "
        "den bygger på, eller att den är SIP-portalens eget råd.",
        bold=True,
    )
    if a["lan"] in LAN:
        doc.field("Län", LAN[a["lan"]])
    doc.heading("Resultat", 2)
    doc.paragraph(result["verdict_label"], size=12, bold=True)
    doc.paragraph(result["summary"])
    groups = [(HEADINGS["reasons"], result["reasons"])]
    groups += [(s["title"], s["items"]) for s in result["sections"]]
    for heading, items in groups:
        if not items:
            continue
        doc.heading(heading, 2)
        for item in items:
            doc.bullets([item["text"]])
            if _source_line(item):
                doc.paragraph(_source_line(item), size=8.5)
    if result["checklist"]:
        doc.heading(HEADINGS["checklist"], 2)
        for step in result["checklist"]:
            doc.checkbox(step["text"], False)
    doc.heading(HEADINGS["answers"], 2)
    rows = _answer_rows(a)
    if rows:
        doc.fields(rows)
    else:
        doc.paragraph("Inga svar.")
    doc.paragraph("Frågor som du inte svarade på, eller som inte gällde, visas inte.", size=8.5)
    doc.embed_answers(FORM.id, answers)
    return doc.output()

"""Needs assessment: "Behöver personen en SIP?" (widget id ``behovsbedomning``).

The user answers a few questions (county, which verksamheter are involved, consent, special
situations); :func:`assess` answers at once with a verdict, the reasons behind it and what the
county's own documents say about consent, kallelse, coordination, deadlines and so on. Every
reason and every item names its source document and links to the portal page that publishes it.
No personal data is asked for: the assessment needs none.

API
---
``FORM``
    The questions (:class:`~forms.schema.Form`). Only ``lan`` and ``verksamheter`` are
    required; everything else may be left out.
``validate(answers) -> Result``
    Generic validation plus: no personnummer in the free-text fields.
``assess(answers) -> dict``
    Cheap (well under a millisecond; no PDF, no heavy imports), called on every change in the
    browser, never raises, accepts partial or malformed answers. Returns plain JSON::

        {
          "verdict": "erbjud_sip",                      # one of VERDICTS
          "verdict_label": "Erbjud SIP",
          "summary": "One Swedish sentence.",
          "reasons": [{"text": ..., "source": ..., "href": ...}, ...],   # decisive first
          "sections": [{"title": "Samtycke", "items": [{"text", "source", "href"}, ...]}, ...],
          "checklist": ["Swedish imperative step", ...],
          "kallelse_prefill": {...},                    # answers for the kallelse blankett
        }

    ``kallelse_prefill`` uses the field names and option values of
    ``forms.blanketter.kallelse.FORM``: ``lan``; ``deltagare`` (a list of
    ``{"verksamhet": name, "aktor": kommun | oppen_vard | sluten_vard | skola |
    forsakringskassan | arbetsformedlingen | annan}``, slutenvården added when the person is in
    hospital); ``tolk`` ("ja"/"nej") and ``tolk_sprak``; ``skyddade_personuppgifter`` (True);
    ``samtycke`` ("ja"/"nej") and ``samtycke_av`` (personen | vardnadshavare | foretradare).

    ``source`` is printable text, e.g. ``"Region Värmland, Riktlinje SIP – Grupper där behov
    förutsätts"``; ``href`` is relative to the site root, e.g.
    ``"varmland/riktlinje/#grupper-dar-behov-forutsatts"``. Where a county's documents are
    silent on a topic, the item says so (:data:`SILENT`) instead of borrowing another county's
    rule. Section titles: Samtycke, Deltagare, Kallelse, Samordningsansvar, Tidsfrister, Tolk,
    Slutenvård och utskrivning, Särskild försiktighet, Dokumentation (a section is left out
    when it does not apply).
``render(answers, *, created=None, variant=None) -> bytes``
    The assessment as a PDF: verdict, reasons with sources, sections, checklist, the answers.

Verdicts
--------
``ofullstandig``  Svara på fler frågor – the county or the needs question is missing.
``annan_plan``    En annan plan gäller – samordnad vårdplan (LPT 7 a §, LRV 12 a §),
                  samordnad utskrivningsplanering, or revise the existing SIP / plan.
``inte_sip``      Inte en SIP enligt lagen – only one huvudman is involved (in Kalmar län:
                  fewer than two of socialtjänst, hälso- och sjukvård and skola).
``samtycke_saknas`` Samtycke saknas – consent refused or withdrawn.
``noggrann_bedomning`` Gör en noggrann bedömning först – Värmland: våld in close relations where
                  a parent is or is suspected to be the perpetrator, or LVU with the social
                  services as temporary guardian.
``behov_presumeras`` Behov av SIP förutsätts – Värmland's presumed-need groups.
``erbjud_sip``    Erbjud SIP – the legal (or Kalmar agreement) basis holds and coordination is
                  needed.
``kan_behovas``   SIP kan behövas – bedöm tillsammans med den enskilde.

Precedence (the first rule that applies decides; the same order in every county, while each
county's documents decide whether a rule applies and what the reasons say):

1. ``ofullstandig``: no county, or no verksamhet ticked.
2. ``annan_plan``: öppen psykiatrisk tvångsvård / öppen rättspsykiatrisk vård.
3. ``annan_plan``: utskrivningsklar from slutenvård and the kommun is involved (in Kalmar län
   not when a situation calling for a SIP before discharge is ticked).
4. ``inte_sip``: no basis for a SIP.
5. ``samtycke_saknas``: consent refused or withdrawn.
6. ``noggrann_bedomning`` (Värmland only).
7. ``annan_plan``: an existing SIP (all counties), or another coordinated plan that does the job
   (Värmland only; Kalmar uses it as a basis for the SIP, Jönköping is silent).
8. ``behov_presumeras`` (Värmland only).
9. ``erbjud_sip``: coordination needed (Kalmar: both socialtjänst and hälso- och sjukvård
   unless the user says no coordination is needed, per the anvisning).
10. ``kan_behovas``: otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from .schema import Field, FieldError, Form, Option, Result, Section, ShowIf

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

SILENT = "Länets dokument säger inget om detta."

LAN: dict[str, str] = {
    "varmland": "Värmlands län",
    "kalmar": "Kalmar län",
    "jonkoping": "Jönköpings län",
}

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
                "Riktlinjen i Värmland nämner fem grupper där du ska utgå från att en SIP "
                "behövs. Den femte, våld i nära relation, finns under Särskilda situationer."
            ),
            show_if=ShowIf("lan", ("varmland",)),
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
                        "Anvisningen i Kalmar län nämner de här exemplen på när ett SIP-möte kan "
                        "behövas redan före utskrivningen."
                    ),
                    show_if=ShowIf("lan", ("kalmar",)),
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

# --- sources ----------------------------------------------------------------------------------

_VR = "Region Värmland, Riktlinje SIP"
_VRR = "Region Värmland, Rutin SIP med Cosmic Link (reviderad)"
_VRES = "Region Värmland, Reservrutin"
_KA = "Kalmar län, Praktiska anvisningar SIP"
_KB1 = "Kalmar län, Bilaga 1 Kalla till SIP"
_KB2 = "Kalmar län, Bilaga 2 Dokumentera SIP"
_JK = "Region Jönköpings län, Att göra en SIP"
_LAG = "SIP-portalen, Lagrum"


def _slug(heading: str) -> str:
    """Python-Markdown's default heading id (toc extension ``slugify``)."""
    value = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


# key: (document, page served at, heading in that page or "" for the page itself)
_SOURCES: dict[str, tuple[str, str, str]] = {
    # Värmland – riktlinje
    "vr_lagar": (_VR, "varmland/riktlinje/", "Lagar och vägledning"),
    "vr_nar": (_VR, "varmland/riktlinje/", "När en plan ska upprättas"),
    "vr_grupper": (_VR, "varmland/riktlinje/", "Grupper där behov förutsätts"),
    "vr_sa_gar": (_VR, "varmland/riktlinje/", "Så går det till"),
    "vr_ansvar": (_VR, "varmland/riktlinje/", "Samordningsansvar"),
    "vr_skola": (_VR, "varmland/riktlinje/", "Skolans ställning"),
    "vr_aktorer": (_VR, "varmland/riktlinje/", "Samverkan med andra aktörer"),
    "vr_ersatter": (_VR, "varmland/riktlinje/", "Det här ersätter inte en SIP"),
    # Värmland – revised rutin
    "vrr_nar": (_VRR, "varmland/rutin-reviderad/", "När SIP kan behövas"),
    "vrr_bedom": (_VRR, "varmland/rutin-reviderad/", "Bedöm behovet"),
    "vrr_samtycke": (_VRR, "varmland/rutin-reviderad/", "Information och samtycke"),
    "vrr_barn": (_VRR, "varmland/rutin-reviderad/", "Barn"),
    "vrr_vald": (_VRR, "varmland/rutin-reviderad/", "SIP vid våldsutsatthet"),
    "vrr_skyddade": (_VRR, "varmland/rutin-reviderad/", "Skyddade personuppgifter"),
    "vrr_deltagare": (_VRR, "varmland/rutin-reviderad/", "Mötesdeltagare"),
    "vrr_ansvarig": (_VRR, "varmland/rutin-reviderad/", "Samordningsansvarig"),
    "vrr_kallelse": (_VRR, "varmland/rutin-reviderad/", "Kallelse"),
    "vrr_dok": (_VRR, "varmland/rutin-reviderad/", "Dokumentation och återkoppling"),
    "vres_blanketter": (_VRES, "varmland/reservrutin/", "Blanketterna"),
    "vr_lan": ("Region Värmland, riktlinje och rutin för SIP", "varmland/", ""),
    # Kalmar län
    "k_nar": (_KA, "kalmar/praktiska-anvisningar/", "När SIP ska göras"),
    "k_tidigt": (_KA, "kalmar/praktiska-anvisningar/", "SIP i tidigt skede"),
    "k_skola": (_KA, "kalmar/praktiska-anvisningar/", "Skolan är en likvärdig part"),
    "k_initiativ": (_KA, "kalmar/praktiska-anvisningar/", "Vem tar initiativet?"),
    "k_samtycke": (_KA, "kalmar/praktiska-anvisningar/", "Så får du samtycke"),
    "k_nej": (_KA, "kalmar/praktiska-anvisningar/", "Om den enskilde inte samtycker"),
    "k_forberedelse": (_KA, "kalmar/praktiska-anvisningar/", "Förberedelse"),
    "k_utskrivning": (_KA, "kalmar/praktiska-anvisningar/", "SIP i samband med utskrivning"),
    "k_fore": (_KA, "kalmar/praktiska-anvisningar/", "När SIP behövs före utskrivning"),
    "k_efter": (_KA, "kalmar/praktiska-anvisningar/", "Vem kallar efter utskrivning"),
    "k_inskrivning": (
        _KA, "kalmar/praktiska-anvisningar/", "Om det redan finns en SIP vid inskrivning"
    ),
    "k_kallelse": (_KA, "kalmar/praktiska-anvisningar/", "Kallelse"),
    "k_tre_veckor": (_KA, "kalmar/praktiska-anvisningar/", "Tidsgräns: inom tre veckor"),
    "k_vem_kallar": (_KA, "kalmar/praktiska-anvisningar/", "Vem kallar och hur?"),
    "k_blankett": (
        _KA,
        "kalmar/praktiska-anvisningar/",
        "Kallelseblankett för den som saknar Cosmic Link",
    ),
    "k_tolk": (_KA, "kalmar/praktiska-anvisningar/", "Tolk"),
    "k_fel": (_KA, "kalmar/praktiska-anvisningar/", "Om kallelsen når fel verksamhet"),
    "k_ansvarig": (_KA, "kalmar/praktiska-anvisningar/", "Utse samordningsansvarig"),
    "k_dok": (_KA, "kalmar/praktiska-anvisningar/", "Var dokumenteras planen?"),
    "k_skriva": (_KA, "kalmar/praktiska-anvisningar/", "Så skriver du planen"),
    "k_godkanna": (_KA, "kalmar/praktiska-anvisningar/", "Godkänna planen"),
    "k_uppfoljning": (_KA, "kalmar/praktiska-anvisningar/", "Uppföljning"),
    "k_lpt": (_KA, "kalmar/praktiska-anvisningar/", "Undantag vid LPT och LRV"),
    "k_def": (_KA, "kalmar/definitioner/", "Definitioner"),
    "k_b1_samtycke": (_KB1, "kalmar/bilaga-1-kallelse/", "Steg 3: Vårdkontakt och samtycke"),
    "k_b1_aktorer": (_KB1, "kalmar/bilaga-1-kallelse/", "Steg 4: Lägg till aktörer"),
    "k_b2_version": (_KB2, "kalmar/bilaga-2-dokumentera/", "Steg 5: Följ upp med en ny version"),
    "k_b2_avsluta": (_KB2, "kalmar/bilaga-2-dokumentera/", "Steg 6: Avsluta SIP"),
    "k_lan": ("Kalmar län, Praktiska anvisningar SIP med bilagor", "kalmar/", ""),
    # Region Jönköpings län
    "j_steg1": (_JK, "jonkoping/sju-steg/", "Steg 1: Bedöm behovet av SIP"),
    "j_steg2": (_JK, "jonkoping/sju-steg/", "Steg 2: Samtycke"),
    "j_foretradare": (_JK, "jonkoping/sju-steg/", "Närstående och företrädare"),
    "j_barn": (_JK, "jonkoping/sju-steg/", "Barn under 18 år"),
    "j_steg3": (_JK, "jonkoping/sju-steg/", "Steg 3: Förbered tillsammans med den enskilde"),
    "j_drojsmal": (_JK, "jonkoping/sju-steg/", "Utan dröjsmål"),
    "j_steg4": (_JK, "jonkoping/sju-steg/", "Steg 4: Bjud in till SIP-mötet"),
    "j_ansvar": (_JK, "jonkoping/sju-steg/", "Vem har det övergripande ansvaret?"),
    "j_dok": (_JK, "jonkoping/sju-steg/", "Dokumentera planen"),
    "j_1177": (_JK, "jonkoping/sju-steg/", "Planen når den enskilde via 1177"),
    "j_genomfor": (_JK, "jonkoping/sju-steg/", "Genomför insatserna"),
    "j_kostnad": (_JK, "jonkoping/sju-steg/", "Kostnad för den enskilde"),
    "j_steg6": (_JK, "jonkoping/sju-steg/", "Steg 6: Följ upp"),
    "j_steg7": (_JK, "jonkoping/sju-steg/", "Steg 7: Avsluta"),
    "j_lan": (_JK, "jonkoping/", ""),
    # The law (applies in every county)
    "lag_sip": (_LAG, "lagrum/", "Samordnad individuell plan"),
    "lag_utskrivning": (_LAG, "lagrum/", "Utskrivning från sluten hälso- och sjukvård"),
    "lag_lpt": (_LAG, "lagrum/", "Psykiatrisk tvångsvård och rättspsykiatrisk vård"),
}


def _build_refs() -> dict[str, tuple[str, str]]:
    refs: dict[str, tuple[str, str]] = {}
    for key, (document, page, heading) in _SOURCES.items():
        if heading:
            refs[key] = (f"{document} – {heading}", f"{page}#{_slug(heading)}")
        else:
            refs[key] = (document, page)
    return refs


#: key -> (source text, href relative to the site root); every href the assessment can return.
REFS: dict[str, tuple[str, str]] = _build_refs()

_COUNTY_REF = {"varmland": "vr_lan", "kalmar": "k_lan", "jonkoping": "j_lan"}


def _item(text: str, ref: str) -> dict:
    source, href = REFS[ref]
    return {"text": text, "source": source, "href": href}


def _silent(lan: str, topic: str) -> dict:
    """An item saying the county's documents are silent on ``topic``."""
    return _item(f"{topic}: {SILENT}", _COUNTY_REF[lan])


# --- answers ----------------------------------------------------------------------------------


def _plan_fields() -> tuple[tuple[ShowIf | None, Field], ...]:
    out = []
    for section in FORM.sections:
        for item in section.items:
            if isinstance(item, Field):
                out.append((section.show_if, item))
    return tuple(out)


_FIELDS = _plan_fields()
_OPTIONS = {fld.name: {o.value for o in fld.options} for _, fld in _FIELDS}
_LABELS = {fld.name: {o.value: o.label for o in fld.options} for _, fld in _FIELDS}


def _normalize(answers: object) -> dict:
    """The answers the user can see, cleaned; hidden or malformed answers become empty.

    Fields are read in form order, so a follow-up whose question is hidden is hidden too.
    """
    raw = answers if isinstance(answers, dict) else {}
    out: dict = {}
    for section_if, fld in _FIELDS:
        visible = (section_if is None or section_if.matches(out)) and (
            fld.show_if is None or fld.show_if.matches(out)
        )
        value = raw.get(fld.name) if visible else None
        if fld.kind == "checkbox":
            out[fld.name] = value is True or value in ("true", "on", "1", "ja")
        elif fld.kind == "checkboxes":
            values = value if isinstance(value, list) else [value]
            allowed = _OPTIONS[fld.name]
            out[fld.name] = list(
                dict.fromkeys(v for v in values if isinstance(v, str) and v in allowed)
            )
        elif fld.kind in ("radio", "select"):
            out[fld.name] = value if isinstance(value, str) and value in _OPTIONS[fld.name] else ""
        else:
            out[fld.name] = " ".join(value.split())[: fld.limit] if isinstance(value, str) else ""
    return out


class _Facts:
    """The answers plus the derived facts the rules need."""

    def __init__(self, a: dict) -> None:
        self.a = a
        self.lan: str = a["lan"]
        v = set(a["verksamheter"])
        self.verksamheter = v
        self.soc = "socialtjanst" in v
        self.hsv_k = "kommunal_hsv" in v
        self.hsv_r = "regionens_hsv" in v
        self.hsv = self.hsv_k or self.hsv_r
        self.skola = "skola" in v
        self.externa = sorted(v & {"forsakringskassan", "arbetsformedlingen", "annan"})
        self.legal = self.soc and self.hsv
        self.kommun = self.soc or self.hsv_k
        self.samordning: str = a["samordning"]
        self.annan_plan: str = a["annan_plan"]
        self.barn = a["alder"] == "barn"
        self.vuxen = a["alder"] == "vuxen"
        self.samtycke: str = a["samtycke"]
        self.kan_inte_samtycka = self.vuxen and a["kan_samtycka"] in ("nej", "osaker")
        self.gemensam_vardnad = self.barn and a["vardnad"] == "gemensam"
        self.sjukhus = a["slutenvard"] in ("inskriven", "utskrivningsklar")
        self.utskrivningsklar = a["slutenvard"] == "utskrivningsklar"
        self.tvang: str = a["tvangsvard"] if a["tvangsvard"] in ("lpt", "lrv") else ""
        self.skyddade: bool = a["skyddade"]
        self.vald: bool = a["vald"]
        self.barn_i_bilden = self.vald and (self.barn or a["vald_barn"] == "ja")
        self.forelder_forovare = self.vald and a["vald_forelder"] in ("ja", "misstanke")
        self.lvu = self.vald and a["vald_lvu"]
        self.tolk = a["tolk"] == "ja"
        self.sprak: str = a["tolk_sprak"]
        self.bradska: str = a["bradska"]

    def only_one(self) -> str:
        """Describe which single side is involved, for the ``inte_sip`` reason."""
        if self.soc and not self.hsv:
            return "Bara socialtjänsten finns med bland behoven, inte hälso- och sjukvården."
        if self.hsv and not self.soc:
            if self.hsv_k and self.hsv_r:
                return (
                    "Kommunens och regionens hälso- och sjukvård finns med, men inte "
                    "socialtjänsten. Båda räknas som hälso- och sjukvård."
                )
            return "Bara hälso- och sjukvården finns med bland behoven, inte socialtjänsten."
        return "Varken socialtjänsten eller hälso- och sjukvården finns med bland behoven."


def _labels(name: str, values: list[str]) -> str:
    labels = [_LABELS[name][v].lower() for v in values]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " och " + labels[-1]


_EXTERNA_NAMN = {
    "forsakringskassan": "Försäkringskassan",
    "arbetsformedlingen": "Arbetsförmedlingen",
    "annan": "andra aktörer",
}


def _externa(f: _Facts) -> str:
    names = [_EXTERNA_NAMN[v] for v in f.externa]
    if f.skola:
        names.insert(0, "förskolan eller skolan")
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]


# --- the county rules -------------------------------------------------------------------------


class _County:
    """Rules for one county. Each method returns reasons/items from that county's documents
    only (plus the law, which applies everywhere); ``[]`` means the rule does not apply."""

    lan = ""

    def basis(self, f: _Facts) -> bool:
        return f.legal

    def basis_reasons(self, f: _Facts) -> list[dict]:
        raise NotImplementedError

    def no_basis_reasons(self, f: _Facts) -> list[dict]:
        raise NotImplementedError

    def tvang_reasons(self, f: _Facts) -> list[dict]:
        raise NotImplementedError

    def utskrivning_reasons(self, f: _Facts) -> list[dict]:
        raise NotImplementedError

    def refusal_reasons(self, f: _Facts) -> list[dict]:
        raise NotImplementedError

    def careful_reasons(self, f: _Facts) -> list[dict]:
        return []

    def existing_plan_reasons(self, f: _Facts) -> list[dict]:
        raise NotImplementedError

    def presumed_reasons(self, f: _Facts) -> list[dict]:
        return []

    def offer(self, f: _Facts) -> bool:
        return f.samordning == "ja"

    def signs_reasons(self, f: _Facts, verdict: str) -> list[dict]:
        raise NotImplementedError

    def sections(self, f: _Facts, verdict: str) -> list[dict]:
        raise NotImplementedError

    def checklist(self, f: _Facts, verdict: str) -> list[str]:
        raise NotImplementedError


def _tvang_law(f: _Facts) -> dict:
    which = (
        "öppen psykiatrisk tvångsvård, planeras insatserna i en samordnad vårdplan enligt "
        "7 a § lagen om psykiatrisk tvångsvård (LPT)"
        if f.tvang == "lpt"
        else "öppen rättspsykiatrisk vård, planeras insatserna i en samordnad vårdplan enligt "
        "12 a § lagen om rättspsykiatrisk vård (LRV)"
    )
    return _item(f"Ska personen få {which}, inte i en SIP.", "lag_lpt")


def _section(title: str, items: list[dict]) -> dict | None:
    return {"title": title, "items": items} if items else None


class _Varmland(_County):
    lan = "varmland"

    def basis_reasons(self, f):
        return [
            _item(
                "Personen behöver insatser från både socialtjänsten och hälso- och sjukvården. "
                "Då ska de tillsammans med personen göra en plan, om den behövs och personen "
                "samtycker. Socialtjänstens insatser enligt LSS, LVU och LVM räknas in.",
                "vr_lagar",
            )
        ]

    def no_basis_reasons(self, f):
        out = [
            _item(
                f.only_one() + " En SIP enligt lagen kräver behov av insatser från både "
                "socialtjänsten (även LSS, LVU och LVM) och hälso- och sjukvården.",
                "vr_lagar",
            )
        ]
        if f.externa or f.skola:
            out.append(
                _item(
                    "Försäkringskassan, Arbetsförmedlingen, förskola, skola och "
                    "frivilligorganisationer omfattas inte av lagen om SIP. De kan bjudas in "
                    "men är inte skyldiga att delta.",
                    "vrr_deltagare",
                )
            )
        if f.skola:
            out.append(
                _item(
                    "Förskola, skola och elevhälsa är inte skyldiga att kalla till SIP, men de "
                    "har en skyldighet att samverka enligt andra lagar.",
                    "vr_skola",
                )
            )
        return out

    def tvang_reasons(self, f):
        return [_tvang_law(f), _silent(self.lan, "Öppen tvångsvård och SIP")]

    def utskrivning_reasons(self, f):
        return [
            _item(
                "Personen är utskrivningsklar. Då gäller samordnad utskrivningsplanering. En "
                "SIP är oftast långsiktig och ersätter inte den planeringen.",
                "vr_ersatter",
            ),
            _item(
                "Behöver personen efter utskrivningen insatser från både regionen och kommunen "
                "utses en fast vårdkontakt. Den fasta vårdkontakten kallar till SIP i samband "
                "med sjukhusvistelsen (lag 2017:612, 4 kap. 1 §).",
                "vr_lagar",
            ),
        ]

    def refusal_reasons(self, f):
        out = []
        if f.samtycke == "aterkallat":
            out.append(
                _item("Personen har tagit tillbaka sitt samtycke. Det får man göra när som helst.",
                      "vrr_samtycke")
            )
        out.append(
            _item(
                "Utan samtycke blir det ingen SIP. Säger personen nej fast verksamheterna ser "
                "ett behov ska nejet dokumenteras i akten eller journalen.",
                "vrr_samtycke",
            )
        )
        if f.vald:
            out.append(
                _item(
                    "Gäller det våldsutsatthet ska nejet dokumenteras säkert, till exempel i "
                    "mallen för våldsutsatthet i Cosmic.",
                    "vrr_samtycke",
                )
            )
        return out

    def careful_reasons(self, f):
        out = []
        if f.barn_i_bilden and f.forelder_forovare:
            out.append(
                _item(
                    "Det finns barn med i bilden och en förälder är förövare eller misstänks "
                    "vara det. Bedöm noggrant om en SIP alls ska göras eller om frågan ska lösas "
                    "på annat sätt. Väg in hotbilden, förövarens insikt och om förövaren går i "
                    "egen behandling.",
                    "vrr_vald",
                )
            )
        if f.lvu:
            out.append(
                _item(
                    "Barnet vårdas enligt LVU och socialtjänsten är tillfällig vårdnadshavare. "
                    "Rutinen säger att SIP om möjligt ska undvikas då. Rådgör med socialtjänsten "
                    "(i din eller en annan kommun) eller BUP:s traumateam om du är osäker.",
                    "vrr_vald",
                )
            )
        return out

    def existing_plan_reasons(self, f):
        if f.annan_plan == "sip":
            return [
                _item(
                    "Personen har redan en SIP. Kontakta den samordningsansvariga, som håller "
                    "kontakten med personen och kallar till nya möten när det behövs.",
                    "vrr_ansvarig",
                ),
                _item(
                    "Har omständigheterna ändrats så att planeringen påverkas? Då är det den "
                    "samordningsansvariga du ska kontakta.",
                    "vrr_dok",
                ),
            ]
        if f.annan_plan == "annan":
            return [
                _item(
                    "Det finns redan en annan samordnad plan som täcker behoven. Rutinen räknar "
                    "med att en SIP kan behövas först när ingen sådan plan finns.",
                    "vrr_nar",
                ),
                _item(
                    "En vårdgivares egen plan för personen är något annat: den ersätts inte av "
                    "en SIP och räknas inte som en samordnad plan.",
                    "vr_ersatter",
                ),
            ]
        return []

    def presumed_reasons(self, f):
        groups = [_LABELS["grupper"][g].lower() for g in f.a["grupper"]]
        if f.vald:
            groups.append("våld i nära relation")
        if not groups:
            return []
        text = ", ".join(groups[:-1]) + " och " + groups[-1] if len(groups) > 1 else groups[0]
        return [
            _item(
                f"Personen hör till en grupp där riktlinjen säger att du ska utgå från att en "
                f"plan behövs: {text}.",
                "vr_grupper",
            )
        ]

    def signs_reasons(self, f, verdict):
        signs = []
        if len(f.verksamheter) >= 2:
            signs.append("flera verksamheter ger eller behöver ge stöd")
        if f.samordning == "ja":
            signs.append("insatserna behöver samordnas")
        if f.annan_plan == "nej":
            signs.append("det finns ingen annan samordnad plan")
        out = []
        if signs:
            out.append(
                _item(
                    "Tecken på att en SIP kan behövas: " + ", ".join(signs) + ".", "vrr_nar"
                )
            )
        if f.samordning in ("", "vet_inte"):
            out.append(
                _item(
                    "Det är inte klart om insatserna behöver samordnas. Bedöm det tillsammans "
                    "med personen – personens önskemål och behov är vägledande.",
                    "vrr_bedom",
                )
            )
        elif f.samordning == "nej":
            out.append(
                _item(
                    "Ni bedömer att samordning inte behövs. Stäm av med personen – personens "
                    "önskemål och behov är vägledande.",
                    "vrr_bedom",
                )
            )
        return out

    def sections(self, f, verdict):
        L = self.lan
        samtycke = [
            _item(
                "Informera personen om syftet och målet med samordningen. Personen samtycker "
                "till att ett möte hålls, och kan ta tillbaka samtycket när som helst.",
                "vrr_samtycke",
            )
        ]
        if f.kan_inte_samtycka:
            samtycke.append(
                _item(
                    "Kan personen inte lämna samtycke frågar du i första hand den legala "
                    "företrädaren.",
                    "vrr_samtycke",
                )
            )
            if f.a["foretradare"] in ("nej", "vet_inte"):
                samtycke.append(_silent(L, "Samtycke när det inte finns någon legal företrädare"))
        if f.barn:
            samtycke.append(
                _item(
                    "Vårdnadshavarna samtycker både till mötet och till vilka verksamheter som "
                    "kallas.",
                    "vrr_barn",
                )
            )
            if f.gemensam_vardnad:
                samtycke.append(
                    _item(
                        "Barnet har två vårdnadshavare: samtycke behövs från båda. Rutinen säger "
                        "det uttryckligen för SIP vid våld, även när den ena är förövare eller "
                        "misstänks vara det.",
                        "vrr_vald",
                    )
                )
            samtycke.append(
                _item(
                    "Barnet har rätt att säga vad det tycker, och barnets inställning ska "
                    "klargöras så långt det går. Synpunkterna väger tyngre ju äldre och mognare "
                    "barnet är. Barnet deltar i planeringen om det är lämpligt.",
                    "vrr_barn",
                )
            )
        samtycke.append(
            _item(
                "Har personen samtyckt men vill eller orkar inte vara med? Planeringen kan "
                "ändå genomföras om behovet finns.",
                "vrr_samtycke",
            )
        )

        deltagare = [
            _item(
                "Planera mötet tillsammans med personen. Personen har stort inflytande över vem "
                "som deltar och bestämmer själv om närstående ska vara med.",
                "vrr_deltagare",
            ),
            _item(
                "Verksamheter inom hälso- och sjukvård och socialtjänst är enligt lag skyldiga "
                "att delta. De väljer själva vem som företräder dem.",
                "vrr_kallelse",
            ),
        ]
        if f.externa or f.skola:
            deltagare.append(
                _item(
                    f"{_externa(f)[0].upper()}{_externa(f)[1:]} omfattas inte av lagen om SIP. "
                    "De kan bjudas in, men är inte skyldiga att komma.",
                    "vrr_deltagare",
                )
            )
        if f.skola:
            deltagare.append(
                _item(
                    "Förskola, skola och elevhälsa får delta i, ansvara för och kalla till SIP "
                    "när det behövs.",
                    "vr_skola",
                )
            )
        if f.externa:
            deltagare.append(
                _item(
                    "Kommunen ska samverka med andra relevanta aktörer, till exempel "
                    "Försäkringskassan, Arbetsförmedlingen och arbetsgivare, om det inte är "
                    "obehövligt.",
                    "vr_aktorer",
                )
            )

        if f.skyddade or f.vald:
            kallelse = [
                _item(
                    "Kalla per telefon och kom överens om tid och plats. Använd inte Cosmic Link "
                    "för kallelsen – det kan gå att spåra.",
                    "vrr_skyddade",
                )
                if f.skyddade
                else _item(
                    "Vid våldsutsatthet kallar du per telefon. Använd inte Cosmic Link för "
                    "kallelsen.",
                    "vrr_vald",
                )
            ]
        else:
            kallelse = [
                _item(
                    "Skicka kallelsen i Cosmic Link med förslag på tid och plats.",
                    "vrr_kallelse",
                ),
                _item(
                    "Skriv ut kallelsen och skicka den med post till externa parter, till "
                    "exempel Försäkringskassan och Arbetsförmedlingen.",
                    "vrr_kallelse",
                ),
            ]
        kallelse += [
            _item(
                "Den som först ser behovet ansvarar för att kalla de parter som berörs.",
                "vr_sa_gar",
            ),
            _item(
                "De kallade bekräftar att de fått kallelsen och kommer snarast överens om en tid.",
                "vrr_kallelse",
            ),
            _item(
                "Fungerar inte Cosmic Link finns pappersblanketter: Reservrutin Link – SIP "
                "(FOR-18144) och Reservrutin Link – utvärdering SIP (FOR-18147).",
                "vres_blanketter",
            ),
        ]

        ansvar = [
            _item(
                "En namngiven person hos en av huvudmännen utses till samordningsansvarig. "
                "Hen ska arbeta inom hälso- och sjukvård eller socialtjänst. Personens "
                "önskemål och behov styr valet.",
                "vrr_ansvarig",
            )
        ]
        if f.sjukhus:
            ansvar.append(
                _item(
                    "Efter utskrivning från slutenvården är det den fasta vårdkontakten som "
                    "kallar till SIP.",
                    "vr_ansvar",
                )
            )

        frister = [
            _item("Arbetet med planen ska börja utan dröjsmål.", "vr_nar"),
            _item("Personens behov avgör hur snabbt mötet måste hållas.", "vrr_kallelse"),
            _silent(L, "En tidsgräns i dagar eller veckor"),
        ]

        tolk = [_silent(L, "Vem som bokar tolk")] if f.tolk else []

        sluten = []
        if f.sjukhus:
            sluten = [
                _item(
                    "En SIP ersätter inte den samordnade utskrivningsplaneringen för patienter "
                    "som är utskrivningsklara.",
                    "vr_ersatter",
                ),
                _item(
                    "Behöver personen efter utskrivningen insatser från både regionen och "
                    "kommunen kallar den fasta vårdkontakten till SIP i samband med "
                    "sjukhusvistelsen.",
                    "vr_lagar",
                ),
            ]

        forsiktighet = []
        if f.skyddade:
            forsiktighet += [
                _item(
                    "Skyddade personuppgifter: kalla per telefon, inte i Cosmic Link.",
                    "vrr_skyddade",
                ),
                _item(
                    "Dokumentera i Cosmic Link först när mötet är över. Skriv inget som kan "
                    "avslöja var personen vistas.",
                    "vrr_skyddade",
                ),
            ]
        if f.vald:
            forsiktighet += [
                _item(
                    "Våld i nära relation: skydda uppgifterna även om personen inte har "
                    "skyddade personuppgifter. Fråga personen hur hen vill bli kontaktad – per "
                    "telefon, brev eller via någon annan.",
                    "vrr_skyddade",
                ),
                _item(
                    "Håll nere antalet deltagare så att så få uppgifter som möjligt sprids.",
                    "vrr_deltagare",
                ),
                _item(
                    "Hämta in samtycke som vanligt. Kalla per telefon, inte i Cosmic Link. "
                    "Dokumentera gärna i mallen Våldsutsatthet i Cosmic.",
                    "vrr_vald",
                ),
                _item(
                    "Länsstyrelsens pappersblankett för SIP vid våld i nära relation kan med "
                    "fördel användas.",
                    "vrr_vald",
                ),
            ]
            if f.barn_i_bilden:
                forsiktighet += [
                    _item(
                        "Barn är inblandade: gör en orosanmälan. Undvik att ha barnen med på "
                        "SIP-mötet, beroende på ålder och mognad.",
                        "vrr_vald",
                    ),
                    _item(
                        "Båda vårdnadshavarna måste samtycka, även om den ena är eller "
                        "misstänks vara förövare.",
                        "vrr_vald",
                    ),
                    _item(
                        "Den samordningsansvariga hämtar in samtycke som gäller vård, skola och "
                        "socialtjänst när det behövs.",
                        "vrr_vald",
                    ),
                ]
                if f.a["vald_forelder"] == "vet_inte":
                    forsiktighet.append(
                        _item(
                            "Ta reda på om en förälder är eller misstänks vara förövare. I så "
                            "fall krävs en noggrann bedömning av om SIP alls ska göras.",
                            "vrr_vald",
                        )
                    )

        dok = [
            _item(
                "Planen dokumenteras i första hand i Cosmic Link hos varje huvudman. Vid till "
                "exempel våld i nära relation kan den i stället föras på papper och förvaras i "
                "journal eller akt.",
                "vrr_dok",
            )
        ]

        return [
            s
            for s in (
                _section("Samtycke", samtycke),
                _section("Deltagare", deltagare),
                _section("Kallelse", kallelse),
                _section("Samordningsansvar", ansvar),
                _section("Tidsfrister", frister),
                _section("Tolk", tolk),
                _section("Slutenvård och utskrivning", sluten),
                _section("Särskild försiktighet", forsiktighet),
                _section("Dokumentation", dok),
            )
            if s
        ]

    def checklist(self, f, verdict):
        if verdict == INTE_SIP:
            return _not_sip_steps()
        if verdict == ANNAN_PLAN:
            if f.tvang:
                return _tvang_steps(f)
            if f.utskrivningsklar and f.kommun:
                return [
                    "Planera utskrivningen med samordnad utskrivningsplanering.",
                    "Bedöm om personen efter utskrivningen behöver insatser från både regionen "
                    "och kommunen.",
                    "Behövs det: se till att en fast vårdkontakt utses och kallar till SIP.",
                ]
            if f.annan_plan == "sip":
                return [
                    "Kontakta den samordningsansvariga för personens SIP.",
                    "Be om ett nytt möte om behoven eller omständigheterna har ändrats.",
                ]
            return [
                "Kontrollera tillsammans med personen att den befintliga planen täcker behoven.",
                "Gör en SIP om planen inte räcker.",
            ]
        if verdict == SAMTYCKE_SAKNAS:
            steps = ["Dokumentera i akten eller journalen att personen har sagt nej."]
            if f.vald:
                steps.append(
                    "Dokumentera säkert, till exempel i mallen för våldsutsatthet i Cosmic."
                )
            return steps
        if verdict == NOGGRANN_BEDOMNING:
            steps = [
                "Bedöm noggrant om en SIP alls ska göras: väg in hotbild, förövarens insikt och "
                "eventuell egen behandling.",
                "Gör en orosanmälan.",
            ]
            if f.lvu:
                steps.append("Försök undvika SIP när socialtjänsten är tillfällig vårdnadshavare.")
            steps += [
                "Rådgör med socialtjänsten (i din eller en annan kommun) eller BUP:s traumateam "
                "om du är osäker.",
                "Passar en SIP inte: välj ett annat sätt att handlägga ärendet.",
                "Blir det en SIP: hämta samtycke från båda vårdnadshavarna, kalla per telefon, "
                "håll barnen utanför mötet och ha få deltagare.",
            ]
            return steps
        steps = []
        if verdict == KAN_BEHOVAS:
            steps.append(
                "Bedöm tillsammans med personen om insatserna behöver samordnas i en SIP."
            )
        steps += _consent_steps_varmland(f)
        steps.append("Planera mötet tillsammans med personen och bestäm vilka som bjuds in.")
        if f.skyddade or f.vald:
            steps.append("Ring deltagarna och bestäm tid och plats. Kalla inte i Cosmic Link.")
        else:
            steps.append("Skicka kallelsen i Cosmic Link med förslag på tid och plats.")
            steps.append("Skicka kallelsen med post till externa parter, till exempel "
                         "Försäkringskassan och Arbetsförmedlingen.")
        steps += _tolk_step(f)
        steps.append("Utse en samordningsansvarig inom hälso- och sjukvården eller socialtjänsten.")
        if f.skyddade:
            steps.append("Dokumentera efter mötet och utan uppgifter om var personen vistas.")
        return steps


def _consent_steps_varmland(f: _Facts) -> list[str]:
    if f.samtycke == "givet":
        return []
    if f.barn:
        who = "båda vårdnadshavarna" if f.gemensam_vardnad else "vårdnadshavaren"
        steps = [
            f"Fråga {who} om samtycke till mötet och till vilka verksamheter som kallas.",
        ]
        if f.a["barnets_asikt"] != "ja":
            steps.append("Informera barnet och ta reda på vad barnet tycker.")
        return steps
    if f.kan_inte_samtycka:
        return ["Fråga i första hand personens legala företrädare om samtycke."]
    return ["Berätta om syftet med en SIP och fråga personen om samtycke till mötet."]


def _tolk_step(f: _Facts) -> list[str]:
    if not f.tolk:
        return []
    return [f"Se till att det finns tolk på mötet ({f.sprak})." if f.sprak
            else "Se till att det finns tolk på mötet."]


def _not_sip_steps() -> list[str]:
    return [
        "Planera insatserna i din egen verksamhet tillsammans med personen.",
        "Samverka med andra aktörer på annat sätt när det behövs.",
        "Gör en ny bedömning om personen får behov av insatser från både socialtjänsten och "
        "hälso- och sjukvården.",
    ]


def _tvang_steps(f: _Facts) -> list[str]:
    law = "7 a § LPT" if f.tvang == "lpt" else "12 a § LRV"
    return [
        f"Planera insatserna i en samordnad vårdplan enligt {law}.",
        "Ta med de verksamheter i kommunen som ska ge insatser.",
    ]


class _Kalmar(_County):
    lan = "kalmar"

    def _parties(self, f: _Facts) -> int:
        return sum((f.soc, f.hsv, f.skola))

    def basis(self, f):
        return f.legal or self._parties(f) >= 2

    def basis_reasons(self, f):
        out = []
        if f.legal:
            out.append(
                _item(
                    "Personen behöver insatser från både socialtjänsten och hälso- och "
                    "sjukvården. Då ska kommunen och regionen göra en SIP tillsammans, eftersom "
                    "insatserna behöver samordnas.",
                    "k_nar",
                )
            )
        if f.skola:
            out.append(
                _item(
                    "I Kalmar län är skolan en likvärdig part genom en länsöverenskommelse. "
                    "Hälso- och sjukvård, socialtjänst och skola har samma ansvar och är skyldiga "
                    "att delta i SIP."
                    + ("" if f.legal else " Därför räcker det att skolan och en av de andra "
                       "parterna är inblandade – det bygger på överenskommelsen, inte på lagen."),
                    "k_skola",
                )
            )
        return out

    def no_basis_reasons(self, f):
        out = [
            _item(
                f.only_one() + " Enligt lagen ska en SIP göras när personen behöver insatser "
                "från både socialtjänsten och hälso- och sjukvården.",
                "k_nar",
            ),
            _item(
                "I Kalmar län är skolan också part genom en länsöverenskommelse. Men här finns "
                "behov från bara en av parterna socialtjänst, hälso- och sjukvård och skola.",
                "k_skola",
            ),
        ]
        if f.externa:
            out.append(
                _item(
                    "Till exempel Arbetsförmedlingen, Försäkringskassan och polisen är inte "
                    "skyldiga att delta i SIP, men kan bjudas in när det behövs.",
                    "k_skola",
                )
            )
        return out

    def tvang_reasons(self, f):
        return [
            _item(
                "Behöver personen efter utskrivningen öppen psykiatrisk tvångsvård eller öppen "
                "rättspsykiatrisk vård görs planeringen i en samordnad vårdplan i stället för "
                "en SIP (7 a § LPT, 12 a § LRV).",
                "k_lpt",
            )
        ]

    def _fore(self, f: _Facts) -> list[str]:
        return f.a["fore_utskrivning"] if f.sjukhus else []

    def utskrivning_reasons(self, f):
        if self._fore(f):
            return []
        return [
            _item(
                "Personen är utskrivningsklar. I Kalmar län görs SIP i första hand i personens "
                "hem efter utskrivningen, när den korta planeringen för de första dagarna hemma "
                "inte räcker.",
                "k_utskrivning",
            ),
            _item(
                "Det är den fasta vårdkontakten i öppenvården som kallar till SIP i samband med "
                "utskrivningen.",
                "k_efter",
            ),
        ]

    def refusal_reasons(self, f):
        out = []
        if f.samtycke == "aterkallat":
            out.append(
                _item(
                    "Personen har tagit tillbaka sitt samtycke. Det får man göra när som helst.",
                    "k_def",
                )
            )
            out.append(
                _item("En SIP kan avslutas när personen tar tillbaka samtycket.", "k_b2_avsluta")
            )
        out.append(
            _item(
                "Utan samtycke blir det ingen SIP. Då planerar varje verksamhet sina egna "
                "insatser direkt med personen.",
                "k_nej",
            )
        )
        return out

    def existing_plan_reasons(self, f):
        if f.annan_plan != "sip":
            return []
        out = [
            _item(
                "Personen har redan en SIP. Fast vårdkontakt med samordningsansvar eller "
                "samordnaren kallar till uppföljning, och alla aktörer kan ta initiativ till att "
                "tidigarelägga den.",
                "k_uppfoljning",
            ),
            _item(
                "Vid uppföljningen görs en ny version av planen i Cosmic Link.",
                "k_b2_version",
            ),
        ]
        if f.sjukhus:
            out.append(
                _item(
                    "Fanns planen redan när personen skrevs in på sjukhuset? Då följs den upp och "
                    "revideras – eller avslutas och görs om, om det långsiktiga målet har "
                    "ändrats tydligt.",
                    "k_inskrivning",
                )
            )
        return out

    def offer(self, f):
        if f.annan_plan == "annan":
            return False
        if f.legal:
            return f.samordning != "nej"
        return f.samordning == "ja"

    def signs_reasons(self, f, verdict):
        out = []
        fore = self._fore(f)
        if fore:
            out.append(
                _item(
                    "Ett SIP-möte kan behövas redan före utskrivningen: "
                    + _labels("fore_utskrivning", fore)
                    + ".",
                    "k_fore",
                )
            )
        if f.samordning == "ja":
            out.append(
                _item(
                    "Den som ser ett behov av samordning ska erbjuda personen en SIP.",
                    "k_initiativ",
                )
            )
        out.append(
            _item(
                "En SIP kan med fördel göras tidigt, så fort flera huvudmän kommer att behöva "
                "samordna sig – för barn och vuxna och oavsett problem.",
                "k_tidigt",
            )
        )
        if f.annan_plan == "annan":
            out.append(
                _item(
                    "Det finns redan en samordnad plan. Befintliga planer kan användas som "
                    "underlag för en SIP – bedöm tillsammans med personen om en SIP tillför "
                    "något.",
                    "k_kallelse",
                )
            )
        if f.samordning == "nej":
            out.append(_silent(self.lan, "När ni bedömer att samordning inte behövs"))
        return out

    def sections(self, f, verdict):
        L = self.lan
        samtycke = [
            _item(
                "Den som har sett behovet stödjer och motiverar personen att samtycka till SIP.",
                "k_samtycke",
            ),
            _item(
                "Samtycke behövs för att huvudmännen ska få lämna uppgifter till varandra. Det "
                "kan vara skriftligt, muntligt eller underförstått, kan tas tillbaka när som "
                "helst och dokumenteras i journalen.",
                "k_def",
            ),
            _item(
                "Samtycket registreras i Cosmic Link när samordningsärendet skapas. Utan det går "
                "kallelsen inte att skicka.",
                "k_b1_samtycke",
            ),
        ]
        if f.kan_inte_samtycka:
            samtycke.append(_silent(L, "Vem som samtycker när en vuxen inte kan göra det"))
            samtycke.append(
                _item(
                    "Kan personen inte vara med på mötet kan en god man eller förvaltare gå i "
                    "stället och föra personens talan.",
                    "k_samtycke",
                )
            )
        if f.barn:
            samtycke.append(
                _item(
                    "För ett barn är det vårdnadshavarna som samtycker"
                    + (" – vid gemensam vårdnad båda två" if f.gemensam_vardnad else "")
                    + ". Helst samtycker barnet och vårdnadshavarna tillsammans, och barnets egen "
                    "åsikt ska väga tungt.",
                    "k_samtycke",
                )
            )
        samtycke.append(
            _item(
                "Personen, och vid behov de närstående, är med och bestämmer vilka aktörer som "
                "bjuds in.",
                "k_forberedelse",
            )
        )

        deltagare = [
            _item(
                "Hälso- och sjukvård, socialtjänst och skola har samma ansvar och är skyldiga "
                "att delta i SIP enligt överenskommelsen i Kalmar län.",
                "k_skola",
            ),
            _item(
                "Skyldigheten att delta gäller huvudmannen. Hamnar kallelsen hos fel verksamhet "
                "letar den upp rätt aktör inom huvudmannen.",
                "k_fel",
            ),
        ]
        if f.externa:
            deltagare.append(
                _item(
                    "Till exempel Arbetsförmedlingen, Försäkringskassan och polisen är inte "
                    "skyldiga att delta, men kan bjudas in när det behövs.",
                    "k_skola",
                )
            )

        kallelse = [
            _item(
                "Den som kallar kan arbeta i skolan, hälso- och sjukvården eller socialtjänsten. "
                "Kallelsen kan gå per telefon, med post eller i Cosmic Link.",
                "k_vem_kallar",
            ),
            _item(
                "I Cosmic Link skapar du först ett samordningsärende. Välj alltid kommunens "
                "övergripande rubrik och skriv vilka professioner som ska delta.",
                "k_b1_aktorer",
            ),
            _item(
                "Den som saknar Cosmic Link får kallelseblanketten från Vårdgivarwebben, per "
                "post.",
                "k_blankett",
            ),
            _item(
                "Den som kallar har kontakten med personen och de närstående. Ställs mötet in "
                "samma dag meddelar du aktörerna per telefon.",
                "k_vem_kallar",
            ),
        ]
        if f.skola:
            kallelse.append(
                _item(
                    "Skolan använder inte Cosmic Link. Kalla skolan per telefon eller med post.",
                    "k_def",
                )
            )

        ansvar = [
            _item(
                "På SIP-mötet utses en fast vårdkontakt med samordningsansvar eller en "
                "samordnare. Den personen kallar till uppföljningen.",
                "k_ansvarig",
            ),
            _item(
                "En samordnare är anställd inom socialtjänsten eller skolan. En fast vårdkontakt "
                "finns inom hälso- och sjukvården; bara en av personens fasta vårdkontakter har "
                "samordningsansvar.",
                "k_def",
            ),
        ]
        if f.sjukhus:
            ansvar.append(
                _item(
                    "Vid utskrivning från slutenvården kallar den fasta vårdkontakten i "
                    "öppenvården.",
                    "k_efter",
                )
            )

        frister = [
            _item(
                "Starta utan dröjsmål – ofta inom några dagar från att behovet upptäckts och "
                "bedömts.",
                "k_tre_veckor",
            ),
            _item(
                "SIP-mötet bör hållas inom tre veckor från att behovet upptäcktes.",
                "k_tre_veckor",
            ),
        ]
        if f.bradska == "omedelbart":
            frister.append(
                _item("Ibland behövs en planeringsinsats direkt.", "k_tre_veckor")
            )

        tolk = []
        if f.tolk:
            tolk = [
                _item("Den som kallar bokar tolk.", "k_tolk"),
            ]
            if f.sjukhus:
                tolk.append(
                    _item(
                        "Vårdas personen i slutenvården bokar slutenvården tolken.", "k_tolk"
                    )
                )

        sluten = []
        if f.sjukhus:
            sluten = [
                _item(
                    "SIP görs i första hand i personens hem efter utskrivningen.",
                    "k_utskrivning",
                ),
                _item(
                    "Ett SIP-möte före utskrivningen kan behövas, till exempel vid palliativ vård, "
                    "avancerad vård i hemmet eller risk för allvarlig försämring.",
                    "k_fore",
                ),
                _item(
                    "Görs SIP före utskrivningen godkänner slutenvården planen och lämnar den "
                    "till personen.",
                    "k_godkanna",
                ),
                _item(
                    "Den fasta vårdkontakten i öppenvården kallar till SIP vid utskrivning.",
                    "k_efter",
                ),
            ]

        forsiktighet = []
        if f.skyddade:
            forsiktighet.append(_silent(L, "Skyddade personuppgifter"))
        if f.vald:
            forsiktighet.append(_silent(L, "SIP vid våld i nära relation"))

        dok = [
            _item(
                "Planen dokumenteras i Cosmic Link. Regionens deltagare dokumenterar även för "
                "dem som saknar Cosmic Link, till exempel skolan. Deltar inte regionen används "
                "blanketten på Vårdgivarwebben.",
                "k_dok",
            ),
            _item("Skriv planen i du-form.", "k_skriva"),
        ]

        return [
            s
            for s in (
                _section("Samtycke", samtycke),
                _section("Deltagare", deltagare),
                _section("Kallelse", kallelse),
                _section("Samordningsansvar", ansvar),
                _section("Tidsfrister", frister),
                _section("Tolk", tolk),
                _section("Slutenvård och utskrivning", sluten),
                _section("Särskild försiktighet", forsiktighet),
                _section("Dokumentation", dok),
            )
            if s
        ]

    def checklist(self, f, verdict):
        if verdict == INTE_SIP:
            return _not_sip_steps()
        if verdict == ANNAN_PLAN:
            if f.tvang:
                return _tvang_steps(f)
            if f.utskrivningsklar and f.kommun and not self._fore(f):
                return [
                    "Följ anvisningen för utskrivning från sluten hälso- och sjukvård.",
                    "Räcker inte den korta planeringen: planera en SIP i personens hem efter "
                    "utskrivningen.",
                    "Se till att den fasta vårdkontakten i öppenvården kallar.",
                ]
            return [
                "Kontakta fast vårdkontakt med samordningsansvar eller samordnaren.",
                "Be om en tidigare uppföljning om behoven har ändrats.",
                "Gör en ny version av planen i Cosmic Link vid uppföljningen.",
            ]
        if verdict == SAMTYCKE_SAKNAS:
            steps = ["Dokumentera i journalen att personen inte samtycker."]
            if f.samtycke == "aterkallat":
                steps.append("Avsluta planen i Cosmic Link och skriv anledningen.")
            steps.append("Planera din verksamhets egna insatser direkt med personen.")
            return steps
        steps = []
        if verdict == KAN_BEHOVAS:
            steps.append(
                "Bedöm tillsammans med personen om insatserna behöver samordnas i en SIP."
            )
        if f.samtycke != "givet":
            if f.barn:
                who = "båda vårdnadshavarna" if f.gemensam_vardnad else "vårdnadshavaren"
                steps.append(f"Fråga {who} om samtycke, gärna tillsammans med barnet.")
            else:
                steps.append("Stöd och motivera personen att samtycka till SIP.")
        steps.append("Dokumentera samtycket i journalen och registrera det i Cosmic Link.")
        steps.append("Kalla inom några dagar. SIP-mötet bör hållas inom tre veckor.")
        if f.skyddade or f.vald:
            steps.append(
                "Anvisningen säger inget om skyddade personuppgifter eller våld: följ din "
                "verksamhets rutiner för det."
            )
        steps.append(
            "Skapa samordningsärendet i Cosmic Link och välj kommunens övergripande rubrik."
        )
        if f.skola or f.externa:
            steps.append(
                "Kalla dem som saknar Cosmic Link per telefon eller med kallelseblanketten."
            )
        if f.tolk:
            who = "slutenvården" if f.sjukhus else "du som kallar"
            steps.append(f"Boka tolk ({f.sprak or 'språk'}) – det gör {who}.")
        steps.append("Utse fast vårdkontakt med samordningsansvar eller samordnare på mötet.")
        steps.append("Skriv planen i du-form.")
        return steps


class _Jonkoping(_County):
    lan = "jonkoping"

    def basis_reasons(self, f):
        return [
            _item(
                "Personen behöver insatser från både socialtjänsten och hälso- och sjukvården. "
                "Då ska kommunen och regionen göra en SIP tillsammans med personen enligt lagen "
                "(HSL 16 kap. 4 §, SoL 10 kap. 8–9 §§).",
                "lag_sip",
            )
        ]

    def no_basis_reasons(self, f):
        out = [
            _item(
                f.only_one() + " Enligt lagen (HSL 16 kap. 4 §, SoL 10 kap. 8–9 §§) görs en "
                "SIP när personen behöver insatser från både socialtjänsten och hälso- och "
                "sjukvården.",
                "lag_sip",
            )
        ]
        if f.externa or f.skola:
            out.append(
                _item(
                    "Vilka aktörer som bjuds in till en SIP styrs av personens behov, situation "
                    "och önskemål. En aktör som ännu inte känner personen kontaktas separat och "
                    "avgör själv om den deltar.",
                    "j_steg4",
                )
            )
        return out

    def tvang_reasons(self, f):
        return [_tvang_law(f), _silent(self.lan, "Öppen tvångsvård och SIP")]

    def utskrivning_reasons(self, f):
        return [
            _item(
                "Personen är utskrivningsklar. Då gäller samordnad utskrivningsplanering enligt "
                "lagen (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård.",
                "lag_utskrivning",
            ),
            _silent(self.lan, "SIP vid utskrivning från slutenvården"),
        ]

    def refusal_reasons(self, f):
        out = [
            _item(
                "Personen måste samtycka till mötet och till att uppgifter lämnas mellan "
                "huvudmännen. Samtycket kan tas tillbaka.",
                "j_steg2",
            )
        ]
        if f.samtycke == "aterkallat":
            out.append(
                _item(
                    "Tar personen tillbaka samtycket avslutas planeringen. Varje huvudman "
                    "dokumenterar avslutet.",
                    "j_steg7",
                )
            )
        else:
            out.append(_silent(self.lan, "Vad som händer när personen säger nej"))
        return out

    def existing_plan_reasons(self, f):
        if f.annan_plan != "sip":
            return []
        return [
            _item(
                "Personen har redan en SIP. Vid uppföljningen revideras planen eller görs en ny, "
                "beroende på hur stora förändringarna är.",
                "j_steg6",
            ),
            _item(
                "Ändras personens livssituation väsentligt träffas de ansvariga och personen för "
                "att följa upp.",
                "j_genomfor",
            ),
        ]

    def offer(self, f):
        return f.samordning == "ja" and f.annan_plan != "annan"

    def signs_reasons(self, f, verdict):
        out = [
            _item(
                "Arbetet med SIP startar när personalen bedömer att personen behöver "
                "samordnade insatser. Personens och de närståendes egen bedömning väger tungt.",
                "j_steg1",
            )
        ]
        if f.samordning == "nej":
            out.append(
                _item(
                    "Att neka någon en SIP ska bara ske undantagsvis, och skälet ska "
                    "dokumenteras.",
                    "j_steg1",
                )
            )
        if f.annan_plan == "annan":
            out.append(_silent(self.lan, "Om en annan samordnad plan kan ersätta SIP"))
        return out

    def sections(self, f, verdict):
        L = self.lan
        samtycke = [
            _item(
                "Personen samtycker till mötet och till att uppgifter lämnas mellan "
                "huvudmännen. Samtycket kan vara muntligt eller skriftligt; ett muntligt "
                "samtycke dokumenteras i journalen.",
                "j_steg2",
            ),
            _item(
                "Samtycke är aldrig allmänt. Klargör vilka uppgifter som får lämnas och hur "
                "länge samtycket gäller. Personen kan ta tillbaka det.",
                "j_steg2",
            ),
        ]
        if f.kan_inte_samtycka:
            samtycke.append(
                _item(
                    "Den som inte kan lämna samtycke har ändå rätt att få sina insatser "
                    "samordnade i en SIP.",
                    "j_steg2",
                )
            )
            samtycke.append(_silent(L, "Vem som samtycker i personens ställe"))
        samtycke.append(
            _item(
                "Vill personen inte själv delta kan en företrädare delta i stället, om personen "
                "samtycker till det. Närstående får delta om personen vill.",
                "j_foretradare",
            )
        )
        if f.barn:
            samtycke.append(
                _item(
                    "För barn under 18 år samtycker alltid vårdnadshavarna till SIP-mötet"
                    + (" – vid gemensam vårdnad båda" if f.gemensam_vardnad else "")
                    + ". Barnet ska tillfrågas och informeras.",
                    "j_barn",
                )
            )
            samtycke.append(
                _item(
                    "Barnets ålder och mognad avgör om barnet deltar. Barnets önskemål ska "
                    "fram på mötet även om barnet inte är där.",
                    "j_barn",
                )
            )

        deltagare = [
            _item(
                "Personens behov, situation och önskemål avgör vilka aktörer som bjuds in. "
                "Det bestäms tillsammans med personen.",
                "j_steg4",
            ),
            _item(
                "De inbjudna svarar om de kommer. Har någon förhinder utser verksamheten en "
                "ersättare som känner till personens situation.",
                "j_steg4",
            ),
            _silent(L, "Vilka verksamheter som är skyldiga att delta"),
        ]
        if f.externa or f.skola:
            deltagare.append(
                _item(
                    "En viktig aktör som ännu inte känner personen kontaktas separat och "
                    "avgör själv om den ska vara med.",
                    "j_steg4",
                )
            )

        kallelse = [
            _item("Inbjudan till SIP-mötet skickas skriftligt.", "j_steg4"),
            _item("SIP ersätter inte det vanliga remissförfarandet.", "j_steg4"),
            _silent(L, "Kallelse i Cosmic Link eller på papper"),
        ]

        ansvar = [
            _item(
                "Ni bestämmer på mötet vem som får det övergripande ansvaret för planen. "
                "Personens önskemål och behov och insatsernas karaktär styr valet.",
                "j_ansvar",
            ),
            _item(
                "Den ansvariga kallar till uppföljning och följer upp de planerade insatserna.",
                "j_ansvar",
            ),
        ]
        if f.sjukhus:
            ansvar.append(_silent(L, "Vem som kallar vid utskrivning från slutenvården"))

        frister = [
            _item(
                "Arbetet ska börja utan dröjsmål – ibland inom några dagar från att behovet "
                "upptäcktes. Ibland behövs en planeringsinsats direkt.",
                "j_drojsmal",
            ),
            _silent(L, "En tidsgräns för när SIP-mötet ska hållas"),
        ]

        tolk = [_silent(L, "Vem som bokar tolk")] if f.tolk else []

        sluten = []
        if f.sjukhus:
            sluten = [
                _item(
                    "Lagen (2017:612) om samverkan vid utskrivning från sluten hälso- och "
                    "sjukvård gäller i hela landet.",
                    "lag_utskrivning",
                ),
                _silent(L, "SIP vid utskrivning från slutenvården"),
            ]

        forsiktighet = []
        if f.skyddade:
            forsiktighet.append(_silent(L, "Skyddade personuppgifter"))
        if f.vald:
            forsiktighet.append(_silent(L, "SIP vid våld i nära relation"))

        dok = [
            _item(
                "Planen lämnas till personen och, om personen vill, till närstående. Personen "
                "kan läsa sin SIP i 1177:s e-tjänster.",
                "j_1177",
            ),
            _item("SIP-mötet är avgiftsfritt för personen.", "j_kostnad"),
        ]

        return [
            s
            for s in (
                _section("Samtycke", samtycke),
                _section("Deltagare", deltagare),
                _section("Kallelse", kallelse),
                _section("Samordningsansvar", ansvar),
                _section("Tidsfrister", frister),
                _section("Tolk", tolk),
                _section("Slutenvård och utskrivning", sluten),
                _section("Särskild försiktighet", forsiktighet),
                _section("Dokumentation", dok),
            )
            if s
        ]

    def checklist(self, f, verdict):
        if verdict == INTE_SIP:
            return _not_sip_steps()
        if verdict == ANNAN_PLAN:
            if f.tvang:
                return _tvang_steps(f)
            if f.utskrivningsklar and f.kommun:
                return [
                    "Planera utskrivningen enligt lagen (2017:612) om samverkan vid utskrivning.",
                    "Ta reda på vilken lokal rutin som gäller för SIP efter utskrivningen.",
                ]
            return [
                "Kontakta den som har det övergripande ansvaret för personens SIP.",
                "Revidera planen, eller gör en ny om förändringarna är stora.",
            ]
        if verdict == SAMTYCKE_SAKNAS:
            if f.samtycke == "aterkallat":
                return [
                    "Avsluta den samordnade planeringen.",
                    "Dokumentera avslutet i din verksamhet.",
                ]
            return ["Dokumentera att personen inte samtycker och varför."]
        steps = []
        if verdict == KAN_BEHOVAS:
            steps.append(
                "Bedöm tillsammans med personen och närstående om insatserna behöver samordnas."
            )
            if f.samordning == "nej":
                steps.append("Säger ni nej till en SIP: dokumentera skälet.")
        if f.samtycke != "givet":
            if f.barn:
                steps.append("Fråga vårdnadshavarna om samtycke och informera barnet.")
            else:
                steps.append(
                    "Fråga om samtycke till mötet och till att uppgifter lämnas mellan "
                    "huvudmännen."
                )
        steps.append("Klargör vilka uppgifter som får lämnas och hur länge samtycket gäller.")
        if f.skyddade or f.vald:
            steps.append(
                "Länets dokument säger inget om skyddade personuppgifter eller våld: följ din "
                "verksamhets rutiner för det."
            )
        steps.append("Förbered mötet tillsammans med personen och bestäm vilka som ska delta.")
        steps.append("Skicka en skriftlig inbjudan.")
        steps += _tolk_step(f)
        steps.append("Bestäm på mötet vem som har det övergripande ansvaret för planen.")
        return steps


_RULES: dict[str, _County] = {
    "varmland": _Varmland(),
    "kalmar": _Kalmar(),
    "jonkoping": _Jonkoping(),
}

# --- the assessment ---------------------------------------------------------------------------


def _decide(f: _Facts, rules: _County) -> tuple[str, list[dict]]:
    """Apply the precedence order documented in the module docstring."""
    if f.tvang:
        return ANNAN_PLAN, rules.tvang_reasons(f)
    if f.utskrivningsklar and f.kommun:
        reasons = rules.utskrivning_reasons(f)
        if reasons:
            return ANNAN_PLAN, reasons
    if not rules.basis(f):
        return INTE_SIP, rules.no_basis_reasons(f)
    if f.samtycke in ("nej", "aterkallat"):
        return SAMTYCKE_SAKNAS, rules.refusal_reasons(f)
    reasons = rules.careful_reasons(f)
    if reasons:
        return NOGGRANN_BEDOMNING, reasons
    reasons = rules.existing_plan_reasons(f)
    if reasons:
        return ANNAN_PLAN, reasons
    reasons = rules.presumed_reasons(f)
    if reasons:
        return BEHOV_PRESUMERAS, reasons + rules.basis_reasons(f)
    verdict = ERBJUD_SIP if rules.offer(f) else KAN_BEHOVAS
    return verdict, rules.basis_reasons(f) + rules.signs_reasons(f, verdict)


def _summary(f: _Facts, verdict: str) -> str:
    """One Swedish sentence; county-specific where the counties' rules differ."""
    if verdict == ANNAN_PLAN:
        if f.tvang:
            return "Insatserna planeras i en samordnad vårdplan enligt LPT eller LRV, inte i SIP."
        if f.utskrivningsklar and f.kommun:
            return {
                "varmland": "Samordnad utskrivningsplanering gäller först; behövs insatser från "
                "både region och kommun efteråt kallar den fasta vårdkontakten till SIP.",
                "kalmar": "Samordnad utskrivning kommer först; SIP görs i första hand i "
                "personens hem efter utskrivningen.",
                "jonkoping": "Samordnad utskrivningsplanering enligt lagen gäller för den som "
                "är utskrivningsklar.",
            }[f.lan]
        if f.annan_plan == "sip":
            return "Personen har redan en SIP – följ upp och revidera den i stället för en ny."
        return "En annan samordnad plan täcker redan behoven – använd den i stället för en ny SIP."
    if verdict == INTE_SIP:
        if f.lan == "kalmar":
            return (
                "Behoven gäller bara en av parterna socialtjänst, hälso- och sjukvård och skola, "
                "så det blir ingen SIP – men verksamheterna kan ändå samarbeta."
            )
        return (
            "Behoven gäller inte både socialtjänsten och hälso- och sjukvården, så det blir ingen "
            "SIP enligt lagen – men verksamheterna kan ändå samarbeta."
        )
    if verdict == SAMTYCKE_SAKNAS:
        if f.lan == "kalmar":
            return (
                "Utan samtycke blir det ingen SIP – då planerar varje verksamhet sina egna "
                "insatser direkt med personen."
            )
        if f.lan == "varmland":
            return "Utan samtycke blir det ingen SIP – dokumentera nejet i akten eller journalen."
        if f.samtycke == "aterkallat":
            return "Samtycket är återkallat, så den samordnade planeringen avslutas."
        return "Utan samtycke blir det ingen SIP."
    if verdict == NOGGRANN_BEDOMNING:
        return "Gör en noggrann bedömning av om en SIP alls passar innan du kallar till möte."
    if verdict == BEHOV_PRESUMERAS:
        return (
            "Personen hör till en grupp där riktlinjen i Värmland säger att behov av SIP "
            "förutsätts – erbjud en SIP."
        )
    if verdict == ERBJUD_SIP:
        if f.samtycke == "givet":
            return "Villkoren för en SIP är uppfyllda och samtycke finns – kalla till SIP-möte."
        return "Villkoren för en SIP är uppfyllda – erbjud personen en SIP och fråga om samtycke."
    return "En SIP kan behövas – bedöm det tillsammans med personen."


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


def _prefill(f: _Facts) -> dict:
    """Answers for the kallelse blankett (field names of ``forms.blanketter.kallelse.FORM``)."""
    out: dict = {"lan": f.lan}
    participants = []
    for option in VERKSAMHETER:
        if option.value not in f.verksamheter:
            continue
        aktor, name = _KALLELSE_AKTOR[option.value]
        if option.value == "annan" and f.a["annan_aktor"]:
            name = f.a["annan_aktor"]
        participants.append({"verksamhet": name, "aktor": aktor})
        if option.value == "regionens_hsv" and f.sjukhus:
            participants.append({"verksamhet": "Slutenvården", "aktor": "sluten_vard"})
    if participants:
        out["deltagare"] = participants
    if f.a["tolk"]:
        out["tolk"] = f.a["tolk"]
        if f.tolk and f.sprak:
            out["tolk_sprak"] = f.sprak
    if f.skyddade:
        out["skyddade_personuppgifter"] = True
    if f.samtycke == "givet":
        out["samtycke"] = "ja"
        if f.barn:
            out["samtycke_av"] = "vardnadshavare"
        elif f.kan_inte_samtycka and f.a["foretradare"] == "ja":
            out["samtycke_av"] = "foretradare"
        elif f.vuxen and f.a["kan_samtycka"] == "ja":
            out["samtycke_av"] = "personen"
    elif f.samtycke in ("ej_fragat", "nej", "aterkallat"):
        out["samtycke"] = "nej"
    return out


def assess(answers: dict) -> dict:
    """The needs assessment for ``answers`` (any dict; see the module docstring)."""
    a = _normalize(answers)
    lan = a["lan"]
    if not lan:
        return {
            "verdict": OFULLSTANDIG,
            "verdict_label": VERDICTS[OFULLSTANDIG],
            "summary": "Välj län, så visar vi vad rutinerna där säger.",
            "reasons": [],
            "sections": [],
            "checklist": [
                "Välj det län där personen får sina insatser.",
                "Kryssa i vilka verksamheter som ger eller behöver ge stöd.",
            ],
            "kallelse_prefill": {},
        }
    f = _Facts(a)
    rules = _RULES[lan]
    if not f.verksamheter:
        verdict, reasons = OFULLSTANDIG, []
        summary = "Kryssa i vilka verksamheter som ger eller behöver ge stöd."
        checklist = ["Kryssa i vilka verksamheter som ger eller behöver ge stöd."]
    else:
        verdict, reasons = _decide(f, rules)
        summary = _summary(f, verdict)
        checklist = rules.checklist(f, verdict)
    return {
        "verdict": verdict,
        "verdict_label": VERDICTS[verdict],
        "summary": summary,
        "reasons": reasons,
        "sections": rules.sections(f, verdict),
        "checklist": checklist,
        "kallelse_prefill": _prefill(f),
    }


# --- validation and PDF -----------------------------------------------------------------------

_PNR_IN_TEXT = re.compile(r"(?<!\d)(\d{2})?\d{6}[-+ ]?\d{4}(?!\d)")
_FREE_TEXT = ("annan_aktor", "tolk_sprak")


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
    for _, fld in _FIELDS:
        value = a.get(fld.name)
        if fld.kind == "checkbox":
            if value:
                rows.append((fld.label, "Ja"))
        elif fld.kind == "checkboxes":
            if value:
                rows.append((fld.label, ", ".join(_LABELS[fld.name][v] for v in value)))
        elif value:
            rows.append((fld.label, _LABELS[fld.name].get(value, value) if fld.options else value))
    return rows


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
        "din verksamhet tillsammans med personen. Innehållet bygger på länets dokument om SIP.",
        bold=True,
    )
    if a["lan"]:
        doc.field("Län", LAN[a["lan"]])
    doc.heading("Resultat", 2)
    doc.paragraph(result["verdict_label"], size=12, bold=True)
    doc.paragraph(result["summary"])
    if result["reasons"]:
        doc.heading("Skäl", 2)
        for reason in result["reasons"]:
            doc.bullets([reason["text"]])
            doc.paragraph(f"Källa: {reason['source']}", size=8.5)
    for section in result["sections"]:
        doc.heading(section["title"], 2)
        for item in section["items"]:
            doc.bullets([item["text"]])
            doc.paragraph(f"Källa: {item['source']}", size=8.5)
    if result["checklist"]:
        doc.heading("Att göra", 2)
        for step in result["checklist"]:
            doc.checkbox(step, False)
    doc.heading("Dina svar", 2)
    rows = _answer_rows(a)
    if rows:
        doc.fields(rows)
    else:
        doc.paragraph("Inga svar.")
    doc.paragraph("Frågor som du inte svarade på, eller som inte gällde, visas inte.", size=8.5)
    doc.embed_answers(FORM.id, answers)
    return doc.output()

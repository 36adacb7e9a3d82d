"""Content tests for Region Värmland's pages and the common Om SIP pages.

Each test class covers one page (or one source document). The tables pair the page's URL with a
fact taken from the source documents in ../shared/seeds: document ids, versions, dates, legal
references, roles, named forms and systems. A fact must appear verbatim in the page's visible
article text. A last class checks the heading ids that other pages and the needs-assessment
widget link to.
"""

from __future__ import annotations

import re

import pytest
from helpers.sitetext import page_html, page_text

RIKTLINJE = "varmland/riktlinje/"
RUTIN_V3 = "varmland/rutin-cosmic-link/"
RUTIN_REVIDERAD = "varmland/rutin-reviderad/"
RESERVRUTIN = "varmland/reservrutin/"
VARMLAND = "varmland/"
OM_SIP = "om-sip/"
ARBETSGANG = "om-sip/arbetsgang/"
ROLLER = "om-sip/roller/"
SAMTYCKE = "om-sip/samtycke/"
SARSKILDA = "om-sip/sarskilda-situationer/"
AVVIKELSER = "om-sip/avvikelser/"

# The five groups for whom Värmland's riktlinje presumes a need of a plan.
PRESUMED_GROUPS = [
    "Personer med demenssjukdom",
    "både psykisk sjukdom och missbruksproblem",
    "Personer som lever med våld i nära relation",
    "allvarlig psykisk sjukdom och funktionsnedsättning",
    "unga vuxna med omfattande psykosociala behov",
]

# Facts avoid an abbreviation (SIP, LPT, ...) next to punctuation: the abbr extension wraps
# it in <abbr>, and text extraction may put a space there.

# Seed 003: Riktlinje "Samordnad individuell planering (SIP)" (id named in seed 002).
RIKTLINJE_FACTS = [
    (RIKTLINJE, "RIK-17644"),
    (RIKTLINJE, "Hälso- och sjukvård"),
    (RIKTLINJE, "18 § HSL"),
    (RIKTLINJE, "habilitering, rehabilitering och hjälpmedel"),
    (RIKTLINJE, "1 januari 2010"),
    (RIKTLINJE, "HSL (2017:30) 16 kap. 4 §"),
    (RIKTLINJE, "SoL (2025:400), 10 kap. 8 § och 9 §"),
    (RIKTLINJE, "LVM (lagen om vård av missbrukare i vissa fall)"),
    (RIKTLINJE, "Cirkulär 09:66"),
    (RIKTLINJE, "Meddelandeblad 1/2010"),
    (RIKTLINJE, "Samverkanslagen ersatte betalningsansvarslagen"),
    (RIKTLINJE, "1 januari 2018"),
    (RIKTLINJE, "(2017:612), 4 kap. 1 §"),
    (RIKTLINJE, "fast vårdkontakt"),
    (RIKTLINJE, "Elevhälsan"),
    (RIKTLINJE, "samverka enligt annan lagstiftning"),
    (RIKTLINJE, "om det inte är obehövligt"),
    (RIKTLINJE, "arbetsgivare"),
    (RIKTLINJE, "utan dröjsmål"),
    *[(RIKTLINJE, group) for group in PRESUMED_GROUPS],
]

# Seed 000: Rutin RUT-17810 version 3, giltig t.o.m. 2025-03-28.
RUTIN_V3_FACTS = [
    (RUTIN_V3, "RUT-17810"),
    (RUTIN_V3, "Version 3 av RUT-17810"),
    (RUTIN_V3, "2025-03-28"),
    (RUTIN_V3, "Kommunal vård och omsorg, Region Värmland"),
    (RUTIN_V3, "Äldre lagrum i källan"),
    (RUTIN_V3, "2 kap. 7 § SoL och 3 f § HSL"),
    (RUTIN_V3, "10 kap. 8–9 §§"),
    (RUTIN_V3, "16 kap. 4 §"),
    (RUTIN_V3, "den reviderade rutinen"),
    (RUTIN_V3, "Arbetsförmedlingen och Försäkringskassan"),
    (RUTIN_V3, "skyddad identitet"),
    (RUTIN_V3, "samtalsledare"),
    (RUTIN_V3, "ekonomiska resurser"),
    (RUTIN_V3, "hälso- och sjukvården eller socialtjänsten"),
    (RUTIN_V3, "akten eller journalen"),
    (RUTIN_V3, "VIDA"),
    (RUTIN_V3, "Reservrutin Link – Utvärdering SIP"),
    (RUTIN_V3, "Reservrutin Link – Samordnad Individuell Plan"),
    (RUTIN_V3, "Samverkan, avtal och vårdval"),
    (RUTIN_V3, "4 sidor"),
]

# Seed 002: the revised rutin, based on RIK-17644.
RUTIN_REVIDERAD_FACTS = [
    (RUTIN_REVIDERAD, "RIK-17644"),
    (RUTIN_REVIDERAD, "Anges inte i källan"),
    (RUTIN_REVIDERAD, "Annika Lind och Jonas Svensson"),
    (RUTIN_REVIDERAD, "10 kap. 8 § SoL"),
    (RUTIN_REVIDERAD, "3 f § HSL"),
    (RUTIN_REVIDERAD, "16 kap. 4 §"),
    (RUTIN_REVIDERAD, "FOR-18144"),
    (RUTIN_REVIDERAD, "FOR-18147"),
    (RUTIN_REVIDERAD, "våldsutsatthetsmallen i Cosmic"),
    (RUTIN_REVIDERAD, "mallen Våldsutsatthet i Cosmic"),
    (RUTIN_REVIDERAD, "samtycke från båda"),
    (RUTIN_REVIDERAD, "förövarens insikt"),
    (RUTIN_REVIDERAD, "tillfällig vårdnadshavare"),
    (RUTIN_REVIDERAD, "traumateamet på BUP"),
    (RUTIN_REVIDERAD, "orosanmälan"),
    (RUTIN_REVIDERAD, "per telefon. Använd inte Cosmic Link."),
    (RUTIN_REVIDERAD, "Samordnad individuell plan vid våld i nära relation"),
    (RUTIN_REVIDERAD, "Mäns våld mot kvinnor"),
    (RUTIN_REVIDERAD, "Att bli utsatt för våld i nära relationer"),
    (RUTIN_REVIDERAD, "Vårdnadshavare och förälder – att ansvara för ett barn"),
    (RUTIN_REVIDERAD, "per telefon, med brev eller genom en tredje person"),
    (RUTIN_REVIDERAD, "vård, skola och socialtjänst"),
    (RUTIN_REVIDERAD, "RUT-17810 version 3"),
]

# Reservrutin section of seeds 002 and 000.
RESERVRUTIN_FACTS = [
    (RESERVRUTIN, "FOR-18144"),
    (RESERVRUTIN, "FOR-18147"),
    (RESERVRUTIN, "Reservrutin Link – samordnad individuell plan SIP"),
    (RESERVRUTIN, "Reservrutin Link – utvärdering SIP"),
    (RESERVRUTIN, "VIDA"),
    (RESERVRUTIN, "Vårdgivarwebben"),
    (RESERVRUTIN, "rutinens refererade dokument"),
    (RESERVRUTIN, "journal eller akt"),
    (RESERVRUTIN, "För in uppgifterna i Cosmic Link"),
    (RESERVRUTIN, "De är inte FOR-18144 eller FOR-18147"),
    (RESERVRUTIN, "Portalens tomma blanketter"),
]

VARMLAND_FACTS = [
    (VARMLAND, "RIK-17644"),
    (VARMLAND, "RUT-17810"),
    (VARMLAND, "Till och med 2025-03-28"),
    (VARMLAND, "Ersatt"),
    (VARMLAND, "FOR-18144, FOR-18147"),
    (VARMLAND, "kommunerna i Värmlands län och Region Värmland"),
]

OM_SIP_FACTS = [
    (OM_SIP, "16 kap. 4 §"),
    (OM_SIP, "10 kap. 8–9 §§"),
    (OM_SIP, "Det finns ingen annan samordnad plan som motsvarar en SIP"),
    (OM_SIP, "samordnad utskrivningsplanering"),
    (OM_SIP, "samordnad vårdplan"),
    (OM_SIP, "7 a § lagen om psykiatrisk tvångsvård"),
    (OM_SIP, "12 a § lagen om rättspsykiatrisk vård"),
    (OM_SIP, "vårdgivarens egen plan"),
    (OM_SIP, "Så gör länen olika"),
    *[(OM_SIP, group) for group in PRESUMED_GROUPS],
]

ARBETSGANG_FACTS = [
    (ARBETSGANG, "Steg 1: Bedöm behovet"),
    (ARBETSGANG, "Steg 2: Inhämta samtycke"),
    (ARBETSGANG, "Steg 3: Förbered med personen"),
    (ARBETSGANG, "Steg 4: Kalla till"),
    (ARBETSGANG, "Steg 5: Upprätta planen"),
    (ARBETSGANG, "Steg 6: Följ upp"),
    (ARBETSGANG, "Steg 7: Avsluta"),
    (ARBETSGANG, "inom tre veckor"),
    (ARBETSGANG, "kl. 8, 11.30 och 15.00"),
    (ARBETSGANG, "1177 Vårdguidens e-tjänster"),
    (ARBETSGANG, "avgiftsfritt"),
    (ARBETSGANG, "du-form"),
    (ARBETSGANG, "presumerat (underförstått)"),
    (ARBETSGANG, "kallelseblankett på Vårdgivarwebben"),
    (ARBETSGANG, "Avsluta plan"),
    (ARBETSGANG, "Ekonomisk resursfördelning diskuteras inte"),
]

ROLLER_FACTS = [
    (ROLLER, "god man eller en förvaltare"),
    (ROLLER, "Båda måste samtycka vid gemensam vårdnad"),
    (ROLLER, "En namngiven person hos en av huvudmännen"),
    (ROLLER, "fast vårdkontakt med samordningsansvar"),
    (ROLLER, "anställd inom socialtjänsten eller skolan"),
    (ROLLER, "likvärdig part"),
    (ROLLER, "bara en med samordningsansvar"),
    (ROLLER, "Försäkringskassan"),
    (ROLLER, "Arbetsförmedlingen"),
    (ROLLER, "frivilligorganisationer"),
    (ROLLER, "(2017:612), 4 kap. 1 §"),
]

SAMTYCKE_FACTS = [
    (SAMTYCKE, "aldrig är generellt"),
    (SAMTYCKE, "muntligt eller skriftligt"),
    (SAMTYCKE, "presumerat"),
    (SAMTYCKE, "Samtycke till informationsdelning"),
    (SAMTYCKE, "samtycke från båda"),
    (SAMTYCKE, "ålder och mognad"),
    (SAMTYCKE, "legala företrädaren"),
    (SAMTYCKE, "våldsutsatthetsmallen i Cosmic"),
    (SAMTYCKE, "hur länge samtycket gäller"),
]

SARSKILDA_FACTS = [
    (SARSKILDA, "Skyddade personuppgifter"),
    (SARSKILDA, "Kalla inte via Cosmic Link"),
    (SARSKILDA, "var personen vistas"),
    (SARSKILDA, "orosanmälan"),
    (SARSKILDA, "tillfällig vårdnadshavare"),
    (SARSKILDA, "traumateamet på BUP"),
    (SARSKILDA, "(2017:612), 4 kap. 1 §"),
    (SARSKILDA, "palliativa vårdbehov"),
    (SARSKILDA, "lagen (1991:1128) om psykiatrisk tvångsvård"),
    (SARSKILDA, "lagen (1991:1129) om rättspsykiatrisk vård"),
    (SARSKILDA, "7 a § LPT"),
    (SARSKILDA, "12 a § LRV"),
]

AVVIKELSER_FACTS = [
    (AVVIKELSER, "STELLA"),
    (AVVIKELSER, "Samverkan Region – Kommun"),
    (AVVIKELSER, "till exempel uteblir från ett"),
    (AVVIKELSER, "Enligt din lokala rutin"),
    (AVVIKELSER, "rapporteras, åtgärdas, sammanställas och analyseras"),
]

# Heading ids that other pages and the needs-assessment widget may link to.
STABLE_ANCHORS = [
    (ARBETSGANG, "steg-1-bedom-behovet"),
    (ARBETSGANG, "steg-2-inhamta-samtycke"),
    (ARBETSGANG, "steg-3-forbered-med-personen"),
    (ARBETSGANG, "steg-4-kalla-till-sip-mote"),
    (ARBETSGANG, "steg-5-uppratta-planen"),
    (ARBETSGANG, "steg-6-folj-upp"),
    (ARBETSGANG, "steg-7-avsluta"),
    (ARBETSGANG, "tider-och-frister"),
    (OM_SIP, "nar-kan-en-sip-behovas"),
    (OM_SIP, "grupper-dar-behov-forutsatts"),
    (OM_SIP, "det-har-ersatter-inte-sip"),
    (ROLLER, "samordningsansvarig"),
    (ROLLER, "fast-vardkontakt"),
    (ROLLER, "skolan"),
    (SAMTYCKE, "barn-och-unga"),
    (SAMTYCKE, "om-personen-sager-nej"),
    (SARSKILDA, "skyddade-personuppgifter"),
    (SARSKILDA, "vald-i-nara-relation"),
    (SARSKILDA, "lvu"),
    (SARSKILDA, "utskrivning-fran-slutenvard"),
    (SARSKILDA, "lpt-och-lrv"),
    (RIKTLINJE, "grupper-dar-behov-forutsatts"),
    (RIKTLINJE, "skolans-stallning"),
    (RIKTLINJE, "samordningsansvar"),
    (RUTIN_REVIDERAD, "sip-vid-valdsutsatthet"),
    (RUTIN_REVIDERAD, "skyddade-personuppgifter"),
    (RUTIN_REVIDERAD, "samordningsansvarig"),
    (RUTIN_REVIDERAD, "kallelse"),
    (RUTIN_REVIDERAD, "reservrutin"),
]


class TestRiktlinje:
    """Riktlinje RIK-17644 (seed 003)."""

    @pytest.mark.parametrize(("url", "fact"), RIKTLINJE_FACTS)
    def test_fact_on_page(self, site_dir, url, fact):
        """The riktlinje page states the fact."""
        assert fact in page_text(site_dir, url)


class TestRutinCosmicLink:
    """Rutin RUT-17810 version 3 (seed 000)."""

    @pytest.mark.parametrize(("url", "fact"), RUTIN_V3_FACTS)
    def test_fact_on_page(self, site_dir, url, fact):
        """The expired rutin's page states the fact."""
        assert fact in page_text(site_dir, url)

    def test_expiry_warning_rendered(self, site_dir):
        """The dokumentinfo macro renders the expiry warning for 2025-03-28."""
        assert "sip-expired" in page_html(site_dir, RUTIN_V3)

    def test_links_to_revised_rutin(self, site_dir):
        """The expired rutin's page links to the revised rutin."""
        assert 'href="../rutin-reviderad/' in page_html(site_dir, RUTIN_V3)


class TestRutinReviderad:
    """The revised rutin (seed 002)."""

    @pytest.mark.parametrize(("url", "fact"), RUTIN_REVIDERAD_FACTS)
    def test_fact_on_page(self, site_dir, url, fact):
        """The revised rutin's page states the fact."""
        assert fact in page_text(site_dir, url)

    def test_old_law_warning(self, site_dir):
        """The page warns that 3 f § HSL belongs to an older law, and names no SFS number that
        the sources do not give."""
        text = page_text(site_dir, RUTIN_REVIDERAD)
        assert "Äldre lagrum i källan" in text
        assert "den äldre hälso- och sjukvårdslagen" in text
        assert "1982:763" not in text


class TestReservrutin:
    """The reservrutin with the paper forms FOR-18144 and FOR-18147."""

    @pytest.mark.parametrize(("url", "fact"), RESERVRUTIN_FACTS)
    def test_fact_on_page(self, site_dir, url, fact):
        """The reservrutin page states the fact."""
        assert fact in page_text(site_dir, url)


class TestVarmlandOverview:
    """The overview of Värmland's documents."""

    @pytest.mark.parametrize(("url", "fact"), VARMLAND_FACTS)
    def test_fact_on_page(self, site_dir, url, fact):
        """The overview names the document, id or status."""
        assert fact in page_text(site_dir, url)


class TestOmSip:
    """Om SIP: purpose, when a SIP is needed, contents, what it does not replace."""

    @pytest.mark.parametrize(("url", "fact"), OM_SIP_FACTS)
    def test_fact_on_page(self, site_dir, url, fact):
        """The Om SIP page states the fact."""
        assert fact in page_text(site_dir, url)


class TestArbetsgang:
    """Arbetsgång i sju steg."""

    @pytest.mark.parametrize(("url", "fact"), ARBETSGANG_FACTS)
    def test_fact_on_page(self, site_dir, url, fact):
        """The seven-step page states the fact."""
        assert fact in page_text(site_dir, url)

    def test_step_diagram_links_resolve(self, site_dir):
        """Every link in the step diagram points at a heading id on the page."""
        html = page_html(site_dir, ARBETSGANG)
        nav = re.search(r'<nav class="sip-steps".*?</nav>', html, re.S)
        assert nav, "the sip_steg() diagram is missing"
        anchors = re.findall(r'href="#([^"]+)"', nav.group(0))
        assert len(anchors) == 7
        for anchor in anchors:
            assert f'id="{anchor}"' in html


class TestRoller:
    """Roller och ansvar."""

    @pytest.mark.parametrize(("url", "fact"), ROLLER_FACTS)
    def test_fact_on_page(self, site_dir, url, fact):
        """The roles page states the fact."""
        assert fact in page_text(site_dir, url)


class TestSamtycke:
    """Samtycke."""

    @pytest.mark.parametrize(("url", "fact"), SAMTYCKE_FACTS)
    def test_fact_on_page(self, site_dir, url, fact):
        """The consent page states the fact."""
        assert fact in page_text(site_dir, url)


class TestSarskildaSituationer:
    """Särskilda situationer."""

    @pytest.mark.parametrize(("url", "fact"), SARSKILDA_FACTS)
    def test_fact_on_page(self, site_dir, url, fact):
        """The special-situations page states the fact."""
        assert fact in page_text(site_dir, url)


class TestAvvikelser:
    """Avvikelser."""

    @pytest.mark.parametrize(("url", "fact"), AVVIKELSER_FACTS)
    def test_fact_on_page(self, site_dir, url, fact):
        """The deviations page states the fact."""
        assert fact in page_text(site_dir, url)


class TestStableAnchors:
    """Heading ids that other code links to."""

    @pytest.mark.parametrize(("url", "anchor"), STABLE_ANCHORS)
    def test_anchor_exists(self, site_dir, url, anchor):
        """The page has a heading with this id."""
        assert f'id="{anchor}"' in page_html(site_dir, url)

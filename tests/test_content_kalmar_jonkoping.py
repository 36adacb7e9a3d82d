"""Fact → page tests for the Kalmar län and Region Jönköpings län pages and the cross-county
pages (Jämför länen, Lagrum, Ordlista) plus the abbreviation list appended to every page.

Each table pairs a page URL with a fact from the source documents (ids, dates, deadlines,
roles, named forms and systems) that the rendered page must show.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

try:
    from helpers.sitetext import page_text
except ImportError:  # tests/ imported as a package
    from tests.helpers.sitetext import page_text

ROOT = Path(__file__).resolve().parents[1]


def _facts(url: str, facts: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(url, fact) for fact in facts]


KALMAR_INDEX = _facts(
    "kalmar/",
    (
        "RS 2022/1652",
        "Skolan är en likvärdig part.",
        "Mötet inom tre veckor.",
        "Kallelseblankett.",
        "Avvikelser i STELLA.",
        "16 november 2018",
        "1 december 2022 (efter revidering klar i september 2022)",
        "10 augusti 2023",
        "Informationsöverföringsgruppen",
        "10 kap. 8–9 §§ socialtjänstlagen (2025:400)",
    ),
)

KALMAR_ANVISNINGAR = _facts(
    "kalmar/praktiska-anvisningar/",
    (
        "RS 2022/1652",
        "utgåva 2023",
        "skolan är en likvärdig part",
        "Arbetsförmedlingen, Försäkringskassan och polisen",
        "Senast tre veckor efter att behovet upptäcktes",
        "en kallelseblankett på Vårdgivarwebben, under rubriken",
        "Det är den fasta vårdkontakten i öppenvården som har ansvaret.",
        "Patienten har behov av palliativ vård.",
        "suicid eller olycksfall",
        "en god man, en förvaltare eller en vårdnadshavare",
        "planera sina insatser tillsammans med personen",
        "Slutenvården, eftersom den vet vilket språk som behövs",
        "Ring då till alla aktörer.",
        "fysiskt, digitalt, en blandning (hybrid) eller per telefon",
        "Skriv i du-form",
        "Planen behöver inte skrivas under.",
        "7 a § lagen (1991:1128) om psykiatrisk tvångsvård",
        "12 a § lagen (1991:1129) om rättspsykiatrisk vård",
        "ungefär kl. 8.00, kl. 11.30 och kl. 15.00",
        "Länsgemensam ledning i samverkan",
        "16 november 2018",
        "1 december 2022",
        "Informationsöverföringsgruppen",
        "i dag i 10 kap. 8–9 §§ socialtjänstlagen (2025:400)",
    ),
)

KALMAR_DEFINITIONER = _facts(
    "kalmar/definitioner/",
    (
        "RS 2022/1652",
        "Samverkan Region – Kommun",
        "Region Kalmar läns system för avvikelser",
        "men inte för skolan",
        "uteblir från ett möte",
        "Samordnaren är anställd inom socialtjänsten eller skolan.",
        "skriftligt, muntligt eller underförstått (presumerat)",
        "Lagen (1991:1128) om psykiatrisk tvångsvård.",
        "6 kap. 2 § patientlagen (2014:821)",
        "hälso- och sjukvårdsförordningen (2017:80)",
        "25 augusti 2021",
        "8 juni 2022",
        "13 juni 2023",
        "10 augusti 2023",
        "Helene Wendell",
        "Kristin Irebring",
    ),
)

KALMAR_BILAGA_1 = _facts(
    "kalmar/bilaga-1-kallelse/",
    (
        "Meny > Link > Ärendeöversikt",
        "gula rutan",
        "förstoringsglaset",
        "Skapa nytt ärende",
        "rätt enhet och händelsedatum",
        "Samtycke till informationsdelning",
        "Behov av samordnad individuell planering",
        "En orange ring längst till vänster",
        "Lägg till fler alternativ",
        "Externa remitter",
        "Skapa ärende",
        "Nytt meddelande",
        "Kallelse till samordnad individuell planering",
        "Mötestid",
        "Mötesform",
        "Kommentarer",
        "Steg 9: Svara på kallelsen",
        "Steg 10: Deltagare och fler val",
        "Kontrollera efteråt",
    ),
)

KALMAR_BILAGA_2 = _facts(
    "kalmar/bilaga-2-dokumentera/",
    (
        "Steg 1: Lägg till en plan",
        "Planer",
        "Samordnad Individuell Plan",
        "slutenvårdstillfällets vårdkontakt",
        "sipsam",
        "Huvudmål",
        "Samordnaren och personen godkänner planen.",
        "grön bock",
        "Ny version",
        "Historik",
        "Avsluta plan",
        "kommentarsfältet",
        "Steg 6: Avsluta",
    ),
)

JONKOPING_INDEX = _facts(
    "jonkoping/",
    (
        "Region Jönköpings län",
        "sju steg",
        "Mötet kostar inget.",
        "1177 Vårdguidens e-tjänster",
        "Skriftlig inbjudan.",
        "Dokumentet anger inget dokument-id, ingen version och inga datum.",
    ),
)

JONKOPING_SJU_STEG = _facts(
    "jonkoping/sju-steg/",
    (
        "Steg 1: Bedöm behovet av",
        "Steg 2: Samtycke",
        "Steg 3: Förbered tillsammans med personen",
        "Steg 4: Bjud in till",
        "Steg 5: Upprätta",
        "Steg 6: Följ upp",
        "Steg 7: Avsluta",
        "i undantagsfall. Dokumentera då skälet.",
        "Samtycke gäller aldrig generellt.",
        "Ett muntligt samtycke dokumenteras i journalen.",
        "Det gäller alltid, oavsett barnets ålder.",
        "Skicka inbjudan",
        "ersättare som känner väl till personens situation",
        "ersätter inte den vanliga remissen",
        "Plats och datum för uppföljningen är dokumenterade.",
        "1177 Vårdguidens e-tjänster",
        "mötet är kostnadsfritt",
        "räknas inte som ett vårdbesök i Region Jönköpings län",
        "Därför betalar personen ingen avgift för mötet.",
        "Varje huvudman dokumenterar själv att planeringen är avslutad.",
    ),
)

JAMFOR = _facts(
    "jamfor-lanen/",
    (
        "Länets dokument säger inget om detta.",
        "Genom en överenskommelse i Kalmar län är skolan en likvärdig part.",
        "SIP-mötet bör hållas inom tre veckor från att behovet upptäcktes.",
        "Den som kallar till SIP bokar tolk.",
        "Det är en planering och därför avgiftsfritt för personen.",
        "1177 Vårdguidens e-tjänster",
        "Samverkan Region – Kommun",
        "FOR-18144",
        "FOR-18147",
        "RUT-17810",
        "ansvarar varje verksamhet själv för att planera sina insatser tillsammans med personen",
        "Ansvaret har den fasta vårdkontakten i öppenvården.",
        "Gäller när personen är ett barn",
    ),
)

LAGRUM = _facts(
    "lagrum/",
    (
        "10 kap. 8–9 §§ socialtjänstlagen (2025:400)",
        "16 kap. 4 § hälso- och sjukvårdslagen (2017:30)",
        "Lagen (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård",
        "7 a § lagen (1991:1128) om psykiatrisk tvångsvård",
        "12 a § lagen (1991:1129) om rättspsykiatrisk vård",
        "6 kap. 2 § patientlagen (2014:821)",
        "Lagen om stöd och service till vissa funktionshindrade",
        "Lagen med särskilda bestämmelser om vård av unga",
        "Lagen om vård av missbrukare i vissa fall",
        "den äldre socialtjänstlagen",
        "den äldre hälso- och sjukvårdslagen",
        "2 kap. 7 §",
        "3 f §",
        "1 januari 2018",
        "cirkulär 09:66",
        "meddelandeblad 1/2010",
        "Äldre lagrum i källdokumenten",
    ),
)

ORDLISTA = _facts(
    "ordlista/",
    (
        "1177 Vårdguiden",
        "Cosmic Link",
        "Fast vårdkontakt",
        "God man",
        "Förvaltare",
        "Legal företrädare",
        "Närstående",
        "Reservrutin",
        "Samordnad utskrivningsplanering",
        "Samordnad vårdplan",
        "Samordnare",
        "Samordningsansvarig",
        "Skyddade personuppgifter",
        "STELLA",
        "VIDA",
        "Vårdnadshavare",
        "Lagen (1991:1128) om psykiatrisk tvångsvård.",
        "Barn- och ungdomspsykiatri.",
    ),
)

# Numbers the sources do not give must not appear on the legal basis page (correction list of
# the county-rules issue): SFS numbers of LSS, LVU, LVM and of the repealed laws.
LAGRUM_UNSUPPORTED = (
    "1993:387",
    "1990:52",
    "1988:870",
    "2001:453",
    "1982:763",
    "1 april 2017",
    "12 kap.",
    "11–13 kap.",
)

ABBREVIATIONS = {
    "SIP": "Samordnad individuell plan",
    "SoL": "Socialtjänstlagen",
    "HSL": "Hälso- och sjukvårdslagen",
    "LSS": "Lagen om stöd och service till vissa funktionshindrade",
    "LVU": "Lagen med särskilda bestämmelser om vård av unga",
    "LVM": "Lagen om vård av missbrukare i vissa fall",
    "LPT": "Lagen om psykiatrisk tvångsvård",
    "LRV": "Lagen om rättspsykiatrisk vård",
    "BUP": "Barn- och ungdomspsykiatri",
    "FK": "Försäkringskassan",
    "AF": "Arbetsförmedlingen",
}


class _Cells(HTMLParser):
    """Collect the text of table rows (as lists of cells) and of definition terms."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.terms: list[str] = []
        self._cell: list[str] | None = None
        self._term: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "dt":
            self._term = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "dt" and self._term is not None:
            self.terms.append(" ".join("".join(self._term).split()))
            self._term = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._term is not None:
            self._term.append(data)


def _parse(site_dir: Path, url: str) -> _Cells:
    parser = _Cells()
    parser.feed((site_dir / url / "index.html").read_text(encoding="utf-8"))
    return parser


def _swedish_key(term: str) -> str:
    """Sort key for Swedish alphabetical order: å, ä, ö after z."""
    return term.lower().translate(str.maketrans({"å": "{", "ä": "|", "ö": "}"}))


class TestKalmarOversikt:
    """docs/kalmar/index.md."""

    @pytest.mark.parametrize(("url", "fact"), KALMAR_INDEX)
    def test_fact_on_page(self, site_dir: Path, url: str, fact: str) -> None:
        """The Kalmar overview shows the fact."""
        assert fact in page_text(site_dir, url)


class TestKalmarPraktiskaAnvisningar:
    """docs/kalmar/praktiska-anvisningar.md (seed 004, RS 2022/1652)."""

    @pytest.mark.parametrize(("url", "fact"), KALMAR_ANVISNINGAR)
    def test_fact_on_page(self, site_dir: Path, url: str, fact: str) -> None:
        """The anvisning page shows the fact from the source."""
        assert fact in page_text(site_dir, url)


class TestKalmarDefinitioner:
    """docs/kalmar/definitioner.md (seed 004: definitions, STELLA, change history)."""

    @pytest.mark.parametrize(("url", "fact"), KALMAR_DEFINITIONER)
    def test_fact_on_page(self, site_dir: Path, url: str, fact: str) -> None:
        """The definitions page shows the fact from the source."""
        assert fact in page_text(site_dir, url)

    def test_change_history_has_four_rows(self, site_dir: Path) -> None:
        """The change history table lists the four dated changes."""
        rows = [
            r for r in _parse(site_dir, "kalmar/definitioner/").rows if r and r[0][:1].isdigit()
        ]
        assert [r[0] for r in rows] == [
            "25 augusti 2021",
            "8 juni 2022",
            "13 juni 2023",
            "10 augusti 2023",
        ]


class TestKalmarBilaga1:
    """docs/kalmar/bilaga-1-kallelse.md (seed 004, Bilaga 1)."""

    @pytest.mark.parametrize(("url", "fact"), KALMAR_BILAGA_1)
    def test_fact_on_page(self, site_dir: Path, url: str, fact: str) -> None:
        """Bilaga 1 names the Cosmic Link field or button."""
        assert fact in page_text(site_dir, url)

    def test_ten_steps(self) -> None:
        """Bilaga 1 has exactly the ten numbered steps of the source."""
        text = (ROOT / "docs" / "kalmar" / "bilaga-1-kallelse.md").read_text(encoding="utf-8")
        assert re.findall(r"^## Steg (\d+):", text, flags=re.M) == [str(n) for n in range(1, 11)]


class TestKalmarBilaga2:
    """docs/kalmar/bilaga-2-dokumentera.md (seed 004, Bilaga 2)."""

    @pytest.mark.parametrize(("url", "fact"), KALMAR_BILAGA_2)
    def test_fact_on_page(self, site_dir: Path, url: str, fact: str) -> None:
        """Bilaga 2 names the Cosmic Link field or button."""
        assert fact in page_text(site_dir, url)

    def test_six_steps(self) -> None:
        """Bilaga 2 has exactly the six numbered steps of the source."""
        text = (ROOT / "docs" / "kalmar" / "bilaga-2-dokumentera.md").read_text(encoding="utf-8")
        assert re.findall(r"^## Steg (\d+):", text, flags=re.M) == [str(n) for n in range(1, 7)]


class TestJonkopingOversikt:
    """docs/jonkoping/index.md."""

    @pytest.mark.parametrize(("url", "fact"), JONKOPING_INDEX)
    def test_fact_on_page(self, site_dir: Path, url: str, fact: str) -> None:
        """The Jönköping overview shows the fact."""
        assert fact in page_text(site_dir, url)


class TestJonkopingSjuSteg:
    """docs/jonkoping/sju-steg.md (seed 001)."""

    @pytest.mark.parametrize(("url", "fact"), JONKOPING_SJU_STEG)
    def test_fact_on_page(self, site_dir: Path, url: str, fact: str) -> None:
        """The seven-step page shows the fact from the source."""
        assert fact in page_text(site_dir, url)


class TestJamforLanen:
    """docs/jamfor-lanen.md: a topic × county matrix rendered from the county registry."""

    @pytest.mark.parametrize(("url", "fact"), JAMFOR)
    def test_fact_on_page(self, site_dir: Path, url: str, fact: str) -> None:
        """The comparison shows the county-specific fact."""
        assert fact in page_text(site_dir, url)

    def test_a_table_per_topic_with_a_column_per_county(self, site_dir: Path) -> None:
        """Every topic of the registry has its heading and a table whose columns are the three
        counties, each cell holding the county's rows or its silence."""
        from forms import lan

        registry = lan.registry()
        html = (site_dir / "jamfor-lanen" / "index.html").read_text(encoding="utf-8")
        rows = _parse(site_dir, "jamfor-lanen/").rows
        headers = [r for r in rows if r and r[0] == "Jönköpings län"]
        assert len(headers) == len(registry.topics)
        assert all(h == ["Jönköpings län", "Kalmar län", "Värmlands län"] for h in headers)
        bodies = [r for r in rows if len(r) == 3 and r[0] != "Jönköpings län"]
        assert len(bodies) == len(registry.topics)
        assert all(all(cell for cell in body) for body in bodies)
        for topic in registry.topics.values():
            assert f'id="amne-{topic.id.replace("_", "-")}"' in html, topic.id

    def test_topics_can_be_jumped_to(self, site_dir: Path) -> None:
        """A list of topics at the top links to each topic's heading."""
        from forms import lan

        html = (site_dir / "jamfor-lanen" / "index.html").read_text(encoding="utf-8")
        nav = html[html.index('class="sip-topics"') :]
        nav = nav[: nav.index("</nav>")]
        for topic in lan.registry().topics.values():
            assert f'href="#amne-{topic.id.replace("_", "-")}"' in nav

    def test_no_law_or_portal_advice_in_the_matrix(self, site_dir: Path) -> None:
        """The comparison shows what each county's own documents say, not the law or advice."""
        text = page_text(site_dir, "jamfor-lanen/")
        assert "SIP-portalens eget råd" not in text
        assert "Lagen (1991:1128)" not in text


class TestLagrum:
    """docs/lagrum.md: current provisions and the older ones the sources cite."""

    @pytest.mark.parametrize(("url", "fact"), LAGRUM)
    def test_fact_on_page(self, site_dir: Path, url: str, fact: str) -> None:
        """The legal basis page names the provision correctly."""
        assert fact in page_text(site_dir, url)

    @pytest.mark.parametrize("number", LAGRUM_UNSUPPORTED)
    def test_no_number_the_sources_do_not_give(self, site_dir: Path, number: str) -> None:
        """Chapter and SFS numbers that no source gives are not on the page or in the glossary."""
        assert number not in page_text(site_dir, "lagrum/")
        assert number not in page_text(site_dir, "ordlista/")


class TestOrdlista:
    """docs/ordlista.md: a definition list in Swedish alphabetical order."""

    @pytest.mark.parametrize(("url", "fact"), ORDLISTA)
    def test_fact_on_page(self, site_dir: Path, url: str, fact: str) -> None:
        """The glossary explains the term."""
        assert fact in page_text(site_dir, url)

    def test_alphabetical(self, site_dir: Path) -> None:
        """The terms are in Swedish alphabetical order."""
        terms = _parse(site_dir, "ordlista/").terms
        assert len(terms) > 40
        assert terms == sorted(terms, key=_swedish_key)


class TestForkortningar:
    """includes/abbreviations.md: the abbreviations appended to every page."""

    def test_every_line_is_an_abbreviation(self) -> None:
        """Each line is one Markdown abbreviation definition, with no duplicates."""
        lines = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8").splitlines()
        matches = [re.fullmatch(r"\*\[([^\]]+)\]: \S.*", line) for line in lines]
        assert lines and all(matches)
        keys = [m.group(1) for m in matches]
        assert len(keys) == len(set(keys))

    @pytest.mark.parametrize(("abbr", "expansion"), sorted(ABBREVIATIONS.items()))
    def test_expansion(self, abbr: str, expansion: str) -> None:
        """The abbreviation has the expected expansion."""
        text = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
        assert f"*[{abbr}]: {expansion}\n" in text + "\n"

    def test_tooltip_rendered(self, site_dir: Path) -> None:
        """Pages carry the SIP tooltip from the appended list."""
        html = (site_dir / "kalmar" / "praktiska-anvisningar" / "index.html").read_text(
            encoding="utf-8"
        )
        assert '<abbr title="Samordnad individuell plan">SIP</abbr>' in html

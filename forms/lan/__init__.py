"""The county registry: every county's rules for SIP, as data an editor can change.

One TOML file per county (``varmland.toml``, ``kalmar.toml``, ``jonkoping.toml``) holds

- the county's name (one spelling), the region, and the portal folder that publishes it;
- its documents: title, type, document id, version, validity, publisher, where a reader finds
  the document, the portal page, and the document's own sections;
- its sources: a document, the document's own section where it has one, and the portal page
  and heading that publish it;
- who is obliged to take part in a SIP-möte (the ``aktor`` values of the kallelse) and the
  county's own lines for the kallelse;
- for each blankett (``[kallelse]``, ``[plan]``, ``[samtycke]``, ``[uppfoljning]``): the county's
  own lines printed on it (``[[<blankett>.rad]]``, rows like ``[[regel]]``, placed on the
  blankett by their topic, :data:`BLANKETT_TOPICS`) and the choices the county's documents name
  (:data:`CHOICES`, e.g. the kinds of samordningsansvarig), each list with its source;
- its rule rows (``[[regel]]``): a topic, the named facts under which the row applies, the
  Swedish text, the source, and a short fact (``belagg``) that the linked section of the built
  page must contain.

``gemensamt.toml`` holds what every county shares: the topics, the vocabulary of named facts
(computed from the answers by :mod:`forms.behov`), the law as the portal's Lagrum page
summarises it, and the portal's own advice. A county includes such a shared row by its id
(``ref = "…"``), so every row that applies in a county is listed in that county's file.

Nothing in a data file is evaluated: conditions are names of facts. The files are checked when
they are loaded, and so when the site builds: an unknown fact, source, topic, role, verdict or
aktör stops with the file, the row and the reason (:class:`RegistryError`, in Swedish, because
editors read it).

Tests can add counties from another folder with the environment variable ``SIP_LAN_DIR``
(never set on the site).
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED_FILE = "gemensamt.toml"

#: What a row does: a rule shown under its topic, a reason for a verdict, a step in the
#: checklist, or a one-sentence summary of the result.
ROLES = ("regel", "skal", "steg", "sammanfattning")

#: The decision points of the needs assessment, in the order they are tried (forms.behov).
DECISIONS = (
    "tvangsvard",
    "utskrivning",
    "ingen_grund",
    "nej",
    "noggrann",
    "befintlig_plan",
    "forutsatt",
    "sip",
)

#: The verdicts of the needs assessment (forms.behov.VERDICTS holds their labels).
VERDICTS = (
    "ofullstandig",
    "annan_plan",
    "inte_sip",
    "samtycke_saknas",
    "noggrann_bedomning",
    "behov_presumeras",
    "erbjud_sip",
    "kan_behovas",
)

#: The kinds of participant on a kallelse (forms.blanketter.kallelse.AKTORER).
AKTORER = (
    "kommun",
    "oppen_vard",
    "sluten_vard",
    "skola",
    "forsakringskassan",
    "arbetsformedlingen",
    "annan",
)

#: The county lines a blankett prints, by topic: a ``[[<blankett>.rad]]`` row is printed where
#: its topic belongs on that blankett (forms.blanketter). ``kallelse`` rows default to the
#: topic ``kallelse``, the others to the first topic listed.
BLANKETT_TOPICS = {
    "kallelse": ("kallelse", "skyddade", "vald", "reservrutin"),
    "plan": ("planen", "samordningsansvar", "reservrutin"),
    "samtycke": ("samtycke",),
    "uppfoljning": ("uppfoljning", "avslut", "reservrutin"),
}

#: The facts a blankett knows from its own answers; a county line's ``villkor`` may use these.
BLANKETT_FACTS = {
    "kallelse": ("skyddade", "vald", "skyddade_eller_vald"),
    "plan": (),
    "samtycke": ("barn",),
    "uppfoljning": (),
}

#: Choices a county's documents name for a blankett question, from a fixed vocabulary (the
#: blanketter hold the labels): ``{blankett: {choice: allowed values}}``. A county lists the
#: values its documents name, e.g. ``samordningsansvarig = ["samordnare"]``, with the source in
#: ``samordningsansvarig_kalla``.
CHOICES = {
    "plan": {"samordningsansvarig": ("fast_vardkontakt", "samordnare")},
    "samtycke": {"samtyckesform": ("skriftligt", "muntligt", "presumerat")},
}

SILENT = "Länets dokument säger inget om detta."
NOT_GIVEN = "Anges inte i källan"


class RegistryError(ValueError):
    """A data file of the registry is wrong; the message names the file, the row and why."""


def slugify(heading: str) -> str:
    """The id that Python-Markdown's ``toc`` extension gives a heading (its ``slugify``)."""
    value = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


# -- the data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    in_assessment: bool  # shown as a section of the needs assessment's result
    villkor: tuple[str, ...] = ()  # the section shows only when these facts hold

    def applies(self, facts: Mapping[str, bool]) -> bool:
        return all(facts.get(f, False) for f in self.villkor)


@dataclass(frozen=True)
class Document:
    key: str
    typ: str  # "Riktlinje", "Rutin", "Anvisning", "Lagrum", "Råd"
    titel: str
    beteckning: str  # the document id, "" when the document has none
    version: str
    giltig_fran: date | None
    giltig_till: date | None
    utgivare: str
    galler_for: str
    hittas: str  # where a reader finds the document
    sida: str  # the portal page that publishes it, relative to the site root
    avsnitt: tuple[str, ...]  # the document's own sections
    ersatt_av: str  # key of the document that replaces it, or ""
    kort: str  # how a citation names it
    etikett: str  # a short name, where the county is already clear ("Riktlinje RIK-17644")
    seed: str  # internal key of the source text; never printed

    @property
    def expired(self) -> bool:
        return self.giltig_till is not None and self.giltig_till < date.today()


@dataclass(frozen=True)
class Source:
    key: str
    dokument: Document
    avsnitt: str  # the document's own section, or ""
    sida: str  # portal page, relative to the site root
    rubrik: str  # portal heading on that page, or "" for the page itself

    @property
    def citation(self) -> str:
        """The source as a reader names it: document (with its id) and its own section."""
        if not self.avsnitt:
            return self.dokument.kort
        return f"{self.dokument.kort}, avsnittet \u201d{self.avsnitt}\u201d"

    @property
    def short_citation(self) -> str:
        """The citation without the county, for a place where the county is already named."""
        if not self.avsnitt:
            return self.dokument.etikett
        return f"{self.dokument.etikett}, avsnittet \u201d{self.avsnitt}\u201d"

    @property
    def href(self) -> str:
        """Link to the portal heading that publishes the rule, relative to the site root."""
        return f"{self.sida}#{slugify(self.rubrik)}" if self.rubrik else self.sida

    @property
    def link_text(self) -> str:
        return self.rubrik or self.dokument.titel


@dataclass(frozen=True)
class Rule:
    county: str  # county id, or "" for a shared row
    amne: str
    roll: str
    text: str
    kalla: Source
    villkor: tuple[str, ...] = ()
    utom: tuple[str, ...] = ()
    beslut: str = ""
    avgor: bool = False
    utfall: tuple[str, ...] = ()
    belagg: str = ""
    tyst: bool = False  # the county's documents are silent on this
    shared: str = ""  # id of the shared row this one includes
    where: str = ""  # "file, row n" for messages

    def applies(self, facts: Mapping[str, bool]) -> bool:
        """True when every fact in ``villkor`` holds and none in ``utom`` does."""
        return all(facts.get(f, False) for f in self.villkor) and not any(
            facts.get(f, False) for f in self.utom
        )

    @property
    def display_text(self) -> str:
        return f"{self.text}: {SILENT}" if self.tyst else self.text

    @property
    def is_law(self) -> bool:
        return self.kalla.dokument.typ == "Lagrum"

    @property
    def is_advice(self) -> bool:
        return self.kalla.dokument.typ == "Råd"

    def as_item(self) -> dict:
        """The row as the needs assessment returns it (plain JSON)."""
        return {
            "text": self.display_text,
            "source": self.kalla.citation,
            "short": self.kalla.short_citation,
            "href": self.kalla.href,
            "link": self.kalla.link_text,
        }


@dataclass(frozen=True)
class Choice:
    """The values of a blankett question that a county's documents name, and where."""

    values: tuple[str, ...]
    kalla: Source


@dataclass(frozen=True)
class County:
    id: str
    namn: str  # "Värmlands län": the one spelling of the county
    region: str  # "Region Värmland"
    sida: str  # the county's index page, relative to the site root
    dokument: Mapping[str, Document]
    kallor: Mapping[str, Source]
    skyldiga: tuple[str, ...]  # kallelse aktör values obliged to take part
    kallelse: tuple[Rule, ...]  # the county's own lines for the kallelse
    regler: tuple[Rule, ...]
    silent_source: Source  # cited by rows that say the documents are silent
    file: str
    rader: Mapping[str, tuple[Rule, ...]] = field(default_factory=dict)  # blankett -> lines
    val: Mapping[str, Choice] = field(default_factory=dict)  # choice -> named values

    def rules(self, roll: str = "regel") -> tuple[Rule, ...]:
        return tuple(r for r in self.regler if r.roll == roll)

    def lines(
        self, blankett: str, amne: str, facts: Mapping[str, bool] | None = None
    ) -> tuple[Rule, ...]:
        """The county's lines for ``blankett`` under the topic ``amne`` that apply, given
        the ``facts`` the blankett knows (:data:`BLANKETT_FACTS`)."""
        return tuple(
            row
            for row in self.rader.get(blankett, ())
            if row.amne == amne and row.applies(facts or {})
        )

    def choice(self, name: str) -> Choice | None:
        """The values of the choice ``name`` (:data:`CHOICES`) that the county's documents
        name, or ``None`` when they name none."""
        return self.val.get(name)


@dataclass(frozen=True)
class Registry:
    topics: Mapping[str, Topic]
    facts: Mapping[str, str]  # fact id -> Swedish phrase ("personen är ett barn")
    counties: Mapping[str, County]
    shared: Mapping[str, Rule] = field(default_factory=dict)

    def county(self, county_id: str) -> County:
        return self.counties[county_id]

    def condition_text(self, rule: Rule) -> str:
        """When a row applies, in Swedish (``""`` for a row that always applies)."""
        parts = [self.facts[f] for f in rule.villkor]
        text = f"Gäller när {_join(parts)}" if parts else ""
        if rule.utom:
            negated = _join([self.facts[f] for f in rule.utom], "eller")
            text = f"{text}, men inte när {negated}" if text else f"Gäller inte när {negated}"
        return text


def _join(parts: list[str], word: str = "och") -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]


# -- loading and checking ------------------------------------------------------------------------


class _File:
    """One TOML file being read: knows its name for messages."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        try:
            self.data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RegistryError(f"{self.name}: filen är inte giltig TOML ({exc}).") from None

    def fail(self, where: str, reason: str) -> RegistryError:
        return RegistryError(f"{self.name}, {where}: {reason}")

    def text(self, table: Mapping, key: str, where: str, *, required: bool = True) -> str:
        value = table.get(key, "")
        if not isinstance(value, str):
            raise self.fail(where, f"'{key}' ska vara en text inom citattecken.")
        if required and not value.strip():
            raise self.fail(where, f"'{key}' saknas.")
        return value.strip()

    def names(self, table: Mapping, key: str, where: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(where, f"'{key}' ska vara en lista med namn, till exempel [\"barn\"].")
        return tuple(value)

    def when(self, table: Mapping, key: str, where: str) -> date | None:
        value = table.get(key)
        if value in (None, ""):
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(where, f"'{key}' ska vara ett datum, ÅÅÅÅ-MM-DD.") from None


def _documents(f: _File, raw: Mapping) -> dict[str, Document]:
    out = {}
    for key, d in raw.items():
        where = f"dokument '{key}'"
        if not isinstance(d, dict):
            raise f.fail(where, "ska vara en tabell, [dokument.namn].")
        out[key] = Document(
            key=key,
            typ=f.text(d, "typ", where),
            titel=f.text(d, "titel", where),
            beteckning=f.text(d, "beteckning", where, required=False),
            version=f.text(d, "version", where, required=False),
            giltig_fran=f.when(d, "giltig_fran", where),
            giltig_till=f.when(d, "giltig_till", where),
            utgivare=f.text(d, "utgivare", where),
            galler_for=f.text(d, "galler_for", where, required=False),
            hittas=f.text(d, "hittas", where, required=False),
            sida=f.text(d, "sida", where),
            avsnitt=f.names(d, "avsnitt", where),
            ersatt_av=f.text(d, "ersatt_av", where, required=False),
            kort=f.text(d, "kort", where),
            etikett=f.text(d, "etikett", where, required=False) or f.text(d, "kort", where),
            seed=f.text(d, "seed", where, required=False),
        )
    for doc in out.values():
        if doc.ersatt_av and doc.ersatt_av not in out:
            raise f.fail(f"dokument '{doc.key}'", f"'ersatt_av' okänt dokument '{doc.ersatt_av}'.")
    return out


def _sources(f: _File, raw: Mapping, documents: Mapping[str, Document]) -> dict[str, Source]:
    out = {}
    for key, s in raw.items():
        where = f"källa '{key}'"
        if not isinstance(s, dict):
            raise f.fail(where, "ska vara en tabell, [kalla.namn].")
        doc_key = f.text(s, "dokument", where)
        if doc_key not in documents:
            raise f.fail(where, f"okänt dokument '{doc_key}'. Kända: {', '.join(documents)}.")
        doc = documents[doc_key]
        section = f.text(s, "avsnitt", where, required=False)
        if section and section not in doc.avsnitt:
            raise f.fail(
                where,
                f"avsnittet '{section}' finns inte i dokumentet '{doc_key}'. "
                f"Dokumentets avsnitt: {', '.join(doc.avsnitt)}.",
            )
        out[key] = Source(
            key=key,
            dokument=doc,
            avsnitt=section,
            sida=f.text(s, "sida", where, required=False) or doc.sida,
            rubrik=f.text(s, "rubrik", where, required=False),
        )
    return out


class _RowReader:
    """Reads ``[[regel]]`` rows (and shared rows) and checks every name in them."""

    def __init__(
        self,
        f: _File,
        topics: Mapping[str, Topic],
        facts: Mapping[str, str],
        sources: Mapping[str, Source],
        shared: Mapping[str, Rule],
    ) -> None:
        self.f, self.topics, self.facts = f, topics, facts
        self.sources, self.shared = sources, shared

    def read(self, row: Mapping, where: str, county: str, silent: Source | None) -> Rule:
        f = self.f
        if not isinstance(row, dict):
            raise f.fail(where, "ska vara en tabell.")
        if "ref" in row:
            return self._ref(row, where, county)
        amne = f.text(row, "amne", where)
        if amne not in self.topics:
            raise f.fail(where, f"okänt ämne '{amne}'. Kända ämnen: {', '.join(self.topics)}.")
        roll = f.text(row, "roll", where, required=False) or "regel"
        if roll not in ROLES:
            raise f.fail(where, f"okänd roll '{roll}'. Kända roller: {', '.join(ROLES)}.")
        villkor, utom = f.names(row, "villkor", where), f.names(row, "utom", where)
        for fact in (*villkor, *utom):
            if fact not in self.facts:
                raise f.fail(
                    where,
                    f"okänt villkor '{fact}'. Kända villkor finns i {SHARED_FILE}, [fakta].",
                )
        beslut = f.text(row, "beslut", where, required=roll == "skal")
        if beslut and beslut not in DECISIONS:
            raise f.fail(where, f"okänt beslut '{beslut}'. Kända: {', '.join(DECISIONS)}.")
        if beslut and roll == "regel":
            raise f.fail(
                where, "'beslut' hör bara till rader med roll skal, steg eller sammanfattning."
            )
        utfall = f.names(row, "utfall", where)
        if roll in ("steg", "sammanfattning") and not (utfall or beslut):
            raise f.fail(where, f"en rad med roll '{roll}' behöver 'utfall' eller 'beslut'.")
        for verdict in utfall:
            if verdict not in VERDICTS:
                raise f.fail(where, f"okänt utfall '{verdict}'. Kända: {', '.join(VERDICTS)}.")
        tyst = row.get("tyst", False) is True
        kalla_key = f.text(row, "kalla", where, required=not tyst)
        if tyst and not kalla_key:
            if silent is None:
                raise f.fail(where, "en tyst rad behöver 'kalla' här.")
            source = silent
        elif kalla_key not in self.sources:
            raise f.fail(where, f"okänd källa '{kalla_key}'. Kända: {', '.join(self.sources)}.")
        else:
            source = self.sources[kalla_key]
        belagg = f.text(row, "belagg", where, required=False)
        if not tyst and not belagg and source.dokument.typ != "Råd":
            raise f.fail(
                where,
                "'belagg' saknas: skriv några ord som står i den länkade rubriken på sidan.",
            )
        avgor = row.get("avgor", False)
        if not isinstance(avgor, bool):
            raise f.fail(where, "'avgor' ska vara true eller false.")
        known = {
            "amne",
            "roll",
            "villkor",
            "utom",
            "beslut",
            "avgor",
            "utfall",
            "text",
            "kalla",
            "belagg",
            "tyst",
            "id",
        }
        unknown = sorted(set(row) - known)
        if unknown:
            raise f.fail(where, f"okänd nyckel '{unknown[0]}'.")
        return Rule(
            county=county,
            amne=amne,
            roll=roll,
            text=f.text(row, "text", where),
            kalla=source,
            villkor=villkor,
            utom=utom,
            beslut=beslut,
            avgor=avgor,
            utfall=utfall,
            belagg=belagg,
            tyst=tyst,
            where=f"{f.name}, {where}",
        )

    def _ref(self, row: Mapping, where: str, county: str) -> Rule:
        f = self.f
        ref = f.text(row, "ref", where)
        if set(row) - {"ref"}:
            raise f.fail(where, "en rad med 'ref' har inga andra nycklar.")
        if ref not in self.shared:
            raise f.fail(
                where, f"okänd gemensam rad '{ref}'. Gemensamma rader finns i {SHARED_FILE}."
            )
        base = self.shared[ref]
        return Rule(
            **{
                **base.__dict__,
                "county": county,
                "shared": ref,
                "where": f"{f.name}, {where} (ref '{ref}')",
            }
        )


def _load_shared(path: Path) -> tuple[dict[str, Topic], dict[str, str], dict[str, Rule], _File]:
    f = _File(path)
    facts = f.data.get("fakta", {})
    if not isinstance(facts, dict) or not all(isinstance(v, str) for v in facts.values()):
        raise f.fail("[fakta]", "varje villkor ska ha en förklaring inom citattecken.")
    topics = {}
    for n, t in enumerate(f.data.get("amne", []), start=1):
        where = f"ämne {n}"
        tid = f.text(t, "id", where)
        villkor = f.names(t, "villkor", where)
        for fact in villkor:
            if fact not in facts:
                raise f.fail(where, f"okänt villkor '{fact}'.")
        topics[tid] = Topic(
            id=tid,
            title=f.text(t, "titel", where),
            in_assessment=t.get("bedomning", True) is True,
            villkor=villkor,
        )
    documents = _documents(f, f.data.get("dokument", {}))
    sources = _sources(f, f.data.get("kalla", {}), documents)
    reader = _RowReader(f, topics, facts, sources, {})
    shared = {}
    for n, row in enumerate(f.data.get("rad", []), start=1):
        where = f"rad {n}"
        rid = f.text(row, "id", where) if isinstance(row, dict) else ""
        if rid in shared:
            raise f.fail(where, f"id '{rid}' finns redan.")
        shared[rid] = reader.read(row, where, "", None)
    return topics, facts, shared, f


def _load_county(
    path: Path, topics: Mapping[str, Topic], facts: Mapping[str, str], shared: Mapping[str, Rule]
) -> County:
    f = _File(path)
    data = f.data
    county_id = path.stem
    documents = _documents(f, data.get("dokument", {}))
    if not documents:
        raise f.fail("[dokument]", "länet behöver minst ett dokument.")
    sources = _sources(f, data.get("kalla", {}), documents)
    silent_key = f.text(data, "tyst_kalla", "överst")
    if silent_key not in sources:
        raise f.fail("överst", f"'tyst_kalla' okänd källa '{silent_key}'.")
    reader = _RowReader(f, topics, facts, sources, shared)
    rows = tuple(
        reader.read(row, f"regel {n}", county_id, sources[silent_key])
        for n, row in enumerate(data.get("regel", []), start=1)
    )
    rader, val = {}, {}
    for blankett in BLANKETT_TOPICS:
        rader[blankett], chosen = _blankett_table(
            f, data.get(blankett, {}), blankett, reader, county_id, sources[silent_key]
        )
        val.update(chosen)
    kallelse_table = data.get("kallelse", {})
    skyldiga = f.names(kallelse_table, "skyldiga", "[kallelse]")
    for aktor in skyldiga:
        if aktor not in AKTORER:
            raise f.fail("[kallelse]", f"okänd aktör '{aktor}'. Kända: {', '.join(AKTORER)}.")
    return County(
        id=county_id,
        namn=f.text(data, "namn", "överst"),
        region=f.text(data, "region", "överst"),
        sida=f.text(data, "sida", "överst"),
        dokument=documents,
        kallor=sources,
        skyldiga=skyldiga,
        kallelse=rader["kallelse"],
        regler=rows,
        silent_source=sources[silent_key],
        file=f.name,
        rader=rader,
        val=val,
    )


def _blankett_table(
    f: _File,
    table: object,
    blankett: str,
    reader: _RowReader,
    county_id: str,
    silent: Source,
) -> tuple[tuple[Rule, ...], dict[str, Choice]]:
    """Read ``[<blankett>]``: its lines (``[[<blankett>.rad]]``) and its named choices."""
    where = f"[{blankett}]"
    if not isinstance(table, dict):
        raise f.fail(where, "ska vara en tabell.")
    choices = CHOICES.get(blankett, {})
    known = {"rad", *choices, *(f"{c}_kalla" for c in choices)}
    if blankett == "kallelse":
        known.add("skyldiga")
    unknown = sorted(set(table) - known)
    if unknown:
        raise f.fail(where, f"okänd nyckel '{unknown[0]}'. Kända: {', '.join(sorted(known))}.")
    topics, facts = BLANKETT_TOPICS[blankett], BLANKETT_FACTS[blankett]
    rows = []
    raw_rows = table.get("rad", [])
    if not isinstance(raw_rows, list):
        raise f.fail(where, f"'rad' ska skrivas som [[{blankett}.rad]].")
    for n, row in enumerate(raw_rows, start=1):
        row_where = f"{blankett}.rad {n}"
        if isinstance(row, dict) and "ref" not in row and "amne" not in row:
            row = {"amne": topics[0], **row}
        rule = reader.read(row, row_where, county_id, silent)
        if rule.amne not in topics:
            raise f.fail(
                row_where,
                f"ämnet '{rule.amne}' skrivs inte ut på blanketten {blankett}. "
                f"Möjliga: {', '.join(topics)}.",
            )
        for fact in (*rule.villkor, *rule.utom):
            if fact not in facts:
                raise f.fail(
                    row_where,
                    f"villkoret '{fact}' räknas inte ut på blanketten {blankett}. "
                    f"Möjliga: {', '.join(facts) or 'inga'}.",
                )
        rows.append(rule)
    chosen = {}
    for name, allowed in choices.items():
        values = f.names(table, name, where)
        if not values:
            continue
        for value in values:
            if value not in allowed:
                raise f.fail(where, f"okänt val '{value}' i '{name}'. Kända: {', '.join(allowed)}.")
        kalla_key = f.text(table, f"{name}_kalla", where)
        if kalla_key not in reader.sources:
            raise f.fail(where, f"'{name}_kalla' okänd källa '{kalla_key}'.")
        chosen[name] = Choice(values=values, kalla=reader.sources[kalla_key])
    return tuple(rows), chosen


def county_files() -> list[Path]:
    """The county files: ``forms/lan/*.toml`` and, in tests, ``$SIP_LAN_DIR/*.toml``."""
    files = sorted(p for p in HERE.glob("*.toml") if p.name != SHARED_FILE)
    extra = os.environ.get("SIP_LAN_DIR")
    if extra:
        files += sorted(Path(extra).glob("*.toml"))
    return files


def load(files: list[Path] | None = None) -> Registry:
    """Read and check the shared file and the county ``files``; raise :class:`RegistryError`."""
    topics, facts, shared, _ = _load_shared(HERE / SHARED_FILE)
    counties = {}
    for path in files if files is not None else county_files():
        county = _load_county(path, topics, facts, shared)
        if county.id in counties:
            raise RegistryError(f"{path.name}: länet '{county.id}' finns redan.")
        counties[county.id] = county
    return Registry(topics=topics, facts=facts, counties=counties, shared=shared)


@cache
def registry() -> Registry:
    """The registry, read once per process."""
    return load()

"""Page macros: the document box of a routine page, the county comparison and the step diagram.

Pure functions of the page's metadata and the county registry (:mod:`forms.lan`), so they are
unit-tested without MkDocs.
"""

from __future__ import annotations

import html
from datetime import date

from forms.lan import NOT_GIVEN, SILENT, County, Document, Registry

REQUIRED = ("title", "lan", "dokument")
LABELS = {
    "lan": "Län",
    "dokument": "Dokument",
    "beteckning": "Dokument-id",
    "version": "Version",
    "giltig_fran": "Giltig från",
    "giltig_till": "Giltig till och med",
    "utgivare": "Utgivare",
    "galler_for": "Gäller för",
    "hittas": "Var du hittar dokumentet",
    "avsnitt": "Sidan återger",
    "ersatt_av": "Ersatt av",
}


class MetadataError(ValueError):
    """A routine page lacks required front matter, or names what the registry does not hold."""


def is_routine_page(src_uri: str, meta: dict, registry: Registry) -> bool:
    """Routine pages: any page that names a ``dokument``, and every page in a county folder
    but its index."""
    if meta.get("dokument"):
        return True
    folders = tuple(c.sida for c in registry.counties.values())
    return src_uri.startswith(folders) and not src_uri.endswith("index.md")


def page_document(src_uri: str, meta: dict, registry: Registry) -> tuple[County, Document]:
    """The county and document a routine page publishes, from its front matter."""
    for key in REQUIRED:
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise MetadataError(f"{src_uri}: routine page lacks required front matter '{key}'")
    county_id, doc_key = str(meta["lan"]), str(meta["dokument"])
    if county_id not in registry.counties:
        raise MetadataError(
            f"{src_uri}: front matter 'lan' must be one of {', '.join(registry.counties)} "
            f"(the files in forms/lan/), not {county_id!r}"
        )
    county = registry.counties[county_id]
    if doc_key not in county.dokument:
        raise MetadataError(
            f"{src_uri}: front matter 'dokument' must be one of {', '.join(county.dokument)} "
            f"(forms/lan/{county.file}), not {doc_key!r}"
        )
    document = county.dokument[doc_key]
    section = meta.get("avsnitt")
    if section and section not in document.avsnitt:
        raise MetadataError(
            f"{src_uri}: front matter 'avsnitt' {section!r} is not a section of {doc_key!r}"
        )
    return county, document


def check_metadata(src_uri: str, meta: dict, registry: Registry) -> None:
    """Raise :class:`MetadataError` naming the page and the field when a routine page's
    front matter is incomplete or names a county, document or section the registry lacks."""
    if is_routine_page(src_uri, meta, registry):
        page_document(src_uri, meta, registry)


def dokumentinfo(src_uri: str, meta: dict, today: date, registry: Registry) -> str:
    """The box at the top of a routine page: the document as a reader would look for it
    (title, id, version, validity, publisher, where it is found), from the registry, with a
    warning once the document has expired. The source file's name is never shown."""
    county, doc = page_document(src_uri, meta, registry)
    values = {
        "lan": county.namn,
        "dokument": f"{doc.typ}: {doc.titel}",
        "beteckning": doc.beteckning or NOT_GIVEN,
        "version": doc.version or NOT_GIVEN,
        "giltig_fran": doc.giltig_fran.isoformat() if doc.giltig_fran else "",
        "giltig_till": doc.giltig_till.isoformat() if doc.giltig_till else "",
        "utgivare": doc.utgivare,
        "galler_for": doc.galler_for,
        "hittas": doc.hittas or NOT_GIVEN,
        "avsnitt": f"Avsnittet \u201d{meta['avsnitt']}\u201d" if meta.get("avsnitt") else "",
        "ersatt_av": county.dokument[doc.ersatt_av].titel if doc.ersatt_av else "",
    }
    rows = [
        f"<dt>{LABELS[key]}</dt><dd>{html.escape(value)}</dd>"
        for key, value in values.items()
        if value
    ]
    parts = []
    end = doc.giltig_till
    if end and end < today:
        parts.append(
            '<div class="admonition danger sip-expired" role="note">'
            '<p class="admonition-title">Dokumentet gäller inte längre</p>'
            f"<p>Giltighetstiden gick ut {end.isoformat()}. "
            "Kontrollera vilken version som gäller nu innan du följer rutinen.</p></div>"
        )
    data_end = f' data-giltig-till="{end.isoformat()}"' if end else ""
    parts.append(
        f'<aside class="sip-docinfo" aria-label="Om dokumentet"{data_end}>'
        f"<dl>{''.join(rows)}</dl></aside>"
    )
    return "\n".join(parts)


def comparison(registry: Registry, root: str) -> str:
    """The "Jämför länen" matrix, topic by topic: for each topic a heading (so the page's
    table of contents jumps to it) and a table with one column per county, holding the
    county's rule rows with their sources, or the statement that its documents are silent.

    Law and portal advice rows are left out: the comparison shows what each county's own
    documents say. ``root`` is the relative path from the page to the site root.
    """
    counties = sorted(registry.counties.values(), key=lambda c: c.namn)
    blocks = [_topic_index(registry, counties)]
    for topic in registry.topics.values():
        cells = [_comparison_cell(registry, county, topic.id, root) for county in counties]
        head = "".join(f'<th scope="col">{html.escape(c.namn)}</th>' for c in counties)
        body = "".join(f"<td>{cell}</td>" for cell in cells)
        blocks.append(
            f"## {topic.title} {{ #{topic_anchor(topic.id)} }}\n\n"
            f'<div class="sip-compare" markdown="0"><table>'
            f'<caption class="md-visually-hidden">{html.escape(topic.title)}: länen sida vid sida'
            "</caption>"
            f"<thead><tr>{head}</tr></thead><tbody><tr>{body}</tr></tbody></table></div>\n"
        )
    return "\n".join(blocks)


def topic_anchor(topic_id: str) -> str:
    return "amne-" + topic_id.replace("_", "-")


def _topic_index(registry: Registry, counties: list[County]) -> str:
    links = " · ".join(f"[{t.title}](#{topic_anchor(t.id)})" for t in registry.topics.values())
    return f'<nav class="sip-topics" aria-label="Ämnen" markdown="1">\n\n{links}\n\n</nav>\n'


def _comparison_cell(registry: Registry, county: County, topic_id: str, root: str) -> str:
    rows = [
        r
        for r in county.regler
        if r.amne == topic_id and r.roll in ("regel", "skal") and not r.is_law and not r.is_advice
    ]
    if not rows:
        return f"<p>{html.escape(SILENT)}</p>"
    # Rows that always apply first, then the conditional ones, then what the county is silent on.
    rows.sort(key=lambda r: (r.tyst, bool(r.villkor or r.utom)))
    items = []
    seen: set[str] = set()
    for rule in rows:
        if rule.display_text in seen:
            continue
        seen.add(rule.display_text)
        when = registry.condition_text(rule)
        condition = f'<strong class="sip-when">{html.escape(when)}:</strong> ' if when else ""
        source = (
            ""
            if rule.tyst
            else (
                f' <span class="sip-source">(Källa: {html.escape(rule.kalla.short_citation)}. '
                f'<a href="{html.escape(root + rule.kalla.href)}">'
                f"{html.escape(rule.kalla.link_text)}</a>)</span>"
            )
        )
        items.append(f"<li>{condition}{html.escape(rule.display_text)}{source}</li>")
    return f"<ul>{''.join(items)}</ul>"


def sip_steg(meta: dict, src_uri: str = "") -> str:
    """The seven steps as a linked flow diagram, from the page's ``steg`` front matter."""
    steps = meta.get("steg")
    if not isinstance(steps, list) or not steps:
        raise MetadataError(f"{src_uri}: sip_steg() needs a 'steg' list in the front matter")
    items = []
    for number, step in enumerate(steps, start=1):
        try:
            title, anchor = step["titel"], step["ankare"]
        except (TypeError, KeyError):
            raise MetadataError(
                f"{src_uri}: every item of 'steg' needs 'titel' and 'ankare'"
            ) from None
        items.append(
            f'<li><a href="#{html.escape(anchor)}"><span class="sip-step-no" aria-hidden="true">'
            f'{number}</span><span class="sip-step-title">{html.escape(title)}</span></a></li>'
        )
    return f'<nav class="sip-steps" aria-label="SIP i sju steg"><ol>{"".join(items)}</ol></nav>'

"""Page macros for the routine pages: the document header box and the seven-step diagram.

Pure functions of the page's metadata, so they are unit-tested without MkDocs.
"""

from __future__ import annotations

import html
from datetime import date

COUNTY_DIRS = ("varmland/", "kalmar/", "jonkoping/")
COUNTIES = ("Värmland", "Kalmar län", "Jönköpings län")
DOCUMENT_TYPES = ("rutin", "riktlinje", "anvisning")
REQUIRED = ("title", "typ", "lan", "utgivare", "dokument_id", "version", "galler_for", "kalla")
LABELS = {
    "lan": "Län",
    "utgivare": "Utgivare",
    "dokument_id": "Dokument-id",
    "version": "Version",
    "giltig_fran": "Giltig från",
    "giltig_till": "Giltig till och med",
    "galler_for": "Gäller för",
    "kalla": "Källdokument",
}


class MetadataError(ValueError):
    """A routine page lacks required front matter."""


def is_routine_page(src_uri: str, meta: dict) -> bool:
    """Routine pages: ``typ: rutin``, or any page in a county folder but its index."""
    if meta.get("typ") in DOCUMENT_TYPES:
        return True
    return src_uri.startswith(COUNTY_DIRS) and not src_uri.endswith("index.md")


def _as_date(value: object, page: str, key: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise MetadataError(
            f"{page}: front matter '{key}' must be a date written ÅÅÅÅ-MM-DD, not {value!r}"
        ) from None


def check_metadata(src_uri: str, meta: dict) -> None:
    """Raise :class:`MetadataError` naming the page and the field when a routine page's
    front matter is incomplete or wrong."""
    if not is_routine_page(src_uri, meta):
        return
    for key in REQUIRED:
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise MetadataError(f"{src_uri}: routine page lacks required front matter '{key}'")
    if meta["typ"] not in DOCUMENT_TYPES:
        raise MetadataError(
            f"{src_uri}: front matter 'typ' must be one of {', '.join(DOCUMENT_TYPES)}, "
            f"not {meta['typ']!r}"
        )
    if meta["lan"] not in COUNTIES:
        raise MetadataError(
            f"{src_uri}: front matter 'lan' must be one of {', '.join(COUNTIES)}, not {meta['lan']!r}"
        )
    start = _as_date(meta.get("giltig_fran"), src_uri, "giltig_fran")
    end = _as_date(meta.get("giltig_till"), src_uri, "giltig_till")
    if start and end and end < start:
        raise MetadataError(f"{src_uri}: 'giltig_till' is before 'giltig_fran'")


def dokumentinfo(src_uri: str, meta: dict, today: date) -> str:
    """The metadata box at the top of a routine page, with a warning once it has expired."""
    check_metadata(src_uri, {"typ": "rutin", **meta} if "typ" not in meta else meta)
    rows = []
    for key, label in LABELS.items():
        value = meta.get(key)
        if value in (None, ""):
            continue
        rows.append(f"<dt>{label}</dt><dd>{html.escape(str(value))}</dd>")
    end = _as_date(meta.get("giltig_till"), src_uri, "giltig_till")
    parts = []
    if end and end < today:
        parts.append(
            '<div class="admonition danger sip-expired" role="note">'
            '<p class="admonition-title">Dokumentet gäller inte längre</p>'
            f"<p>Giltighetstiden gick ut {end.isoformat()}. Kontrollera vilken version som gäller nu "
            "innan du följer rutinen.</p></div>"
        )
    data_end = f' data-giltig-till="{end.isoformat()}"' if end else ""
    parts.append(
        f'<aside class="sip-docinfo" aria-label="Om dokumentet"{data_end}>'
        f'<dl>{"".join(rows)}</dl></aside>'
    )
    return "\n".join(parts)


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
    return (
        '<nav class="sip-steps" aria-label="SIP i sju steg">'
        f'<ol>{"".join(items)}</ol></nav>'
    )

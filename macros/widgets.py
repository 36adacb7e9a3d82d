"""Render a widget's HTML at build time from its definition in ``forms``.

The questions are in the page from the start (no JavaScript needed to read them); the page
script ``assets/sip/widgets.mjs`` then starts Python in a worker and wires the form up. The
script itself is loaded from ``<head>`` by ``overrides/main.html``, with :func:`script_params`.
Markup follows the GOV.UK Design System patterns: labels, hints, fieldsets with legends,
messages beside each field and an error summary.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from forms import messages
from forms.registry import FORMS, blank_pdf_path, get_module
from forms.schema import FORMAT_HINTS, Field, Form, Repeat, Section, ShowIf, field_id
from release.pyodide_dist import CORE_FILES

# The placeholder for the item number in a repeat group's <template>. The page numbers a row by
# putting its index wherever the template holds this (widgets.mjs, renumber), in every
# attribute: name, id, for, aria-describedby, data-field, data-show-if.
INDEX = "__INDEX__"
# field_id() turns the placeholder into this inside ids; the template holds INDEX there too, so
# that a numbered row's ids are field_id() of its names.
INDEX_IN_ID = field_id(INDEX).removeprefix("f-")

# What Pyodide loads before any package: its core files (release/pyodide_dist.py copies them
# into the Pyodide folder) and its lockfile, which lists the packages. A widget page asks the
# service worker to keep these and every package for offline use.
PYODIDE_FILES = (*CORE_FILES, "pyodide-lock.json")


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _show_if(cond: ShowIf | None, prefix: str = "") -> str:
    if cond is None:
        return ""
    data = {"field": prefix + cond.field, "values": list(cond.values)}
    return f" data-show-if='{_attr(json.dumps(data))}' hidden"


# A date or a time is typed in one format; the page says which under the field, in words a
# screen reader reads with it (the placeholder vanishes as soon as one types).
FORMAT_EXAMPLES = {"date": "2026-12-15", "time": "09:30"}


def format_hint(kind: str) -> str:
    """``"Skriv som ÅÅÅÅ-MM-DD, till exempel 2026-12-15."`` for a date (``""`` for a kind
    without a fixed format)."""
    if kind not in FORMAT_EXAMPLES:
        return ""
    return f"Skriv som {FORMAT_HINTS[kind]}, till exempel {FORMAT_EXAMPLES[kind]}."


def _hint_and_error(fid: str, hint: str, kind: str = "") -> tuple[str, str]:
    parts = []
    described = []
    if hint:
        parts.append(f'<div class="sip-hint" id="{fid}-hint">{html.escape(hint)}</div>')
        described.append(f"{fid}-hint")
    if format_hint(kind):
        parts.append(
            f'<div class="sip-hint sip-format" id="{fid}-format">'
            f"{html.escape(format_hint(kind))}</div>"
        )
        described.append(f"{fid}-format")
    parts.append(
        f'<p class="sip-field-error" id="{fid}-error" hidden>'
        '<span class="md-visually-hidden">Fel: </span><span class="sip-msg"></span></p>'
    )
    return "".join(parts), " ".join(described)


def _required_mark(fld: Field) -> str:
    return "" if not fld.required else ' <span class="sip-required">(måste fyllas i)</span>'


INPUT_TYPES = {
    "text": ("text", ""),
    "date": ("text", ' inputmode="numeric" placeholder="ÅÅÅÅ-MM-DD" maxlength="10"'),
    "time": ("text", ' inputmode="numeric" placeholder="TT:MM" maxlength="5"'),
    "email": ("email", ' spellcheck="false"'),
    "tel": ("tel", ""),
    "personnummer": ("text", ' inputmode="numeric" spellcheck="false" maxlength="13"'),
}


def render_field(fld: Field, prefix: str = "") -> str:
    """One question. ``prefix`` is ``"deltagare.0."`` inside a repeat group."""
    path = prefix + fld.name
    fid = field_id(path)
    name = _attr(path)
    hint_error, described = _hint_and_error(fid, fld.hint, fld.kind)
    aria = f' aria-describedby="{described}"' if described else ""
    show = _show_if(fld.show_if, prefix)
    width = f" sip-w-{fld.width}"

    if fld.kind in ("radio", "checkboxes"):
        kind = "radio" if fld.kind == "radio" else "checkbox"
        choices = []
        for i, opt in enumerate(fld.options):
            oid = f"{fid}-{i}"
            ohint = ""
            odesc = ""
            if opt.hint:
                ohint = f'<div class="sip-hint" id="{oid}-hint">{html.escape(opt.hint)}</div>'
                odesc = f' aria-describedby="{oid}-hint"'
            choices.append(
                f'<div class="sip-choice"><input type="{kind}" id="{oid}" name="{name}" '
                f'value="{_attr(opt.value)}"{odesc}>'
                f'<label for="{oid}">{html.escape(opt.label)}</label>{ohint}</div>'
            )
        return (
            f'<fieldset class="sip-field sip-group" id="{fid}" data-field="{name}"{aria}{show}>'
            f"<legend>{html.escape(fld.label)}{_required_mark(fld)}</legend>{hint_error}"
            f'<div class="sip-choices">{"".join(choices)}</div></fieldset>'
        )

    if fld.kind == "checkbox":
        return (
            f'<div class="sip-field sip-single-check" data-field="{name}"{show}>{hint_error}'
            f'<div class="sip-choice"><input type="checkbox" id="{fid}" name="{name}" '
            f'value="true"{aria}><label for="{fid}">{html.escape(fld.label)}</label></div></div>'
        )

    label = (
        f'<label class="sip-label" for="{fid}">{html.escape(fld.label)}{_required_mark(fld)}'
        "</label>"
    )
    required = ' aria-required="true"' if fld.required else ""
    auto = f' autocomplete="{_attr(fld.autocomplete)}"' if fld.autocomplete else ""
    if fld.kind == "textarea":
        control = (
            f'<textarea id="{fid}" name="{name}" rows="{fld.rows}" maxlength="{fld.limit}"'
            f"{aria}{required}{auto}></textarea>"
        )
    elif fld.kind == "select":
        options = ['<option value="">Välj</option>'] + [
            f'<option value="{_attr(o.value)}">{html.escape(o.label)}</option>' for o in fld.options
        ]
        control = f'<select id="{fid}" name="{name}"{aria}{required}>{"".join(options)}</select>'
    else:
        input_type, extra = INPUT_TYPES[fld.kind]
        length = "" if "maxlength" in extra else f' maxlength="{fld.limit}"'
        control = (
            f'<input type="{input_type}" id="{fid}" name="{name}"'
            f"{extra}{aria}{required}{auto}{length}>"
        )
    return (
        f'<div class="sip-field{width}" data-field="{name}"{show}>'
        f"{label}{hint_error}{control}</div>"
    )


def _repeat_item(rep: Repeat, index: str) -> str:
    prefix = f"{rep.name}.{index}."
    number = "" if index == INDEX else str(int(index) + 1)
    fields = "".join(render_field(f, prefix) for f in rep.fields)
    return (
        f'<fieldset class="sip-repeat-item" data-index="{index}">'
        f'<legend>{html.escape(rep.item_label)} <span class="sip-item-no">{number}</span></legend>'
        f"{fields}"
        f'<button type="button" class="md-button sip-remove" data-action="remove">'
        f'Ta bort {html.escape(rep.item_label.lower())} <span class="sip-item-no">{number}</span>'
        "</button></fieldset>"
    )


def render_repeat(rep: Repeat) -> str:
    fid = field_id(rep.name)
    hint = (
        f'<div class="sip-hint" id="{fid}-hint">{html.escape(rep.hint)}</div>' if rep.hint else ""
    )
    items = "".join(_repeat_item(rep, str(i)) for i in range(rep.min_items))
    return (
        f'<fieldset class="sip-repeat" id="{fid}" data-repeat="{_attr(rep.name)}" '
        f'data-min="{rep.min_items}" data-max="{rep.max_items}">'
        f"<legend>{html.escape(rep.legend)}</legend>{hint}"
        f'<div class="sip-repeat-items">{items}</div>'
        f"<template>{_repeat_item(rep, INDEX).replace(INDEX_IN_ID, INDEX)}</template>"
        f'<button type="button" class="md-button sip-add" data-action="add">'
        f"{html.escape(rep.add_label)}</button>"
        f'<p class="sip-repeat-status md-visually-hidden" role="status"></p></fieldset>'
    )


def render_section(section: Section, level: int = 2) -> str:
    hint = f'<p class="sip-hint">{html.escape(section.hint)}</p>' if section.hint else ""
    body = "".join(
        render_repeat(item) if isinstance(item, Repeat) else render_field(item)
        for item in section.items
    )
    show = _show_if(section.show_if)
    return (
        f'<section class="sip-section"{show}><h{level}>{html.escape(section.title)}</h{level}>'
        f"{hint}{body}</section>"
    )


def _verdict_in_view(fid: str) -> str:
    """What keeps the needs assessment's answer in view while the user answers (widgets.mjs
    fills it in): a panel for the right-hand column, which the page moves into Material's
    secondary sidebar, and a bar at the bottom edge for narrow screens. Neither is live: only
    the verdict is announced, in a small region of its own, when it changes."""
    to_result = f'href="#sip-result-title-{fid}" data-action="to-result"'
    return (
        '<p class="sip-verdict-live md-visually-hidden" role="status"></p>'
        f'<section class="sip-aside" aria-labelledby="sip-aside-title-{fid}" hidden>'
        f'<p class="sip-aside-title" id="sip-aside-title-{fid}">Resultatet just nu</p>'
        '<p class="sip-aside-verdict"><strong></strong></p>'
        '<p class="sip-aside-summary"></p><p class="sip-aside-reason"></p>'
        f'<p class="sip-aside-more"><a {to_result}>Läs hela resultatet</a></p></section>'
        '<div class="sip-verdict-bar" hidden>'
        '<p class="sip-bar-text">Resultat: <strong class="sip-bar-verdict"></strong></p>'
        f"<a {to_result}>Visa hela resultatet</a>"
        '<button type="button" class="sip-bar-close" data-action="hide-bar">Dölj'
        '<span class="md-visually-hidden"> raden med resultatet</span></button></div>'
    )


def _review(fid: str, submit_label: str) -> str:
    """The step "Granska dina svar": the answers by section, each with "Ändra" (widgets.mjs
    lists them from the form each time the step is opened), then the PDF."""
    return (
        f'<section class="sip-review" aria-labelledby="sip-review-title-{fid}" hidden>'
        f'<h2 id="sip-review-title-{fid}" tabindex="-1">Granska dina svar</h2>'
        "<p>Läs igenom dina svar innan du skapar PDF:en. Välj Ändra för att rätta ett svar.</p>"
        '<div class="sip-review-list"></div>'
        '<div class="sip-actions">'
        '<button type="button" class="md-button md-button--primary" data-action="print-pdf">'
        f"{html.escape(submit_label)} med de här svaren</button>"
        '<button type="button" class="md-button" data-action="close-review">'
        "Stäng granskningen</button></div></section>"
    )


def render_widget(
    form: Form,
    *,
    root: str,
    mode: str = "pdf",
    blank_pdf: str | None = None,
    variants: dict[str, str] | None = None,
    pages: dict[str, str] | None = None,
) -> str:
    """The whole widget. ``root`` is the relative path from the page to the site root;
    ``pages`` maps each widget id to its page, relative to the site root (:func:`widget_pages`),
    so that one widget can open another (the needs assessment starts a kallelse)."""
    fid = _attr(form.id)
    intro = f'<p class="sip-intro">{html.escape(form.intro)}</p>' if form.intro else ""
    sections = "".join(render_section(s) for s in form.sections)
    blank = (
        f'<p class="sip-blank-link"><a href="{_attr(root + blank_pdf)}" download>'
        f"Skriv ut en tom blankett (PDF)</a> för att fylla i för hand.</p>"
        if blank_pdf
        else ""
    )
    if mode == "assess":
        actions = (
            '<div class="sip-actions">'
            '<button type="button" class="md-button" data-action="print-pdf">'
            "Spara resultatet som PDF</button>"
            '<button type="button" class="md-button" data-action="clear">Rensa formuläret</button>'
            "</div>"
        )
        result = _verdict_in_view(fid) + (
            f'<section class="sip-result" aria-labelledby="sip-result-title-{fid}">'
            f'<h2 id="sip-result-title-{fid}" tabindex="-1">Resultat</h2>'
            '<div class="sip-result-body">'
            "<p>Svara på frågorna ovan. Resultatet visas här när formuläret har startat.</p>"
            "</div></section>"
        )
    else:
        variant_buttons = "".join(
            f'<button type="button" class="md-button" data-action="pdf" data-variant="{_attr(k)}">'
            f"{html.escape(v)} (PDF)</button>"
            for k, v in (variants or {}).items()
        )
        actions = (
            '<div class="sip-actions">'
            '<button type="button" class="md-button" data-action="review">'
            "Granska dina svar</button>"
            '<button type="submit" class="md-button md-button--primary">'
            f"{html.escape(form.submit_label)}</button>"
            f"{variant_buttons}"
            '<button type="button" class="md-button" data-action="save">'
            "Spara svaren som fil</button>"
            '<button type="button" class="md-button" data-action="clear">'
            "Rensa formuläret</button>"
            "</div>"
        )
        result = _review(fid, form.submit_label) + (
            '<div class="sip-result-body" aria-live="polite"></div>'
        )
    open_file = (
        '<details class="sip-open"><summary>Fortsätt med en sparad fil</summary>'
        f'<label class="sip-label" for="sip-open-{fid}">Välj en PDF eller en svarsfil som du har '
        "sparat från SIP-portalen</label>"
        '<div class="sip-hint">'
        "Filen läses bara i din webbläsare. Den skickas inte någonstans.</div>"
        f'<input type="file" id="sip-open-{fid}" '
        'accept=".pdf,.json,application/pdf,application/json" '
        'data-action="open"><p class="sip-open-status" role="status"></p></details>'
        if mode == "pdf"
        else ""
    )
    return (
        f'<div class="sip-widget" data-sip-widget="{fid}" data-mode="{_attr(mode)}" '
        f'data-root="{_attr(root)}" data-pages="{_attr(json.dumps(pages or {}))}" '
        f'data-pyodide-files="{_attr(json.dumps(PYODIDE_FILES))}">'
        f"{intro}{blank}"
        '<div class="sip-status" role="status">'
        '<p class="sip-status-text">Formuläret startar när sidan har laddats klart.</p>'
        '<progress class="sip-progress" max="100" value="0" hidden></progress></div>'
        '<noscript><p class="sip-noscript">Formuläret behöver JavaScript. Du kan läsa frågorna '
        "här och skriva ut en tom blankett i stället.</p></noscript>"
        f'<div class="sip-error-summary" role="alert" tabindex="-1" '
        f'aria-labelledby="sip-error-title-{fid}" hidden>'
        f'<h2 class="sip-error-title" id="sip-error-title-{fid}">Det finns fel i formuläret</h2>'
        "<p>Rätta det som står nedan. Det du har skrivit finns kvar.</p><ul></ul></div>"
        f"{open_file}"
        f'<form class="sip-form" novalidate autocomplete="off" aria-label="{_attr(form.title)}">'
        f"{sections}{actions}</form>{result}"
        "</div>"
    )


def site_root(url: str) -> str:
    """Relative path from a page's URL to the site root (``"../../"``), so sub-paths work."""
    return "../" * url.count("/")


def mode_of(form_id: str) -> str:
    """``"assess"`` for a widget that answers on the page, ``"pdf"`` for one that prints."""
    return "assess" if hasattr(get_module(form_id), "assess") else "pdf"


def widget_html(form_id: str, *, root: str, pages: dict[str, str] | None = None) -> str:
    """The widget ``form_id`` (see forms/registry.py) on a page ``root`` below the site root;
    ``pages``: :func:`widget_pages`."""
    module = get_module(form_id)
    return render_widget(
        module.FORM,
        root=root,
        mode=mode_of(form_id),
        blank_pdf=blank_pdf_path(form_id) if hasattr(module, "render_blank") else None,
        variants=getattr(module, "VARIANTS", None),
        pages=pages,
    )


WIDGET_MACRO = re.compile(r"""\{\{\s*widget\(\s*["']([^"']+)["']\s*\)\s*\}\}""")


def widget_pages(docs_dir: Path, use_directory_urls: bool = True) -> dict[str, str]:
    """Which page holds which widget: ``{"kallelse": "blanketter/kallelse/", …}``, URLs
    relative to the site root as MkDocs writes them. Read once from the Markdown sources, so
    that every page knows every widget's address before any page is rendered. An unknown
    widget, or one on two pages, stops the build."""
    from mkdocs.structure.files import File

    found: dict[str, File] = {}
    for path in sorted(Path(docs_dir).rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        for form_id in WIDGET_MACRO.findall(path.read_text("utf-8")):
            if form_id not in FORMS:
                raise KeyError(f"{src}: unknown widget {form_id!r}")
            if form_id in found:
                other = found[form_id].src_uri
                raise ValueError(f"{src}: widget {form_id!r} is already on {other}")
            found[form_id] = File(src, str(docs_dir), "", use_directory_urls)
    return {form_id: file.url for form_id, file in found.items()}


def page_messages() -> str:
    """The Swedish texts of the page script and the worker (forms/messages.py), as JSON for
    the widget script's tag (overrides/main.html)."""
    return json.dumps(messages.PAGE, ensure_ascii=False)


def script_params(form_id: str) -> dict[str, str]:
    """What the page's widget script is told in its URL (``widgets.mjs?widget=…&mode=…``):
    with the widget in the URL, Python starts loading before the page is parsed."""
    return {"id": form_id, "mode": mode_of(form_id)}


def blank_pdf_href(form_id: str, *, root: str) -> str:
    """Relative URL of a blankett's blank PDF; fails on an id without one."""
    if not hasattr(get_module(form_id), "render_blank"):
        raise KeyError(f"widget {form_id!r} has no blank PDF")
    return root + blank_pdf_path(form_id)

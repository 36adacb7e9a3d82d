"""The generic PDF renderer the four blanketter share.

:func:`render_filled` walks a :class:`~forms.schema.Form` and prints every visible answer under
its label; :func:`render_blank` prints the same form for handwriting: write-in lines for text,
tick boxes for options, tables with empty rows (or numbered blocks) for repeat groups. A
blankett passes ``custom`` renderers for the few items it wants to print differently.

Repeat groups become a table only when every cell is short; long free text is printed as
labelled blocks, because a table row never breaks across pages.

It decides *what* goes on the page and in which order; *how* it is drawn is the business of
:class:`~forms.pdf.SipDocument`'s verbs, the only layout API used here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from .. import lan as registry
from ..pdf import LINE, SipDocument, clean_text
from ..schema import FORMAT_HINTS, Field, Form, Repeat, Section, ShowIf, visible
from ._format import date_text, time_text

# A cell longer than this (or holding a line break) turns a repeat group into blocks.
SHORT_CELL = 60
# Answers up to this length (and their labels) may sit two by two across the page.
GRID_CELL = 45
# Tables with more columns than this are too narrow to read on A4.
MAX_COLUMNS = 5

CustomFilled = Callable[[SipDocument, dict], None]
CustomBlank = Callable[[SipDocument], None]

PAPER_NOTE = (
    "Pappersversion från SIP-portalen. Använd den som reservrutin när det digitala stödet "
    "(till exempel Cosmic Link) inte fungerar, och för in uppgifterna i systemet när det går igen."
)


# -- values -------------------------------------------------------------------------------------


def option_label(fld: Field, value: str) -> str:
    """The label of the option ``value`` of ``fld`` (the value itself when unknown)."""
    for option in fld.options:
        if option.value == value:
            return option.label
    return value


def display_value(fld: Field, value: object) -> str:
    """An answer as the reader should see it: option labels, "Ja"/"Nej", lists joined, dates
    as "tisdag 15 december 2026" and times as "kl. 09.00" (:mod:`._format`)."""
    if fld.kind == "checkbox":
        return "Ja" if value is True else "Nej"
    if fld.kind == "checkboxes":
        values = value if isinstance(value, list) else []
        return ", ".join(option_label(fld, str(v)) for v in values)
    text = "" if value is None else str(value)
    if fld.kind in ("radio", "select") and text:
        return option_label(fld, text)
    if fld.kind == "date" and text:
        return date_text(text)
    if fld.kind == "time" and text:
        return time_text(text)
    return text
    if fld.kind == "date" and text:
        return date_text(text)
    if fld.kind == "time" and text:
        return time_text(text)


# Whether a field is shown: the same rule as validation (answers here are cleaned).
is_visible = visible


def _quoted(text: str) -> str:
    return f"\u201d{text}\u201d"


def condition_text(show_if: ShowIf, form: Form | None, siblings: Iterable[Field] = ()) -> str:
    """Explain a :class:`ShowIf` for a paper form, e.g. ``Fyll i bara om "Mötesform" är …``."""
    control: Field | None = None
    for fld in siblings:
        if fld.name == show_if.field:
            control = fld
    if control is None and form is not None:
        try:
            item = form.item(show_if.field)
        except KeyError:
            item = None
        if isinstance(item, Field):
            control = item
    if control is None:
        return ""
    if control.kind == "checkbox":
        if show_if.values == ("false",):
            return f"Fyll i bara om du inte har kryssat i {_quoted(control.label)}."
        return f"Fyll i bara om du har kryssat i {_quoted(control.label)}."
    labels = [_quoted(option_label(control, v)) for v in show_if.values]
    choice = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " eller " + labels[-1]
    if control.kind == "checkboxes":
        return f"Fyll i bara om du har kryssat i {choice}."
    return f"Fyll i bara om {_quoted(control.label)} är {choice}."


# -- layout helpers -----------------------------------------------------------------------------


def new_document(
    form: Form, *, created: datetime | None = None, blank: bool = False, title: str = ""
) -> SipDocument:
    """A :class:`SipDocument` titled after ``form`` (metadata and footer)."""
    return SipDocument(
        title or form.title, subject=f"SIP-portalen: {form.title}", created=created, blank=blank
    )


def county_notes(doc: SipDocument, lines: Sequence[tuple[str, str]]) -> None:
    """The county's own lines, each run of lines from one source followed by that source in
    small print."""
    index = 0
    while index < len(lines):
        source = lines[index][1]
        run = []
        while index < len(lines) and lines[index][1] == source:
            run.append(lines[index][0])
            index += 1
        doc.paragraph(" ".join(run), size=9)
        doc.small(f"Källa: {source}.")


def blank_county_notes(doc: SipDocument, blankett: str, *topics: str) -> None:
    """On a blank form: every county's lines for ``blankett`` under ``topics``, whatever the
    facts, the county named and the source given (the paper does not know the county)."""
    every = {fact: True for fact in registry.BLANKETT_FACTS[blankett]}
    for county in sorted(registry.registry().counties.values(), key=lambda c: c.namn):
        found = (row for amne in topics for row in county.lines(blankett, amne, every))
        rows = list(dict.fromkeys(found))
        if rows:
            text = " ".join(row.display_text for row in rows)
            sources = " ".join(
                f"Källa: {s}." for s in dict.fromkeys(row.kalla.short_citation for row in rows)
            )
            doc.small(f"{county.namn}: {text} {sources}")


def paper_county_note(blankett: str) -> str:
    """What each county's documents say about a paper form like this one (its own reserve
    forms), the county named and the source given, for the blank form's paper note."""
    notes = []
    for county in sorted(registry.registry().counties.values(), key=lambda c: c.namn):
        for row in county.lines(blankett, "reservrutin"):
            notes.append(f"{county.namn}: {row.display_text} Källa: {row.kalla.short_citation}.")
    return " ".join(notes)


def signature_lines(doc: SipDocument, names: Sequence[str]) -> None:
    """A signature line plus "Ort och datum" for each name (empty name: a line to write it)."""
    for name in names:
        doc.keep_together(30 if name else 44)  # two or three one-line write-ins
        doc.write_in("Ort och datum", 1)
        doc.write_in("Underskrift" + (f" \u2013 {name}" if name else ""), 1)
        if not name:
            doc.write_in("Namnförtydligande", 1)
        doc.spacer(2)


# -- filled forms -------------------------------------------------------------------------------


def _cell_is_short(value: str) -> bool:
    return len(value) <= SHORT_CELL and "\n" not in value


def repeat_as_table(repeat: Repeat, rows: list[dict]) -> bool:
    """True when ``rows`` of ``repeat`` read well as a table (few columns, short cells)."""
    if len(repeat.fields) > MAX_COLUMNS:
        return False
    return all(
        _cell_is_short(display_value(fld, row.get(fld.name)))
        for row in rows
        for fld in repeat.fields
    )


def print_repeat(
    doc: SipDocument,
    repeat: Repeat,
    rows: list[dict],
    *,
    fields: Sequence[Field] | None = None,
    first: int = 1,
) -> None:
    """Print the items of a repeat group: a table when cells are short, blocks otherwise."""
    fields = list(fields or repeat.fields)
    if not rows:
        doc.paragraph("Inga har fyllts i.")
        return
    if repeat_as_table(repeat, rows):
        headings = [f.label for f in fields]
        doc.table(headings, [[display_value(f, row.get(f.name)) for f in fields] for row in rows])
        return
    for number, row in enumerate(rows, start=first):
        needed = 12 + block_height(doc, fields, row)
        if needed < doc.page_height * 0.6:
            doc.keep_together(needed)  # keep a short item on one page
        doc.heading(f"{repeat.item_label} {number}", 3)
        print_fields(doc, fields, row)


def print_field(doc: SipDocument, fld: Field, answers: dict) -> None:
    """Print one answered field under its label (tick boxes for checkboxes)."""
    value = answers.get(fld.name)
    if fld.kind == "checkbox":
        doc.checkbox(fld.label, value is True)
        doc.spacer(1)
        return
    if fld.kind == "checkboxes":
        chosen = value if isinstance(value, list) else []
        doc.label(fld.label, space=len(fld.options) * 6)
        for option in fld.options:
            doc.checkbox(option.label, option.value in chosen)
        doc.spacer(1.5)
        return
    doc.field(fld.label, display_value(fld, value))


def _short_field(fld: Field, value: str) -> bool:
    return (
        fld.kind not in ("textarea", "checkbox", "checkboxes")
        and len(value) <= GRID_CELL
        and "\n" not in value
        and len(fld.label) <= GRID_CELL
    )


def block_height(doc: SipDocument, fields: Sequence[Field], answers: dict) -> float:
    """About how many mm the answers of ``fields`` take as :func:`print_fields` prints them:
    short answers two by two, the rest under their labels (an estimate from the text width;
    fpdf2's exact line breaking is slow on long text)."""
    lines, blocks, run = 0, 0, 0
    for fld in fields:
        if not is_visible(fld.show_if, answers):
            continue
        value = clean_text(display_value(fld, answers.get(fld.name))) or "\u2013"
        if _short_field(fld, value):
            run += 1
            continue
        lines += 2 * ((run + 1) // 2)  # a row of the grid: label and value
        blocks += (run + 1) // 2
        run = 0
        lines += 1  # the label
        blocks += 1
        for paragraph in value.split("\n"):
            lines += 1 + int(doc.text_width(paragraph) * 1.08 // doc.width)
    lines += 2 * ((run + 1) // 2)
    blocks += (run + 1) // 2
    return lines * LINE + 2.0 * blocks


def print_fields(doc: SipDocument, fields: Sequence[Field], answers: dict) -> None:
    """Print visible fields: runs of short answers in a grid, the rest under their labels."""
    run: list[tuple[str, str]] = []
    for fld in fields:
        if not is_visible(fld.show_if, answers):
            continue
        value = display_value(fld, answers.get(fld.name))
        if _short_field(fld, value):
            run.append((fld.label, value))
            continue
        if run:
            doc.field_grid(run)
            run = []
        print_field(doc, fld, answers)
    if run:
        doc.field_grid(run)


def render_section(
    doc: SipDocument,
    section: Section,
    answers: dict,
    *,
    custom: dict[str, CustomFilled] | None = None,
    title: str | None = None,
) -> None:
    """Print one section of answers (nothing when the section is hidden)."""
    custom = custom or {}
    if not is_visible(section.show_if, answers):
        return
    doc.keep_together(40)  # a section heading never ends a page
    doc.heading(title or section.title, 2)
    run: list[Field] = []
    for item in section.items:
        if isinstance(item, Field) and item.name not in custom:
            run.append(item)
            continue
        print_fields(doc, run, answers)
        run = []
        if item.name in custom:
            custom[item.name](doc, answers)
        elif isinstance(item, Repeat):
            if len(section.items) > 1:
                doc.heading(item.legend, 3)
            rows = answers.get(item.name)
            print_repeat(doc, item, rows if isinstance(rows, list) else [])
    print_fields(doc, run, answers)


def render_filled(
    doc: SipDocument,
    form: Form,
    answers: dict,
    *,
    custom: dict[str, CustomFilled] | None = None,
    order: Sequence[str] | None = None,
    titles: dict[str, str] | None = None,
) -> None:
    """Print every visible section of ``form`` (in ``order`` of titles, if given)."""
    sections = {s.title: s for s in form.sections}
    for name in order or [s.title for s in form.sections]:
        render_section(doc, sections[name], answers, custom=custom, title=(titles or {}).get(name))


def render_document(
    form: Form,
    answers: dict,
    *,
    created: datetime | None = None,
    variant: str | None = None,
    header: Sequence[tuple[str, str]] = (),
    intro: str = "",
    order: Sequence[str] | None = None,
    custom: dict[str, CustomFilled] | None = None,
) -> bytes:
    """A filled form as a PDF (answers must be valid): its title, the ``header`` answers side
    by side, an ``intro`` paragraph, every visible section (in ``order``, items in ``custom``
    printed by their own function), and the answers embedded so the portal can reopen the
    file."""
    if variant:
        raise ValueError(f"unknown variant {variant!r}")
    doc = new_document(form, created=created)
    doc.heading(form.title, 1)
    if header:
        doc.field_grid(header)
    if intro:
        doc.paragraph(intro)
    render_filled(doc, form, answers, order=order, custom=custom)
    doc.embed_answers(form.id, answers)
    return doc.output()


# -- blank forms --------------------------------------------------------------------------------


def _note_height(doc: SipDocument, note: str) -> float:
    return doc.small_height(note) if note else 0.0


def _blank_height(item: Field | Repeat) -> float:
    """About how many mm the blank version of ``item`` needs before its first break: for a
    repeat group printed as numbered blocks, its whole first block."""
    if isinstance(item, Repeat):
        if blank_as_table(item):
            return 45.0
        return 14 + sum(_blank_height(f) for f in item.fields)
    if item.kind == "textarea":
        return 9 + item.rows * 8
    return 20.0


def blank_as_table(repeat: Repeat) -> bool:
    """Whether the blank form prints ``repeat`` as a table (few, short fields) rather than
    as numbered blocks."""
    return len(repeat.fields) <= MAX_COLUMNS and all(
        fld.kind != "textarea" or fld.limit <= 300 for fld in repeat.fields
    )


def _is_line(fld: Field) -> bool:
    """A field written on one line (text, date, phone …)."""
    return fld.kind not in ("textarea", "radio", "select", "checkbox", "checkboxes")


def blank_grid(doc: SipDocument, fields: Sequence[Field], note: str = "") -> None:
    """One-line write-in fields side by side, each label with its format (``ÅÅÅÅ-MM-DD``)."""
    labels = []
    for fld in fields:
        hint = FORMAT_HINTS.get(fld.kind, "")
        labels.append(fld.label + (f" ({hint})" if hint else ""))
    doc.write_in_grid(labels, note=note)


def _blank_field(doc: SipDocument, fld: Field, note: str) -> None:
    if fld.kind == "checkbox":
        doc.keep_together(_note_height(doc, note) + 8)
        if note:
            doc.small(note)
        doc.checkbox(fld.label, None)
        doc.spacer(1)
        return
    if fld.kind in ("radio", "select", "checkboxes"):
        doc.keep_together(_note_height(doc, note) + 16)
        if note:
            doc.small(note)
        one = "kryssa i ett alternativ" if fld.kind != "checkboxes" else "kryssa i det som gäller"
        doc.label(f"{fld.label} ({one})")
        doc.tick_boxes([o.label for o in fld.options])
        return
    lines = fld.rows if fld.kind == "textarea" else 1
    doc.keep_together(_note_height(doc, note) + 5 + min(lines, 3) * 7.5)
    if note:
        doc.small(note)
    doc.write_in(fld.label, lines, FORMAT_HINTS.get(fld.kind, ""))


def blank_fields(
    doc: SipDocument, form: Form | None, fields: Sequence[Field], *, grid: bool = True
) -> None:
    """Write-in lines and tick boxes for ``fields``; one-line fields two by two (``grid``),
    conditions (:class:`ShowIf`) explained once in small print above the fields they govern."""
    index = 0
    while index < len(fields):
        fld = fields[index]
        note = condition_text(fld.show_if, form, fields) if fld.show_if else ""
        if grid and _is_line(fld):
            end = index + 1
            while (
                end < len(fields) and _is_line(fields[end]) and fields[end].show_if == fld.show_if
            ):
                end += 1
            blank_grid(doc, fields[index:end], note)
            index = end
            continue
        _blank_field(doc, fld, note)
        index += 1


def _options_note(fields: Sequence[Field]) -> str:
    notes = []
    for fld in fields:
        if fld.kind in ("radio", "select", "checkboxes"):
            labels = ", ".join(o.label for o in fld.options)
            notes.append(f"{fld.label}: skriv ett av {labels}.")
    return " ".join(notes)


def blank_repeat(doc: SipDocument, repeat: Repeat, *, as_table: bool | None = None) -> None:
    """An empty table (short fields) or numbered blocks (long text) for a repeat group."""
    if as_table is None:
        as_table = blank_as_table(repeat)
    if repeat.hint:
        doc.small(repeat.hint)
    if as_table:
        weight = {"full": 3.0, "half": 2.0, "short": 1.2}
        headings = [fld.label for fld in repeat.fields]
        note = _options_note(repeat.fields)
        if note:
            doc.small(note)
        doc.keep_together(40)
        doc.table(
            headings, [], [weight[f.width] for f in repeat.fields], blank_rows=repeat.blank_items
        )
        return
    for number in range(1, repeat.blank_items + 1):
        doc.keep_together(14 + sum(_blank_height(f) for f in repeat.fields))
        doc.heading(f"{repeat.item_label} {number}", 3)
        blank_fields(doc, None, repeat.fields)
    doc.small(
        f"Behöver du fler? Skriv på ett extra papper och numrera från "
        f"{repeat.item_label.lower()} {repeat.blank_items + 1}."
    )


def render_blank(
    doc: SipDocument,
    form: Form,
    *,
    note: str = "",
    custom: dict[str, CustomBlank] | None = None,
    tables: dict[str, bool] | None = None,
) -> None:
    """The whole form for handwriting, headed by the paper-version ``note``."""
    custom = custom or {}
    doc.paper_note(PAPER_NOTE + (" " + note if note else ""))
    doc.heading(form.title, 1)
    for section in form.sections:
        doc.keep_together(22 + _blank_height(section.items[0]))
        doc.heading(section.title, 2)
        if section.show_if:
            doc.small(condition_text(section.show_if, form))
        if section.hint:
            doc.small(section.hint)
        run: list[Field] = []
        for item in section.items:
            if isinstance(item, Field) and item.name not in custom:
                run.append(item)
                continue
            blank_fields(doc, form, run)
            run = []
            if item.name in custom:
                custom[item.name](doc)
            elif isinstance(item, Repeat):
                if len(section.items) > 1:
                    doc.keep_together(45)
                    doc.heading(item.legend, 3)
                blank_repeat(doc, item, as_table=(tables or {}).get(item.name))
        blank_fields(doc, form, run)


def blank_document(form: Form, *, note: str = "") -> bytes:
    """The whole form as a PDF for handwriting, headed by the paper-version ``note``."""
    doc = new_document(form, blank=True)
    render_blank(doc, form, note=note)
    return doc.output()

"""Declarative form definitions shared by the browser widgets, validation and the PDFs.

A form is a :class:`Form` made of :class:`Section` s; a section holds :class:`Field` s and
:class:`Repeat` groups (a group of fields the user can add as many times as needed, e.g.
participants or goals). ``macros/widgets.py`` renders the HTML from these definitions at build
time; ``forms`` validates the answers and renders the PDF from the same definitions.

Answers are plain JSON data: ``{field name: str | bool | list[str]}``, and for a repeat group
``{group name: [ {field name: value, ...}, ... ]}``.

Every field has a stable HTML id, :func:`field_id`; errors carry the same path so the page can
put each message beside its field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal[
    "text",  # one line
    "textarea",  # several lines
    "date",  # ÅÅÅÅ-MM-DD
    "time",  # TT:MM
    "email",
    "tel",
    "personnummer",  # personnummer or samordningsnummer
    "radio",  # one of options
    "select",  # one of options, as a drop-down
    "checkbox",  # a single yes/no
    "checkboxes",  # several of options
]


# How a date, a time and a personnummer are typed: printed beside the write-in line of a blank
# form and shown under the field on the page.
FORMAT_HINTS = {
    "date": "ÅÅÅÅ-MM-DD",
    "time": "TT:MM",
    "personnummer": "ÅÅÅÅMMDD-NNNN",
}


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class ShowIf:
    """Show a field only when another field (same level) has one of ``values``.

    For a checkbox field use ``values=("true",)``.
    """

    field: str
    values: tuple[str, ...]

    def matches(self, answers: dict) -> bool:
        """True when the controlling answer has one of ``values``.

        ``answers`` must hold answers as :func:`read_answer` reads them (a checkbox is a
        ``bool``), which is what :func:`visible_answers` and validation pass in.
        """
        value = answers.get(self.field)
        if isinstance(value, bool):
            value = "true" if value else "false"
        if isinstance(value, list):
            return any(v in self.values for v in value)
        return value in self.values


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: Kind = "text"
    hint: str = ""
    required: bool = False
    options: tuple[Option, ...] = ()
    show_if: ShowIf | None = None
    autocomplete: str = ""
    max_length: int | None = None
    rows: int = 4  # textarea height, and ruled lines in the blank PDF
    width: Literal["full", "half", "short"] = "full"

    @property
    def limit(self) -> int:
        """Maximum number of characters: generous, but bounded so a PDF never explodes."""
        if self.max_length:
            return self.max_length
        return 10_000 if self.kind == "textarea" else 300


@dataclass(frozen=True)
class Repeat:
    """A group of fields the user can add several times (participants, goals, …)."""

    name: str
    legend: str
    item_label: str  # "Deltagare" -> "Deltagare 1", "Deltagare 2"
    fields: tuple[Field, ...]
    hint: str = ""
    min_items: int = 1
    max_items: int = 50
    add_label: str = "Lägg till"
    blank_items: int = 3  # how many empty items the blank PDF prints


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[Field | Repeat, ...]
    hint: str = ""
    show_if: ShowIf | None = None


@dataclass(frozen=True)
class Form:
    id: str  # "kallelse"
    title: str  # "Kallelse till SIP-möte"
    sections: tuple[Section, ...]
    intro: str = ""
    submit_label: str = "Skapa PDF"

    def all_fields(self) -> list[Field]:
        out: list[Field] = []
        for section in self.sections:
            for item in section.items:
                if isinstance(item, Repeat):
                    out.extend(item.fields)
                else:
                    out.append(item)
        return out

    def item(self, name: str) -> Field | Repeat:
        for section in self.sections:
            for item in section.items:
                if item.name == name:
                    return item
        raise KeyError(name)


@dataclass(frozen=True)
class FieldError:
    """A validation message for one field. ``path`` is e.g. ``"namn"`` or ``"deltagare.2.roll"``."""

    path: str
    message: str

    @property
    def field_id(self) -> str:
        return field_id(self.path)

    def to_json(self) -> dict:
        return {"path": self.path, "id": self.field_id, "message": self.message}


@dataclass
class Result:
    """What a form's ``validate`` returns: errors, or cleaned answers ready for the PDF."""

    errors: list[FieldError] = field(default_factory=list)
    answers: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def field_id(path: str) -> str:
    """The HTML id of a field path: ``"deltagare.2.roll"`` -> ``"f-deltagare-2-roll"``."""
    return "f-" + path.replace(".", "-").replace("_", "-")


# -- what an answer means --------------------------------------------------------------------
#
# One reading of the answers for validation, the needs assessment and the PDFs, so that they
# never disagree on whether a question is visible or a box is ticked.

CHECKED = frozenset({"true", "on", "1", "ja"})


def checkbox_value(raw: object) -> bool:
    """What a single checkbox answer means: ticked for ``True`` and for the texts "true",
    "on", "1" and "ja" (any case); not ticked for anything else ("false", "nej", "0", …)."""
    if isinstance(raw, bool):
        return raw
    return isinstance(raw, str) and raw.strip().lower() in CHECKED


def read_answer(fld: Field, raw: object) -> bool | list[str] | str:
    """The meaning of one raw answer: a ``bool`` for a checkbox, the chosen option values
    (known ones, in order, once each) for checkboxes, the option value or ``""`` for a radio
    or select, and the text (``""`` when missing) for everything else."""
    if fld.kind == "checkbox":
        return checkbox_value(raw)
    if fld.kind == "checkboxes":
        values = raw if isinstance(raw, list) else [raw]
        allowed = {o.value for o in fld.options}
        return list(dict.fromkeys(v for v in values if isinstance(v, str) and v in allowed))
    if fld.kind in ("radio", "select"):
        return raw if isinstance(raw, str) and raw in {o.value for o in fld.options} else ""
    return raw if isinstance(raw, str) else ""


def visible(show_if: ShowIf | None, answers: dict) -> bool:
    """Whether a field or section with ``show_if`` is shown, given answers read so far."""
    return show_if is None or show_if.matches(answers)


def visible_answers(form: Form, answers: object) -> dict:
    """The answers the user can see, read with :func:`read_answer` in form order.

    A field whose question is hidden (its :class:`ShowIf` does not match the answers read
    before it) is left out, and so is everything in a hidden section. A repeat group becomes a
    list of item dicts (items that are not dicts are skipped); the rows are not limited here.
    """
    raw = answers if isinstance(answers, dict) else {}
    out: dict = {}
    for section in form.sections:
        if not visible(section.show_if, out):
            continue
        for item in section.items:
            if isinstance(item, Repeat):
                rows = raw.get(item.name)
                rows = rows if isinstance(rows, list) else []
                out[item.name] = [
                    _visible_fields(item.fields, row) for row in rows if isinstance(row, dict)
                ]
            elif visible(item.show_if, out):
                out[item.name] = read_answer(item, raw.get(item.name))
    return out


def _visible_fields(fields: tuple[Field, ...], raw: dict) -> dict:
    out: dict = {}
    for fld in fields:
        if visible(fld.show_if, out):
            out[fld.name] = read_answer(fld, raw.get(fld.name))
    return out

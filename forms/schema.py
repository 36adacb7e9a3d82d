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

"""Fields that several blanketter ask in the same words."""

from __future__ import annotations

from .. import lan as registry
from ..schema import Field, Option

PERSON_NAMN = Field("person_namn", "Namn", required=True, autocomplete="off", max_length=200)
PERSON_PERSONNUMMER = Field(
    "person_personnummer",
    "Personnummer eller samordningsnummer",
    kind="personnummer",
    required=True,
    autocomplete="off",
    hint="10 eller 12 siffror, till exempel 19121212-1212.",
    width="half",
)
PERSON = (PERSON_NAMN, PERSON_PERSONNUMMER)

# The counties of the registry (forms/lan), by name.
LAN_OPTIONS = tuple(
    Option(c.id, c.namn)
    for c in sorted(registry.registry().counties.values(), key=lambda c: c.namn)
)


def lan_field(hint: str) -> Field:
    """The county question: which county's documents the blankett follows."""
    return Field("lan", "Län", kind="radio", required=True, options=LAN_OPTIONS, hint=hint)


def county_lines(
    lan: str, blankett: str, amne: str, facts: dict[str, bool] | None = None
) -> list[tuple[str, str]]:
    """The county's own lines for ``blankett`` under ``amne`` that apply, each with its
    source: ``[(text, source)]`` (none when the county is unknown)."""
    county = registry.registry().counties.get(lan)
    if county is None:
        return []
    return [(row.display_text, row.kalla.citation) for row in county.lines(blankett, amne, facts)]

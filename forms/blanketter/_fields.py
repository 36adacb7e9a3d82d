"""Fields that several blanketter ask in the same words."""

from __future__ import annotations

from ..schema import Field

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

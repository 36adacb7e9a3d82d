"""Small helpers for the blanketter's cross-field checks (dates, times, numbers).

Every check runs on the cleaned answers of :func:`forms.validation.validate_form` and adds at
most one message per field: a field that already has a message (wrong format, missing) gets no
second one. ``OpenError`` and ``NOT_OURS`` (from :mod:`forms.saved`) are here for the
blanketter's ``from_saved``, which refuses a file with them.
"""

from __future__ import annotations

from datetime import date, time

from ..saved import NOT_OURS as NOT_OURS  # re-exported for from_saved
from ..saved import OpenError as OpenError  # re-exported for from_saved
from ..schema import FieldError, Result
from ..validation import parse_date, parse_time


def today() -> date:
    """Today's date (a function, so that the checks read the clock when they run)."""
    return date.today()


def as_date(answers: dict, key: str) -> date | None:
    value = answers.get(key)
    return parse_date(value) if isinstance(value, str) and value else None


def as_time(answers: dict, key: str) -> time | None:
    value = answers.get(key)
    return parse_time(value) if isinstance(value, str) and value else None


# A plan's version field holds at most four characters. Longer digit strings are never turned
# into a number (Python refuses more than 4,300 digits, in English).
VERSION_DIGITS = 4


def as_version(value: object) -> int | None:
    """``"3"`` -> 3; ``None`` unless the text is a whole number from 1, of at most
    :data:`VERSION_DIGITS` digits."""
    text = str(value).strip() if value is not None else ""
    if len(text) <= VERSION_DIGITS and text.isdigit() and text.isascii() and int(text) >= 1:
        return int(text)
    return None


def has_error(result: Result, path: str) -> bool:
    return any(error.path == path for error in result.errors)


def add_error(result: Result, path: str, message: str) -> None:
    """Add ``message`` at ``path`` unless that field already has a message."""
    if not has_error(result, path):
        result.errors.append(FieldError(path, message))


def check_order(
    result: Result,
    earlier: date | time | None,
    later: date | time | None,
    path: str,
    message: str,
    *,
    same_ok: bool = False,
) -> None:
    """Add ``message`` at ``path`` when both are given and ``later`` does not come after
    ``earlier`` (with ``same_ok``: when it comes before it)."""
    if earlier is None or later is None:
        return
    if later < earlier or (later == earlier and not same_ok):
        add_error(result, path, message)


def check_version(result: Result, path: str) -> None:
    """The version of a plan: a whole number from 1."""
    value = result.answers.get(path)
    if value and as_version(value) is None:
        add_error(result, path, "Skriv versionen som en siffra, till exempel 2.")
    elif value:
        result.answers[path] = str(as_version(value))

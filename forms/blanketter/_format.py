"""Dates and times as a Swedish reader reads them in a letter or a plan.

The forms take dates as ÅÅÅÅ-MM-DD and times as TT:MM (easy to type and to check); the PDFs
print them the way a person reads them: "tisdag 15 december 2026" and "kl. 09.00–10.30"
(Språkrådet's style: a full stop between hours and minutes, an en dash between two times).

No locale is used: Pyodide has no Swedish locale, and the names are few.
"""

from __future__ import annotations

from datetime import date, time

from ..validation import parse_date, parse_time

WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def _as_date(value: date | str) -> date | None:
    if isinstance(value, date):
        return value
    return parse_date(value) if isinstance(value, str) else None


def _as_time(value: time | str) -> time | None:
    if isinstance(value, time):
        return value
    return parse_time(value) if isinstance(value, str) else None


def date_text(value: date | str, *, weekday: bool = True) -> str:
    """``"2026-12-15"`` -> ``"tisdag 15 december 2026"`` (without the weekday:
    ``"15 december 2026"``). Text that is no date is returned as it is."""
    day = _as_date(value)
    if day is None:
        return value if isinstance(value, str) else ""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def clock(value: time | str) -> str:
    """``"09:00"`` -> ``"09.00"``; text that is no time is returned as it is."""
    moment = _as_time(value)
    if moment is None:
        return value if isinstance(value, str) else ""
    return f"{moment.hour:02d}.{moment.minute:02d}"


def time_text(value: time | str) -> str:
    """``"09:00"`` -> ``"kl. 09.00"``; ``""`` for no time."""
    shown = clock(value)
    return f"kl. {shown}" if _as_time(value) is not None else shown


def time_span(start: time | str, end: time | str) -> str:
    """``("09:00", "10:30")`` -> ``"kl. 09.00–10.30"``; one time alone: ``"kl. 09.00"``."""
    if _as_time(start) is None:
        return time_text(end)
    if _as_time(end) is None:
        return time_text(start)
    return f"kl. {clock(start)}\u2013{clock(end)}"

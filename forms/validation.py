"""Generic validation of answers against a :class:`~forms.schema.Form`.

Every message is Swedish and names what to do. A blankett adds its own cross-field checks
(``a reply-by date before the meeting`` …) on top of :func:`validate_form`.
"""

from __future__ import annotations

import re
from datetime import date, time

from personnummer import personnummer

from .pdf import clean_text, describe_characters, unsupported_characters
from .schema import (
    Field,
    FieldError,
    Form,
    Repeat,
    Result,
    checkbox_value,
    read_answer,
    visible,
)

DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TEL_RE = re.compile(r"^\+?[0-9 ()\-/]{5,25}$")
PNR_RE = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$")
# Control characters other than tab and line breaks: invisible, and the PDF cannot print them.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A text this many times longer than its field's limit is too long whatever cleaning would
# remove; it is refused before the work of cleaning it.
FAR_TOO_LONG = 10


def parse_date(value: str) -> date | None:
    """``"2026-12-01"`` -> ``date``; ``None`` when the text is no real ÅÅÅÅ-MM-DD date."""
    m = DATE_RE.match(value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_time(value: str) -> time | None:
    m = TIME_RE.match(value.strip())
    if not m:
        return None
    try:
        return time(int(m[1]), int(m[2]))
    except ValueError:
        return None


def check_personnummer(value: str) -> str | None:
    """Return a Swedish error message, or ``None`` when ``value`` is a valid personnummer or
    samordningsnummer (10 or 12 digits, real date, correct check digit)."""
    compact = value.strip().replace(" ", "")
    m = PNR_RE.match(compact)
    if not m:
        return (
            "Skriv personnumret eller samordningsnumret med 10 eller 12 siffror, "
            "till exempel 19121212-1212."
        )
    century = m[1] or ""
    year, month, day = m[2], int(m[3]), int(m[4])
    real_day = day - 60 if day > 60 else day
    full_year = int(century + year) if century else 2000 + int(year)
    try:
        date(full_year, month, real_day)
    except ValueError:
        if day > 60:
            return "Datumet i samordningsnumret finns inte. Kontrollera siffrorna."
        return "Datumet i personnumret finns inte. Kontrollera siffrorna."
    if not personnummer.valid(compact):
        return "Kontrollsiffran stämmer inte. Kontrollera att du har skrivit rätt siffror."
    return None


def control_characters_message(text: str) -> str | None:
    """A Swedish message naming the control characters in ``text`` and where the first one
    is, or ``None`` when it has none. Tabs and line breaks are allowed."""
    first = CONTROL_RE.search(text)
    if first is None:
        return None
    names = []
    for match in CONTROL_RE.finditer(text):
        name = f"U+{ord(match.group()):04X}"
        if name not in names:
            names.append(name)
        if len(names) == 3:
            break
    before = " ".join(text[max(0, first.start() - 20) : first.start()].split())
    where = f"efter \u201d{before}\u201d" if before else "först i texten"
    if len(names) == 1:
        found, it = f"ett osynligt styrtecken ({names[0]}) {where}", "det"
    else:
        found, it = f"osynliga styrtecken ({', '.join(names)}), det första {where}", "dem"
    return (
        f"Texten har {found}. Styrtecken kan inte skrivas ut i PDF:en. Ta bort {it}, till "
        "exempel genom att skriva om texten där."
    )


def _check_value(fld: Field, raw: object, path: str) -> tuple[object, str | None]:
    """Return ``(cleaned value, message or None)`` for one field."""
    if fld.kind == "checkbox":
        return checkbox_value(raw), None
    if fld.kind == "checkboxes":
        values = read_answer(fld, raw)
        if fld.required and not values:
            return values, f"{fld.label}: välj minst ett alternativ."
        return values, None

    raw_text = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
    if len(raw_text) > FAR_TOO_LONG * fld.limit:
        return raw_text, (
            f"Texten är för lång ({len(raw_text)} tecken). Det får plats högst {fld.limit} tecken."
        )
    control = control_characters_message(raw_text)
    if control:
        return raw_text, control
    text = clean_text(raw_text)
    text = text.strip() if fld.kind != "textarea" else text.strip("\n ").rstrip()
    if fld.kind not in ("textarea",):
        text = " ".join(text.split())
    if not text:
        if fld.required:
            if fld.kind in ("radio", "select"):
                return text, f"{fld.label}: välj ett alternativ."
            return text, f"{fld.label} måste fyllas i."
        return text, None
    if len(text) > fld.limit:
        return text, (
            f"Texten är för lång ({len(text)} tecken). Det får plats högst {fld.limit} tecken."
        )
    bad = unsupported_characters(text)
    if bad:
        if len(bad) == 1:
            return text, (
                f"Tecknet {describe_characters(bad)} kan inte skrivas ut i PDF:en. "
                "Ta bort det eller skriv på ett annat sätt."
            )
        return text, (
            f"Tecknen {describe_characters(bad[:5])} kan inte skrivas ut i PDF:en. "
            "Ta bort dem eller skriv på ett annat sätt."
        )
    if fld.kind in ("radio", "select"):
        if text not in {o.value for o in fld.options}:
            return text, f"{fld.label}: välj ett av alternativen."
    elif fld.kind == "date":
        if parse_date(text) is None:
            if DATE_RE.match(text):
                return text, "Datumet finns inte. Kontrollera månad och dag."
            return text, "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-01."
    elif fld.kind == "time":
        parsed = parse_time(text)
        if parsed is None:
            return text, "Skriv tiden som TT:MM, till exempel 09:30."
        text = parsed.strftime("%H:%M")
    elif fld.kind == "email":
        if not EMAIL_RE.match(text):
            return text, "Skriv e-postadressen i rätt format, till exempel namn@kommun.se."
    elif fld.kind == "tel":
        if not TEL_RE.match(text):
            return text, (
                "Skriv telefonnumret med siffror, till exempel 054-123 45 67 "
                "eller +46 54 123 45 67."
            )
    elif fld.kind == "personnummer":
        message = check_personnummer(text)
        if message:
            return text, message
    return text, None


def _validate_fields(
    fields: tuple[Field, ...], raw: dict, prefix: str, errors: list[FieldError], seen: dict
) -> dict:
    """Check the visible ``fields``; ``seen`` collects what each answer means (see
    :func:`forms.schema.read_answer`), which decides the visibility of later fields."""
    cleaned: dict = {}
    for fld in fields:
        if not visible(fld.show_if, seen):
            continue  # hidden: neither checked nor kept
        seen[fld.name] = read_answer(fld, raw.get(fld.name))
        path = prefix + fld.name
        value, message = _check_value(fld, raw.get(fld.name), path)
        cleaned[fld.name] = value
        if message:
            errors.append(FieldError(path, message))
    return cleaned


def _at_most(repeat: Repeat, rows: list[dict], errors: list[FieldError]) -> list[dict]:
    """The rows to check: at most the group's maximum. More filled-in rows than that is an
    error on the group, never a silent cut."""
    filled = sum(1 for r in rows if any(str(v).strip() for v in r.values() if v))
    if filled > repeat.max_items:
        errors.append(
            FieldError(
                repeat.name,
                f"Det får finnas högst {repeat.max_items} rader under \u201d{repeat.legend}"
                f"\u201d. Nu finns det {filled}. Ta bort {filled - repeat.max_items} av dem.",
            )
        )
    return rows[: repeat.max_items]


def validate_form(form: Form, answers: dict) -> Result:
    """Check every visible field of ``form``; return errors and the cleaned answers."""
    answers = answers if isinstance(answers, dict) else {}
    result = Result()
    seen: dict = {}
    for section in form.sections:
        if not visible(section.show_if, seen):
            continue
        for item in section.items:
            if isinstance(item, Repeat):
                raw_items = answers.get(item.name)
                raw_items = (
                    [r for r in raw_items if isinstance(r, dict)]
                    if isinstance(raw_items, list)
                    else []
                )
                raw_items = _at_most(item, raw_items, result.errors)
                kept = [r for r in raw_items if any(str(v).strip() for v in r.values() if v)]
                if len(kept) < item.min_items:
                    # keep empty rows so that "required" messages point at the first row
                    kept = (kept + [{} for _ in range(item.min_items)])[: item.min_items]
                cleaned_items = []
                for index, raw_item in enumerate(kept):
                    cleaned_items.append(
                        _validate_fields(
                            item.fields, raw_item, f"{item.name}.{index}.", result.errors, {}
                        )
                    )
                result.answers[item.name] = cleaned_items
            else:
                result.answers.update(_validate_fields((item,), answers, "", result.errors, seen))
    return result

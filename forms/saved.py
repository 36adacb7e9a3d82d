"""Opening a saved file: how a PDF or an answers file from someone else enters the portal.

A file opened with "Fortsätt med en sparad fil" is untrusted input: blanketter travel between
organisations. It passes one pipeline, :func:`open_saved`, and every step checks its limit
before the work that the limit protects:

1. the file's size (:data:`MAX_FILE_BYTES`), before anything is read;
2. a PDF: pypdf with tightened limits finds the answers attachment and inflates it to at most
   :data:`MAX_ANSWERS_BYTES`; any failure of pypdf is one Swedish message;
3. the answers (JSON): their size, how deeply they nest (:data:`MAX_DEPTH`, counted before
   ``json.loads``, whose recursion can overflow WebAssembly's stack and kill Python), no
   ``NaN`` or ``Infinity``, no number longer than :data:`MAX_NUMBER_DIGITS` digits;
4. the shape ``{"format": "sip-portalen/1", "blankett": str, "svar": dict}``;
5. :func:`reconcile` with the file's own blankett, the blankett's ``from_saved``, and
   :func:`reconcile` with the blankett on the page. Rows beyond a group's maximum, texts
   beyond a field's limit, values of the wrong kind and unknown fields are left out, and each
   is named in a Swedish notice that the page shows before the user prints.

Nothing is dropped in silence. A refusal is an :class:`OpenError`, whose message is Swedish
and says what to do.
"""

from __future__ import annotations

import io
import itertools
import json
import math
import re
from collections.abc import Iterable

from . import registry
from .pdf import DATA_FILE, DATA_FORMAT
from .schema import Field, Form, Repeat

MB = 1024 * 1024

# The largest answers the portal writes: a SIP-plan with all 50 goals full holds about
# 1.2 million characters (two texts of 10,000 characters per goal). Measured with Swedish text
# it is 1.0 MB of JSON, in a 0.7 MB PDF. Every character the PDF font can draw takes at most
# three bytes in UTF-8, so no answers the portal made can exceed 3.6 MB.
MAX_ANSWERS_BYTES = 4 * MB
# A PDF holds the printed text and the answers again (compressed): room for both.
MAX_FILE_BYTES = 10 * MB
# The portal's answers nest five levels: the file, "svar", a group, a row, a list of choices.
MAX_DEPTH = 10
# The portal writes no numbers; another program might write a version number or a year.
MAX_NUMBER_DIGITS = 20
# More notices than this would hide the first ones; the rest are counted.
MAX_NOTICES = 20

ASK_AGAIN = "Be den som skickade filen om en ny, eller öppna en fil som du har sparat själv."
NOT_OURS = (
    "Filen innehåller inga svar som SIP-portalen kan läsa. Välj en PDF eller en svarsfil som "
    "du har sparat från SIP-portalen."
)
PDF_UNREADABLE = (
    "PDF:en går inte att läsa. Den kan vara skadad eller ändrad i ett annat program. " + ASK_AGAIN
)
PDF_WITHOUT_ANSWERS = (
    "PDF:en innehåller inga svar från SIP-portalen. Öppna en PDF som du har skapat här."
)
OTHER_BLANKETT = "Filen hör till en annan blankett. Öppna den på den blankettens sida."


class OpenError(ValueError):
    """A file cannot be opened. The message is Swedish and says what to do."""


def _size(count: int) -> str:
    """``4194304`` -> ``"4 MB"``, ``5347737`` -> ``"5,1 MB"`` (Swedish decimal comma)."""
    text = f"{count / MB:.1f}".removesuffix(".0").replace(".", ",")
    return f"{text} MB"


def _number(count: int) -> str:
    """``1000000`` -> ``"1 000 000"`` (Swedish digit grouping, a no-break space)."""
    return f"{count:,}".replace(",", "\u00a0")


def _quoted(text: str, length: int = 40) -> str:
    """A piece of a file's text for a message: one line, at most ``length`` characters."""
    line = " ".join(text[: length * 4].split())
    return f"\u201d{line[:length]}{'…' if len(line) > length else ''}\u201d"


# -- reading the file ---------------------------------------------------------------------------


def read_file(data: bytes) -> dict:
    """``{"blankett", "svar"}`` from a PDF or an answers file. Raises :class:`OpenError`."""
    if len(data) > MAX_FILE_BYTES:
        raise OpenError(
            f"Filen är för stor ({_size(len(data))}). SIP-portalen öppnar filer på högst "
            f"{_size(MAX_FILE_BYTES)}. Välj en PDF eller en svarsfil som du har sparat här."
        )
    if data[:5] == b"%PDF-":
        return read_pdf(data)
    return parse_answers(data)


def read_pdf(data: bytes) -> dict:
    """``{"blankett", "svar"}`` from a PDF this portal made. Raises :class:`OpenError`."""
    from pypdf import apply_configuration

    limits = {
        "maximum_declared_stream_length": MAX_FILE_BYTES,
        "zlib_maximum_output_length": MAX_ANSWERS_BYTES,
        "lzw_maximum_output_length": MAX_ANSWERS_BYTES,
        "run_length_maximum_output_length": MAX_ANSWERS_BYTES,
        "brotli_maximum_output_length": MAX_ANSWERS_BYTES,
        "array_based_stream_maximum_output_length": MAX_ANSWERS_BYTES,
        "stream_filters_maximum_length": 4,
    }
    with apply_configuration(**limits):
        content = _inflate(_answers_stream(data))
    return parse_answers(content)


def _answers_stream(data: bytes) -> object:
    """The PDF stream object of the answers attachment (not yet inflated)."""
    from pypdf import PdfReader

    try:
        for entry in PdfReader(io.BytesIO(data)).attachment_list:
            if entry.name == DATA_FILE:
                files = entry.pdf_object["/EF"]
                return (files.get("/UF") or files["/F"]).get_object()
    # The PDF is someone else's file read by a large parser: whatever fails in it (a loop of
    # references, a broken table, recursion, a wrong type) means the same to the user.
    except Exception as exc:
        raise OpenError(PDF_UNREADABLE) from exc
    raise OpenError(PDF_WITHOUT_ANSWERS)


def _inflate(stream: object) -> bytes:
    """The attachment's bytes, inflated to at most :data:`MAX_ANSWERS_BYTES`."""
    from pypdf.errors import LimitReachedError

    too_big = (
        f"Svaren i PDF:en är för stora. Svaren från en blankett är högst "
        f"{_size(MAX_ANSWERS_BYTES)}. " + ASK_AGAIN
    )
    try:
        content = stream.get_data()
    except LimitReachedError as exc:
        raise OpenError(too_big) from exc
    except Exception as exc:  # as in _answers_stream
        raise OpenError(PDF_UNREADABLE) from exc
    if not isinstance(content, bytes) or len(content) > MAX_ANSWERS_BYTES:
        raise OpenError(too_big)
    return content


# JSON text outside its strings: each run of strings, with the commas, colons and spaces between
# them, becomes one space. Possessive quantifiers and the end-of-text alternative (a string that
# never ends) make every match that starts at a quote succeed, so the scan is linear even for
# text full of quotes and backslashes; and a list of strings costs one match, not one each.
_STRINGS = re.compile(rb'(?:"[^"\\]*+(?:\\.[^"\\]*+)*+(?:"|\\?\Z)[\s,:]*+)++', re.DOTALL)
_BRACKETS = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_LONG_NUMBER = re.compile(rb"[0-9]{%d}" % (MAX_NUMBER_DIGITS + 1))


def nesting_depth(structure: bytes, limit: int) -> int | None:
    """How deeply arrays and objects nest in JSON text whose strings are removed, counted up
    to ``limit + 1``; ``None`` when the brackets do not pair up.

    No recursion and no Python loop per character: each round deletes the innermost pairs of
    brackets at once (``bytes.replace``), so the number of rounds is the depth.
    """
    brackets = structure.translate(_BRACKETS, _NOT_BRACKETS)
    for depth in range(limit + 1):
        if not brackets:
            return depth
        inner = brackets.replace(b"()", b"")
        if len(inner) == len(brackets):
            return None
        brackets = inner
    return limit + 1


def _refuse_constant(name: str) -> float:
    raise OpenError(
        f"Filen går inte att läsa. Den har värdet {name}, som inte är ett tal. " + ASK_AGAIN
    )


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise OpenError(
            f"Filen går inte att läsa. Talet {_quoted(text)} är för stort. " + ASK_AGAIN
        )
    return value


def parse_answers(data: bytes | str) -> dict:
    """``{"blankett", "svar"}`` from an answers file (JSON). Raises :class:`OpenError`."""
    try:
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    except UnicodeError as exc:
        raise OpenError(NOT_OURS) from exc
    if len(raw) > MAX_ANSWERS_BYTES:
        raise OpenError(
            f"Svaren i filen är för stora ({_size(len(raw))}). Svaren från en blankett är högst "
            f"{_size(MAX_ANSWERS_BYTES)}. " + ASK_AGAIN
        )
    structure = _STRINGS.sub(b" ", raw)
    depth = nesting_depth(structure, MAX_DEPTH)
    if depth is None:
        raise OpenError(NOT_OURS)
    if depth > MAX_DEPTH:
        raise OpenError(
            f"Filen går inte att läsa. Uppgifterna i den ligger i fler än {MAX_DEPTH} nivåer, "
            "men svar från SIP-portalen har högst 5. " + ASK_AGAIN
        )
    if _LONG_NUMBER.search(structure):
        raise OpenError(
            f"Filen går inte att läsa. Den har ett tal med fler än {MAX_NUMBER_DIGITS} siffror. "
            + ASK_AGAIN
        )
    try:
        payload = json.loads(
            raw.decode("utf-8-sig"), parse_constant=_refuse_constant, parse_float=_finite
        )
    except OpenError:
        raise
    except (ValueError, RecursionError) as exc:
        raise OpenError(NOT_OURS) from exc
    if not isinstance(payload, dict) or payload.get("format") != DATA_FORMAT:
        raise OpenError(NOT_OURS)
    if not isinstance(payload.get("svar"), dict) or not isinstance(payload.get("blankett"), str):
        raise OpenError(NOT_OURS)
    return {"blankett": payload["blankett"], "svar": payload["svar"]}


# -- fitting the answers to a form --------------------------------------------------------------


def reconcile(form: Form, svar: dict) -> tuple[dict, list[str]]:
    """``svar`` fitted to ``form``, and a Swedish notice for everything left out.

    Groups keep at most their ``max_items`` rows, texts at most their field's limit; a row
    that is no row becomes an empty row (so the numbering stays); values of the wrong kind,
    choices the form does not offer and fields the form does not have are left out. Line
    breaks in a one-line field become spaces (an input field cannot hold them).
    """
    notices: list[str] = []
    items = {item.name: item for section in form.sections for item in section.items}
    _unknown(svar, items.keys(), "Filen", notices)
    answers: dict = {}
    for name, item in items.items():
        if name not in svar or svar[name] is None:
            continue
        if isinstance(item, Repeat):
            rows = _rows(item, svar[name], notices)
        else:
            rows = _value(item, svar[name], f"\u201d{item.label}\u201d", notices)
        if rows is not None:
            answers[name] = rows
    return answers, notices


def _unknown(raw: dict, known: Iterable[str], where: str, notices: list[str]) -> None:
    known = set(known)
    count = len(raw) - len(known & raw.keys())
    if not count:
        return
    names = [_quoted(str(k)) for k in itertools.islice((k for k in raw if k not in known), 5)]
    listed = ", ".join(names) + (f" och {_number(count - 5)} till" if count > 5 else "")
    if count == 1:
        notices.append(
            f"{where} hade en uppgift som blanketten inte har: {listed}. Den togs inte med."
        )
    else:
        notices.append(
            f"{where} hade {_number(count)} uppgifter som blanketten inte har: {listed}. "
            "De togs inte med."
        )


def _rows(repeat: Repeat, raw: object, notices: list[str]) -> list[dict] | None:
    legend = f"\u201d{repeat.legend}\u201d"
    if not isinstance(raw, list):
        notices.append(f"{legend}: uppgifterna i filen är inga rader. De togs inte med.")
        return None
    label = repeat.item_label.lower()
    if len(raw) > repeat.max_items:
        first, last = repeat.max_items + 1, len(raw)
        which = f"{label} {first}" if first == last else f"{label} {first}–{_number(last)}"
        notices.append(
            f"Filen hade {_number(last)} rader i {legend}. Blanketten rymmer {repeat.max_items}, "
            f"så {which} togs inte med."
        )
    rows = [
        _row(repeat, row, index, notices) if isinstance(row, dict) else {}
        for index, row in enumerate(raw[: repeat.max_items])
    ]
    broken = [
        str(i + 1) for i, row in enumerate(raw[: repeat.max_items]) if not isinstance(row, dict)
    ]
    if len(broken) == 1:
        notices.append(f"{repeat.item_label} {broken[0]} i {legend} gick inte att läsa och är tom.")
    elif broken:
        notices.append(
            f"{len(broken)} rader i {legend} gick inte att läsa och är tomma: {label} "
            f"{', '.join(broken[:10])}{' …' if len(broken) > 10 else ''}."
        )
    return rows


def _row(repeat: Repeat, raw: dict, index: int, notices: list[str]) -> dict:
    where = f"{repeat.item_label} {index + 1}"
    _unknown(raw, (f.name for f in repeat.fields), f"{where} i filen", notices)
    row = {}
    for fld in repeat.fields:
        if raw.get(fld.name) is not None:
            field = f"\u201d{fld.label}\u201d ({where.lower()})"
            value = _value(fld, raw[fld.name], field, notices)
            if value is not None:
                row[fld.name] = value
    return row


def _value(fld: Field, raw: object, where: str, notices: list[str]) -> object:
    """The value for one field, or ``None`` (with a notice) when it cannot be taken over.
    ``where`` names the field: ``”Verksamhet” (deltagare 3)``."""
    if fld.kind == "checkbox":
        if isinstance(raw, bool) or raw in ("true", "false"):
            return raw is True or raw == "true"
        notices.append(f"Värdet för {where} i filen är inte ja eller nej. Det togs inte med.")
        return None
    allowed = {option.value for option in fld.options}
    if fld.kind == "checkboxes":
        values = raw if isinstance(raw, list) else [raw]
        kept = [v for v in values if isinstance(v, str) and v in allowed]
        if len(kept) < len(values):
            others = (v for v in values if not (isinstance(v, str) and v in allowed))
            shown = ", ".join(
                _quoted(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
                for v in itertools.islice(others, 3)
            )
            count = len(values) - len(kept)
            notices.append(
                f"{_number(count)} val i filen finns inte bland alternativen för {where}, "
                f"till exempel {shown}. De togs inte med."
                if count > 1
                else f"{shown} finns inte bland alternativen för {where}. Det togs inte med."
            )
        return kept
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        notices.append(f"Värdet för {where} i filen är ingen text. Det togs inte med.")
        return None
    if fld.kind in ("radio", "select"):
        if raw and raw not in allowed:
            notices.append(
                f"{_quoted(raw)} finns inte bland alternativen för {where}. Det togs inte med."
            )
            return None
        return raw
    if fld.kind != "textarea":
        raw = raw.replace("\r", " ").replace("\n", " ")
    if len(raw) > fld.limit:
        cut = len(raw) - fld.limit
        rest = "det sista tecknet" if cut == 1 else f"de sista {_number(cut)} tecknen"
        notices.append(
            f"Texten för {where} har {_number(len(raw))} tecken i filen. Fältet rymmer "
            f"{_number(fld.limit)}, så {rest} togs inte med."
        )
        raw = raw[: fld.limit]
    return raw


# -- the whole path -----------------------------------------------------------------------------


def open_saved(form_id: str, data: bytes) -> tuple[dict, list[str]]:
    """The answers to fill in on the page of ``form_id`` from a chosen file, and the notices
    to show. Raises :class:`OpenError`."""
    saved = read_file(data)
    blankett, svar, notices = saved["blankett"], saved["svar"], []
    if blankett in registry.FORMS:
        svar, notices = reconcile(registry.get_form(blankett), svar)
    prefill = _convert(form_id, blankett, svar)
    answers, more = reconcile(registry.get_form(form_id), prefill)
    return answers, _at_most(notices + more, MAX_NOTICES)


def _convert(form_id: str, blankett: str, svar: dict) -> dict:
    """The blankett's own prefill from a saved file (``from_saved``), or the answers as they
    are when the file is of the same blankett."""
    convert = getattr(registry.get_module(form_id), "from_saved", None)
    if convert is not None:
        return convert(blankett, svar)
    if blankett != form_id:
        raise OpenError(OTHER_BLANKETT)
    return svar


def _at_most(notices: list[str], count: int) -> list[str]:
    if len(notices) <= count:
        return notices
    rest = len(notices) - count + 1
    return [*notices[: count - 1], f"Dessutom togs {_number(rest)} andra uppgifter inte med."]

"""SIP-portalen's Python: form definitions, validation, the needs assessment and the PDFs.

The same code runs under CPython (tests, build) and in the browser under Pyodide. Nothing here
imports ``js`` or ``pyodide`` except :mod:`forms._browser`.
"""

from __future__ import annotations

from .registry import FORMS, get_form
from .schema import Field, FieldError, Form, Option, Repeat, Result, Section, ShowIf

__all__ = [
    "FORMS",
    "Field",
    "FieldError",
    "Form",
    "Option",
    "Repeat",
    "Result",
    "Section",
    "ShowIf",
    "get_form",
]

"""Helpers for the browser tests: type answers the way a user would, read a downloaded PDF."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader


def fill(page, answers: dict, prefix: str = "") -> None:
    """Type answers into the page's form the way a user would, adding repeat rows as needed."""
    for key, value in answers.items():
        name = prefix + key
        if isinstance(value, list) and value and isinstance(value[0], dict):
            repeat = page.locator(f'[data-repeat="{key}"]')
            items = repeat.locator(":scope > .sip-repeat-items > .sip-repeat-item")
            while items.count() < len(value):
                repeat.locator(":scope > .sip-add").click()
            for index, item in enumerate(value):
                fill(page, item, f"{key}.{index}.")
        elif isinstance(value, list):
            for v in value:
                page.locator(f'[name="{name}"][value="{v}"]').check()
        elif isinstance(value, bool):
            box = page.locator(f'[name="{name}"]')
            box.check() if value else box.uncheck()
        else:
            field = page.locator(f'[name="{name}"]')
            kind = field.first.evaluate("e => e.tagName === 'SELECT' ? 'select' : e.type")
            if kind == "radio":
                page.locator(f'[name="{name}"][value="{value}"]').check()
            elif kind == "select":
                field.select_option(value)
            elif value:
                field.fill(value)


def pdf_file_text(path) -> str:
    reader = PdfReader(io.BytesIO(Path(path).read_bytes()))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)

"""Helpers for the browser tests: type answers the way a user would, read a downloaded PDF."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

# One round trip for a whole form: Playwright's per-field fill() waits for each field to be
# stable and editable, which made filling a plan take seconds. The script does what fill()
# checks (the field exists, is shown and can be edited) and what a user's typing makes the
# page hear (input, then change as the field loses focus), and fails with the field's name.
_FILL = """([answers, prefix, typed]) => {
  const toType = [];
  const usable = (el, name) => {
    if (!el) throw new Error(`no field named ${name}`);
    if (!el.checkVisibility()) throw new Error(`field ${name} is not shown`);
    if (el.disabled || el.readOnly) throw new Error(`field ${name} cannot be edited`);
    return el;
  };
  const field = (selector, name) => usable(document.querySelector(selector), name);
  const tick = (el, on) => { if (el.checked !== on) el.click(); };
  const type = (el, value) => {
    el.focus();
    el.value = value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  };
  const fill = (answers, prefix) => {
    for (const [key, value] of Object.entries(answers)) {
      const name = prefix + key;
      const quoted = CSS.escape(name);
      if (Array.isArray(value) && value.length && typeof value[0] === "object") {
        const repeat = document.querySelector(`[data-repeat="${CSS.escape(key)}"]`);
        const items = () =>
          repeat.querySelectorAll(":scope > .sip-repeat-items > .sip-repeat-item");
        while (items().length < value.length) {
          const before = items().length;
          usable(repeat.querySelector(":scope > .sip-add"), `${key} (Lägg till)`).click();
          if (items().length === before) throw new Error(`no row added to ${key}`);
        }
        value.forEach((item, index) => fill(item, `${key}.${index}.`));
      } else if (Array.isArray(value)) {
        for (const v of value)
          tick(field(`[name="${quoted}"][value="${CSS.escape(v)}"]`, name), true);
      } else if (typeof value === "boolean") {
        tick(field(`[name="${quoted}"]`, name), value);
      } else {
        const el = document.querySelector(`[name="${quoted}"]`);
        if (el?.type === "radio") {
          tick(field(`[name="${quoted}"][value="${CSS.escape(value)}"]`, name), true);
        } else if (el?.tagName === "SELECT") {
          const select = usable(el, name);
          if (![...select.options].some((o) => o.value === value))
            throw new Error(`no option ${value} in ${name}`);
          select.value = value;
          select.dispatchEvent(new Event("input", { bubbles: true }));
          select.dispatchEvent(new Event("change", { bubbles: true }));
        } else if (value && typed) {
          usable(el, name);
          toType.push([name, value]);
        } else if (value) {
          type(usable(el, name), value);
        }
      }
    }
  };
  fill(answers, prefix);
  document.activeElement?.blur();
  return toType;
}"""
_FOCUS = '(name) => document.querySelector(`[name="${CSS.escape(name)}"]`).focus()'


def fill(page, answers: dict, prefix: str = "") -> None:
    """Type answers into the page's form as a user would, adding repeat rows as needed. A field
    that is missing, hidden or read-only fails the test, as it would stop a user."""
    page.evaluate(_FILL, [answers, prefix, False])


def type_answers(page, answers: dict) -> None:
    """Like ``fill``, but the text goes in through the browser's own text input (what a
    keyboard, or Playwright's ``insert_text``, sends), which the browser itself treats as
    typed: its autofill memory listens to that. For tests of what the browser keeps."""
    for name, value in page.evaluate(_FILL, [answers, "", True]):
        page.evaluate(_FOCUS, name)
        page.keyboard.insert_text(value)
    page.evaluate("document.activeElement?.blur()")


def pdf_file_text(path) -> str:
    reader = PdfReader(io.BytesIO(Path(path).read_bytes()))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)

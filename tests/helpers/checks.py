"""``errors(**changes)`` and ``cleaned(**changes)`` for one blankett, made once here."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType


def form_checks(
    module: ModuleType, valid: Callable[..., dict]
) -> tuple[Callable[..., list[tuple[str, str]]], Callable[..., dict]]:
    """``(errors, cleaned)`` for the blankett ``module`` with example answers ``valid``:
    ``errors(**changes)`` lists ``(path, message)`` of the changed answers, ``cleaned(**changes)``
    returns the cleaned answers and asserts there are no errors."""

    def errors(**changes) -> list[tuple[str, str]]:
        return [(e.path, e.message) for e in module.validate(valid(**changes)).errors]

    def cleaned(**changes) -> dict:
        result = module.validate(valid(**changes))
        assert result.errors == []
        return result.answers

    return errors, cleaned

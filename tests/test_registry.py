"""forms/registry.py: every registered widget module keeps the contract its protocols write."""

from __future__ import annotations

import inspect
import types
import typing

import pytest

from forms import registry
from forms.schema import Form

CAPABILITIES = (
    registry.PrintsPdf,
    registry.Assesses,
    registry.PrintsBlank,
    registry.Reopens,
    registry.HasVariants,
)


def members(protocol: type) -> dict[str, object]:
    """The protocol's own members (methods and annotated attributes), its bases' included."""
    found: dict[str, object] = {}
    for cls in reversed(protocol.__mro__):
        if cls in (object, typing.Protocol, typing.Generic):
            continue
        found.update({name: "attribute" for name in getattr(cls, "__annotations__", {})})
        found.update(
            {
                name: value
                for name, value in vars(cls).items()
                if inspect.isfunction(value) and not name.startswith("_")
            }
        )
    return found


def shape(function) -> list[tuple[str, object, object]]:
    """A signature as callers use it: positional parameters by kind (their names are free),
    keyword-only ones by name and default."""
    params = [p for p in inspect.signature(function).parameters.values() if p.name != "self"]
    return [
        (p.name if p.kind is p.KEYWORD_ONLY else "positional", p.kind, p.default) for p in params
    ]


def problems(module, protocol: type) -> list[str]:
    """How ``module`` falls short of ``protocol`` (nothing: it conforms)."""
    found = []
    for name, member in members(protocol).items():
        if not hasattr(module, name):
            found.append(f"{module.__name__} lacks {name}")
        elif member != "attribute" and shape(getattr(module, name)) != shape(member):
            found.append(
                f"{module.__name__}.{name}{inspect.signature(getattr(module, name))} "
                f"is not {name}{inspect.signature(member)}"
            )
    return found


def offers(module, protocol: type) -> bool:
    """The module has (some of) what ``protocol`` describes, so it must have all of it."""
    own = set(members(protocol)) - set(members(registry.Widget))
    return any(hasattr(module, name) for name in own)


@pytest.mark.parametrize("form_id", list(registry.FORMS))
class TestContract:
    def test_every_module_is_a_widget(self, form_id):
        """FORM (with the registry's id) and validate()."""
        module = registry.get_module(form_id)
        assert problems(module, registry.Widget) == []
        assert isinstance(module.FORM, Form) and module.FORM.id == form_id

    def test_it_prints_or_assesses(self, form_id):
        """A page can do something with the answers."""
        module = registry.get_module(form_id)
        assert offers(module, registry.PrintsPdf) or offers(module, registry.Assesses)

    def test_what_it_offers_matches_the_protocol(self, form_id):
        """render, assess, render_blank, from_saved and VARIANTS, where present, have the
        documented signatures (render takes created= and variant=, as the worker calls it)."""
        module = registry.get_module(form_id)
        for protocol in CAPABILITIES:
            if offers(module, protocol):
                assert problems(module, protocol) == [], protocol.__name__
        variants = getattr(module, "VARIANTS", {})
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in variants.items())


def test_a_module_that_breaks_the_contract_is_named():
    """The check finds a render without variant= and a missing validate."""

    def render(answers, *, created=None):
        return b""

    module = types.ModuleType("forms.broken")
    module.FORM = None
    module.render = render
    found = problems(module, registry.PrintsPdf)
    assert len(found) == 2
    assert found[0] == "forms.broken lacks validate"
    assert found[1].startswith("forms.broken.render(answers, *, created=None) is not render(")

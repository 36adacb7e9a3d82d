"""No widget asks the browser to remember what is typed (the form definitions and their HTML).

The browser test ``test_browser_trust.TestPrivacy`` searches a real profile on disk.
"""

from __future__ import annotations

import re

import pytest

from forms import registry
from macros import widgets


class TestNoAutofill:
    @pytest.mark.parametrize("form_id", list(registry.FORMS))
    def test_browser_is_asked_to_remember_nothing(self, form_id):
        """No field of any widget asks the browser to remember or suggest what is typed: the
        form says autocomplete="off" and no control overrides it (a named token such as
        "name" or "tel" made Chromium keep the caller's details in its profile on disk)."""
        form = registry.get_form(form_id)
        assert {f.autocomplete for f in form.all_fields()} <= {"", "off"}
        html = widgets.render_widget(form, root="../../")
        assert '<form class="sip-form" novalidate autocomplete="off"' in html
        values = re.findall(r'<(?:input|textarea|select)[^>]*\bautocomplete="([^"]*)"', html)
        assert set(values) <= {"off"}

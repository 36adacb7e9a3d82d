"""MkDocs hooks: small pure transforms of each page's HTML (listed under ``hooks:`` in mkdocs.yml).

Each transform is ``str -> str`` and unit-tested in tests/test_macros.py. What a widget page adds
to ``<head>`` (its script, the runtime preload, the deferred search worker) comes from the
template override ``overrides/main.html``, not from here.
"""

from __future__ import annotations

import re

TASK_CONTROL = re.compile(r'<label class="task-list-control">')


def hide_tasklist_boxes(html: str) -> str:
    """Checklist boxes are decoration (readers cannot tick them); hide them from assistive
    technology, so a screen reader reads the list item's text instead of an unlabelled
    checkbox."""
    return TASK_CONTROL.sub('<label class="task-list-control" aria-hidden="true">', html)


def on_page_content(html: str, page, config, files) -> str:
    return hide_tasklist_boxes(html)

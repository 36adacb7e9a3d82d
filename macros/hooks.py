"""MkDocs hooks: small pure transforms of each page's HTML (listed under ``hooks:`` in mkdocs.yml).

Each transform is ``str -> str`` and unit-tested in tests/test_macros.py.
"""

from __future__ import annotations

import re

TASK_CONTROL = re.compile(r'<label class="task-list-control">')
SEARCH_WORKER = re.compile(r'"search": "([^"]*assets/javascripts/workers/)(search\.[0-9a-f]{8}\.min\.js)"')
WIDGET_SCRIPT = re.compile(r'<script type="module" async src="[^"]*assets/sip/widgets\.mjs\?[^"]*"></script>')


def hide_tasklist_boxes(html: str) -> str:
    """Checklist boxes are decoration (readers cannot tick them); hide them from assistive
    technology, so a screen reader reads the list item's text instead of an unlabelled
    checkbox."""
    return TASK_CONTROL.sub('<label class="task-list-control" aria-hidden="true">', html)


def widget_script_to_head(html: str) -> str:
    """Move a widget page's script (macros/widgets.py) to the end of <head>.

    It is async, so it does not hold up the page; in the head it runs as soon as it arrives
    and starts Python while the browser is still reading the rest of the page, instead of
    after it has laid out the navigation. It waits for the form itself before wiring it up.
    """
    match = WIDGET_SCRIPT.search(html)
    if not match or "</head>" not in html:
        return html
    html = html[: match.start()] + html[match.end() :]
    return html.replace("</head>", match.group(0) + "</head>", 1)


def defer_search_on_widget_pages(html: str) -> str:
    """On a page with a widget, Material's search worker starts once Python is ready (or the
    user searches): see docs/assets/javascripts/workers/search-deferred.js."""
    if not WIDGET_SCRIPT.search(html):
        return html
    return SEARCH_WORKER.sub(r'"search": "\1search-deferred.js?worker=\2"', html, count=1)


def on_page_content(html: str, page, config, files) -> str:  # noqa: ARG001 - MkDocs signature
    return hide_tasklist_boxes(html)


def on_post_page(output: str, page, config) -> str:  # noqa: ARG001 - MkDocs signature
    return widget_script_to_head(defer_search_on_widget_pages(output))

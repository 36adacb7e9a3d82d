"""mkdocs-macros module: a thin adapter between MkDocs pages and the page-time functions.

- ``{{ widget("kallelse") }}`` renders a widget's HTML from its ``forms`` definition (with the
  address of every widget's page, read once from the sources) and notes the widget in the
  page's metadata, so that ``overrides/main.html`` loads its script, with the page's Swedish
  messages, from ``<head>``;
- ``{{ dokumentinfo() }}`` and ``{{ sip_steg() }}`` render routine-page furniture;
- ``{{ jamfor_lanen() }}`` renders the county comparison from the county registry (forms/lan);
- every routine page's front matter is checked before its macros run.

The work is done by plain functions in ``widgets.py`` and ``pages.py``, which take what they
need as arguments; this file only reads it from MkDocs' page. The release steps (blank PDFs,
the Pyodide folder, CSP, service worker) run afterwards over ``site/``: see ``release/``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path


def define_env(env) -> None:
    """Register the page macros (mkdocs-macros calls this once, at configuration time)."""
    from forms import lan

    from . import pages, widgets

    lan.registry()  # a wrong county file stops the build here, naming file, row and reason
    pages_of_widgets = widgets.widget_pages(
        Path(env.conf["docs_dir"]), env.conf["use_directory_urls"]
    )

    @env.macro
    def widget(form_id: str) -> str:
        """The widget ``form_id`` (see forms/registry.py)."""
        env.page.meta.setdefault(
            "sip_widget", {**widgets.script_params(form_id), "messages": widgets.page_messages()}
        )
        return widgets.widget_html(
            form_id, root=widgets.site_root(env.page.url), pages=pages_of_widgets
        )

    @env.macro
    def blank_pdf(form_id: str) -> str:
        """Relative URL of a blankett's blank PDF, for links in Markdown."""
        return widgets.blank_pdf_href(form_id, root=widgets.site_root(env.page.url))

    @env.macro
    def dokumentinfo() -> str:
        return pages.dokumentinfo(
            env.page.file.src_uri, env.page.meta, date.today(), lan.registry()
        )

    @env.macro
    def jamfor_lanen() -> str:
        """The county comparison, topic by topic, rendered from the registry's rows."""
        return pages.comparison(lan.registry(), widgets.site_root(env.page.url))

    @env.macro
    def sip_steg() -> str:
        return pages.sip_steg(env.page.meta, env.page.file.src_uri)


def on_pre_page_macros(env) -> None:
    from forms import lan

    from . import pages

    pages.check_metadata(env.page.file.src_uri, env.page.meta, lan.registry())

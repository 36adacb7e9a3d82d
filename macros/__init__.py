"""mkdocs-macros module: the build glue between ``forms`` and the site.

- ``{{ widget("kallelse") }}`` renders a widget's HTML from its ``forms`` definition;
- ``{{ dokumentinfo() }}`` and ``{{ sip_steg() }}`` render routine-page furniture;
- ``{{ jamfor_lanen() }}`` renders the county comparison from the registry (forms/lan);
- every routine page's front matter is checked before its macros run;
- after the build: the blank PDFs, the self-hosted Pyodide folder and the
  Content-Security-Policy hashes are written into ``site_dir``.

Logic lives in ``forms`` and in the small modules beside this one; this file only wires them.
"""

from __future__ import annotations

from datetime import date

BLANK_DIR = "blanketter/pdf/"


def blank_pdf_path(form_id: str) -> str:
    return f"{BLANK_DIR}{form_id}-tom.pdf"


def _root(page) -> str:
    """Relative path from a page to the site root (``"../../"``), so sub-paths work."""
    depth = page.url.count("/") if page.url else 0
    return "../" * depth


def define_env(env) -> None:
    from forms import lan
    from forms.registry import get_module

    from . import pages, widgets

    lan.registry()  # a wrong county file stops the build here, naming file, row and reason

    @env.macro
    def widget(form_id: str) -> str:
        """The widget ``form_id`` (see forms/registry.py)."""
        module = get_module(form_id)
        return widgets.render_widget(
            module.FORM,
            root=_root(env.page),
            mode="assess" if hasattr(module, "assess") else "pdf",
            blank_pdf=blank_pdf_path(form_id) if hasattr(module, "render_blank") else None,
            variants=getattr(module, "VARIANTS", None),
        )

    @env.macro
    def blank_pdf(form_id: str) -> str:
        """Relative URL of a blankett's blank PDF, for links in Markdown."""
        get_module(form_id).render_blank  # noqa: B018 - fail the build on an unknown id
        return _root(env.page) + blank_pdf_path(form_id)

    @env.macro
    def dokumentinfo() -> str:
        return pages.dokumentinfo(
            env.page.file.src_uri, env.page.meta, date.today(), lan.registry()
        )

    @env.macro
    def jamfor_lanen() -> str:
        """The county comparison, topic by topic, rendered from the registry's rows."""
        return pages.comparison(lan.registry(), _root(env.page))

    @env.macro
    def sip_steg() -> str:
        return pages.sip_steg(env.page.meta, env.page.file.src_uri)


def on_pre_page_macros(env) -> None:
    from forms import lan

    from . import pages

    pages.check_metadata(env.page.file.src_uri, env.page.meta, lan.registry())


def on_post_build(env) -> None:
    from pathlib import Path

    from . import postbuild

    postbuild.run(Path(env.conf["site_dir"]))

"""What the build tells a widget page: where every widget's page is (the needs assessment
starts a kallelse there) and which of Pyodide's files to keep for offline use."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from macros import widgets

ROOT = Path(__file__).resolve().parent.parent


def widget_attribute(page: Path, name: str):
    found = re.search(rf'<div class="sip-widget"[^>]*\b{name}="([^"]*)"', page.read_text("utf-8"))
    assert found, f"{page}: no {name}"
    return json.loads(html.unescape(found.group(1)))


class TestWidgetPages:
    def test_every_widget_page_is_found_with_its_address(self):
        """The addresses as MkDocs writes them, relative to the site root."""
        pages = widgets.widget_pages(ROOT / "docs")
        assert pages["kallelse"] == "blanketter/kallelse/"
        assert pages["behovsbedomning"] == "verktyg/behovsbedomning/"
        assert set(pages) == {
            "kallelse",
            "sip-plan",
            "uppfoljning",
            "samtycke",
            "behovsbedomning",
            "pdf-prov",
        }

    def test_a_moved_page_moves_its_address(self, tmp_path):
        """Move the kallelse to another page: the address follows, no script changes."""
        (tmp_path / "nytt").mkdir()
        (tmp_path / "nytt" / "kalla.md").write_text('# K\n\n{{ widget("kallelse") }}\n', "utf-8")
        assert widgets.widget_pages(tmp_path) == {"kallelse": "nytt/kalla/"}
        assert widgets.widget_pages(tmp_path, use_directory_urls=False) == {
            "kallelse": "nytt/kalla.html"
        }

    def test_one_widget_on_two_pages_or_an_unknown_one_stops_the_build(self, tmp_path):
        (tmp_path / "a.md").write_text('{{ widget("kallelse") }}', "utf-8")
        (tmp_path / "b.md").write_text('{{ widget( "kallelse" ) }}', "utf-8")
        with pytest.raises(ValueError, match=r"b\.md.*'kallelse'.*a\.md"):
            widgets.widget_pages(tmp_path)
        (tmp_path / "b.md").write_text('{{ widget("kalelse") }}', "utf-8")
        with pytest.raises(KeyError, match=r"b\.md.*kalelse"):
            widgets.widget_pages(tmp_path)

    def test_the_built_needs_assessment_knows_the_kallelse_page(self, site_dir):
        """Its widget names the kallelse page; the page script adds the way to the root."""
        page = site_dir / "verktyg" / "behovsbedomning" / "index.html"
        assert widget_attribute(page, "data-pages")["kallelse"] == "blanketter/kallelse/"
        assert (site_dir / "blanketter" / "kallelse" / "index.html").exists()


class TestOfflineFiles:
    def test_the_files_named_and_the_lockfile_cover_the_whole_pyodide_folder(self, site_dir):
        """Kept for offline use: the files the widget names and every package of the lockfile,
        which together are every file of the Pyodide folder (compressed copies aside)."""
        (folder,) = (site_dir / "pyodide").iterdir()
        named = widget_attribute(
            site_dir / "blanketter" / "samtycke" / "index.html", "data-pyodide-files"
        )
        lock = json.loads((folder / "pyodide-lock.json").read_text("utf-8"))
        kept = set(named) | {p["file_name"] for p in lock["packages"].values()}
        shipped = {p.name for p in folder.iterdir() if p.suffix not in (".gz", ".br")}
        assert kept == shipped

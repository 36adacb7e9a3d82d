"""The build glue in macros/: metadata rules, page furniture, widget HTML and the CSP."""

from __future__ import annotations

import re
from datetime import date

import pytest

from forms import Field, Form, Option, Repeat, Section, ShowIf
from macros import csp, pages, widgets

META = {
    "title": "Rutin",
    "typ": "rutin",
    "lan": "Värmland",
    "utgivare": "Region Värmland",
    "dokument_id": "RUT-17810",
    "version": "3",
    "galler_for": "Kommunal vård och omsorg",
    "kalla": "000.txt",
}


class TestCheckMetadata:
    @pytest.mark.parametrize("missing", pages.REQUIRED)
    def test_missing_field_names_page_and_field(self, missing):
        """A routine page without a required field fails with the page and the field named."""
        meta = {k: v for k, v in META.items() if k != missing}
        with pytest.raises(pages.MetadataError, match=f"varmland/x.md.*'{missing}'"):
            pages.check_metadata("varmland/x.md", meta)

    def test_county_folder_page_is_routine_even_without_typ(self):
        """A page in a county folder cannot escape the check by omitting typ."""
        meta = {k: v for k, v in META.items() if k != "typ"}
        with pytest.raises(pages.MetadataError, match="'typ'"):
            pages.check_metadata("kalmar/ny.md", meta)

    def test_county_index_and_other_pages_are_free(self):
        """Overview pages need no document metadata."""
        pages.check_metadata("kalmar/index.md", {"title": "Kalmar län"})
        pages.check_metadata("om-sip/index.md", {"title": "Om SIP"})

    def test_bad_date_is_rejected(self):
        """A validity date must be ÅÅÅÅ-MM-DD."""
        with pytest.raises(pages.MetadataError, match="giltig_till"):
            pages.check_metadata("varmland/x.md", {**META, "giltig_till": "28 mars 2025"})

    def test_unknown_county_is_rejected(self):
        """lan must name one of the three counties."""
        with pytest.raises(pages.MetadataError, match="lan"):
            pages.check_metadata("varmland/x.md", {**META, "lan": "Skåne"})


class TestDokumentinfo:
    def test_expired_document_gets_warning(self):
        """A document whose giltig_till has passed gets a warning above the box."""
        out = pages.dokumentinfo("varmland/x.md", {**META, "giltig_till": date(2025, 3, 28)},
                                 date(2026, 11, 23))
        assert "Dokumentet gäller inte längre" in out and "2025-03-28" in out

    def test_current_document_has_no_warning(self):
        """A document still valid shows only the box."""
        out = pages.dokumentinfo("varmland/x.md", {**META, "giltig_till": "2027-01-01"},
                                 date(2026, 11, 23))
        assert "gäller inte längre" not in out
        assert "<dt>Giltig till och med</dt><dd>2027-01-01</dd>" in out

    def test_values_are_escaped(self):
        """Front matter cannot inject markup."""
        out = pages.dokumentinfo("varmland/x.md", {**META, "galler_for": "<script>x</script>"},
                                 date(2026, 1, 1))
        assert "<script>" not in out


class TestSipSteg:
    def test_steps_link_to_their_sections(self):
        """Each step of the diagram links to its anchor, numbered in order."""
        out = pages.sip_steg({"steg": [{"titel": "Bedöm", "ankare": "steg-1"},
                                       {"titel": "Samtycke", "ankare": "steg-2"}]})
        assert out.count("<li>") == 2
        assert 'href="#steg-1"' in out and 'href="#steg-2"' in out

    def test_missing_list_fails(self):
        """The macro fails loudly without its front matter."""
        with pytest.raises(pages.MetadataError):
            pages.sip_steg({}, "om-sip/arbetsgang.md")


FORM = Form(
    id="prov",
    title="Prov",
    sections=(
        Section(
            title="Del",
            items=(
                Field("namn", "Namn", required=True, hint="Hela namnet"),
                Field("val", "Val", kind="radio", options=(Option("a", "A"), Option("b", "B"))),
                Field("mer", "Mer", show_if=ShowIf("val", ("b",))),
                Repeat("rader", "Rader", "Rad", fields=(Field("text", "Text"),)),
            ),
        ),
    ),
)


class TestWidgetHtml:
    html = widgets.render_widget(FORM, root="../../")

    def test_every_control_has_a_label(self):
        """Each input outside the template has a <label for> with its id."""
        body = re.sub(r"<template>.*?</template>", "", self.html, flags=re.S)
        ids = re.findall(r'<(?:input|textarea|select)[^>]*\bid="([^"]+)"', body)
        labels = set(re.findall(r'<label[^>]*for="([^"]+)"', body))
        assert ids and all(i in labels for i in ids if not i.startswith("sip-open"))

    def test_ids_are_unique(self):
        """No id occurs twice on the page (outside the repeat template)."""
        body = re.sub(r"<template>.*?</template>", "", self.html, flags=re.S)
        ids = re.findall(r'\bid="([^"]+)"', body)
        assert len(ids) == len(set(ids))

    def test_radio_group_is_a_fieldset_with_legend(self):
        """Options are grouped with a legend naming the question."""
        assert '<fieldset class="sip-field sip-group" id="f-val"' in self.html
        assert "<legend>Val</legend>" in self.html

    def test_hint_is_announced_with_the_field(self):
        """The hint is tied to its input by aria-describedby."""
        assert 'aria-describedby="f-namn-hint"' in self.html

    def test_follow_up_question_starts_hidden_with_its_rule(self):
        """show_if becomes a data rule, hidden until the answer matches."""
        m = re.search(r'data-field="mer" data-show-if=\'([^\']+)\' hidden', self.html)
        assert m and "&quot;val&quot;" in m.group(1)

    def test_repeat_group_has_first_item_and_template(self):
        """One item is shown from the start; more come from the template."""
        assert 'name="rader.0.text"' in self.html
        assert 'name="rader.__INDEX__.text"' in self.html

    def test_script_and_assets_use_relative_urls(self):
        """The widget loads its script relative to the page, so sub-paths work."""
        assert ('<script type="module" async src="../../assets/sip/widgets.mjs?widget=prov'
                '&amp;mode=pdf">') in self.html


class TestCsp:
    page = (
        '<html><head><meta charset="utf-8"><script>var a=1</script>'
        '<script id="__config" type="application/json">{}</script>'
        '<script src="x.js"></script></head><body></body></html>'
    )

    def test_hashes_only_executable_inline_scripts(self):
        """JSON data blocks and external scripts need no hash."""
        assert len(csp.inline_script_hashes(self.page)) == 1

    def test_policy_goes_right_after_charset(self):
        """The meta tag is placed before the first script."""
        out = csp.add_policy(self.page)
        assert out.index("Content-Security-Policy") < out.index("<script")
        assert out.index("<meta charset") < out.index("Content-Security-Policy")

    def test_applying_twice_keeps_one_policy(self):
        """Rebuilding (mkdocs serve) does not stack policies."""
        out = csp.add_policy(csp.add_policy(self.page))
        assert out.count("Content-Security-Policy") == 1


class TestHooks:
    def test_tasklist_boxes_are_hidden_from_assistive_technology(self):
        """A checklist's unclickable box is not announced as an unlabelled checkbox."""
        from macros import hooks

        out = hooks.hide_tasklist_boxes(
            '<li class="task-list-item"><label class="task-list-control"><input type="checkbox"'
            ' disabled/></label> Boka tolk</li>'
        )
        assert '<label class="task-list-control" aria-hidden="true">' in out
        assert "Boka tolk" in out

    def test_widget_script_moves_to_the_end_of_head(self):
        """A widget page starts Python from <head>, after the page's policy and styles."""
        from macros import hooks

        tag = ('<script type="module" async src="../../assets/sip/widgets.mjs?widget=kallelse'
               '&amp;mode=pdf"></script>')
        page = f'<html><head><meta charset="utf-8"><link rel="stylesheet" href="a.css"></head>' \
               f'<body><div class="sip-widget">{tag}</div></body></html>'
        out = hooks.widget_script_to_head(page)
        assert out.count(tag) == 1
        assert out.index('href="a.css"') < out.index(tag) < out.index("</head>")
        plain = "<html><head></head><body><p>Rutin</p></body></html>"
        assert hooks.widget_script_to_head(plain) == plain

    def test_widget_pages_start_search_later(self):
        """A widget page names the deferred search worker, with Material's worker as its
        argument; a routine page keeps Material's worker."""
        from macros import hooks

        config = ('<script id="__config" type="application/json">{"search": '
                  '"../../assets/javascripts/workers/search.a7633da7.min.js"}</script>')
        tag = '<script type="module" async src="../../assets/sip/widgets.mjs?widget=x"></script>'
        widget_page = f"<html><head></head><body>{tag}{config}</body></html>"
        out = hooks.defer_search_on_widget_pages(widget_page)
        assert ('"search": "../../assets/javascripts/workers/search-deferred.js?worker='
                'search.a7633da7.min.js"') in out
        routine = f"<html><head></head><body>{config}</body></html>"
        assert hooks.defer_search_on_widget_pages(routine) == routine

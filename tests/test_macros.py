"""The page-time glue in macros/ and the CSP of release/: metadata rules, page furniture,
widget HTML."""

from __future__ import annotations

import re
from datetime import date

import pytest

from forms import Field, Form, Option, Repeat, Section, ShowIf, lan
from macros import pages, widgets
from release import csp

REGISTRY = lan.registry()
META = {"title": "Rutin", "lan": "varmland", "dokument": "rutin"}


class TestCheckMetadata:
    @pytest.mark.parametrize("missing", pages.REQUIRED)
    def test_missing_field_names_page_and_field(self, missing):
        """A routine page without a required field fails with the page and the field named."""
        meta = {k: v for k, v in META.items() if k != missing}
        with pytest.raises(pages.MetadataError, match=f"varmland/x.md.*'{missing}'"):
            pages.check_metadata("varmland/x.md", meta, REGISTRY)

    def test_county_folder_page_is_routine_even_without_dokument(self):
        """A page in a county folder cannot escape the check by omitting dokument."""
        with pytest.raises(pages.MetadataError, match="'dokument'"):
            pages.check_metadata("kalmar/ny.md", {"title": "Ny", "lan": "kalmar"}, REGISTRY)

    def test_county_index_and_other_pages_are_free(self):
        """Overview pages need no document metadata."""
        pages.check_metadata("kalmar/index.md", {"title": "Kalmar län"}, REGISTRY)
        pages.check_metadata("om-sip/index.md", {"title": "Om SIP"}, REGISTRY)

    def test_unknown_county_is_rejected(self):
        """lan must name a county file of the registry."""
        with pytest.raises(pages.MetadataError, match=r"'lan'.*Skåne"):
            pages.check_metadata("varmland/x.md", {**META, "lan": "Skåne"}, REGISTRY)

    def test_unknown_document_is_rejected(self):
        """dokument must name one of the county's documents, never another county's."""
        with pytest.raises(pages.MetadataError, match=r"'dokument'.*anvisning"):
            pages.check_metadata("varmland/x.md", {**META, "dokument": "anvisning"}, REGISTRY)

    def test_unknown_section_is_rejected(self):
        """avsnitt must be one of the document's own sections."""
        with pytest.raises(pages.MetadataError, match="avsnitt"):
            pages.check_metadata("varmland/x.md", {**META, "avsnitt": "Påhittat"}, REGISTRY)


class TestDokumentinfo:
    def test_expired_document_gets_warning(self):
        """A document whose giltig_till has passed gets a warning above the box."""
        out = pages.dokumentinfo(
            "varmland/x.md", {**META, "dokument": "rutin_v3"}, date(2026, 11, 23), REGISTRY
        )
        assert "Dokumentet gäller inte längre" in out and "2025-03-28" in out
        assert "<dt>Ersatt av</dt>" in out

    def test_current_document_has_no_warning(self):
        """A document still valid shows only the box."""
        out = pages.dokumentinfo(
            "varmland/x.md", {**META, "dokument": "rutin_v3"}, date(2025, 1, 1), REGISTRY
        )
        assert "gäller inte längre" not in out
        assert "<dt>Giltig till och med</dt><dd>2025-03-28</dd>" in out

    def test_shows_the_document_as_a_reader_looks_for_it(self):
        """Title, id, publisher and where to find it; never a source file's name."""
        out = pages.dokumentinfo(
            "kalmar/x.md",
            {"title": "x", "lan": "kalmar", "dokument": "anvisning"},
            date(2026, 1, 1),
            REGISTRY,
        )
        assert "<dt>Dokument-id</dt><dd>RS 2022/1652</dd>" in out
        assert "Praktiska anvisningar Samordnad individuell plan, SIP" in out
        assert "<dt>Var du hittar dokumentet</dt>" in out
        assert ".txt" not in out and "Källdokument" not in out

    def test_missing_values_say_so(self):
        """A document without an id or version says that the source does not give one."""
        out = pages.dokumentinfo(
            "jonkoping/x.md",
            {"title": "x", "lan": "jonkoping", "dokument": "sju_steg"},
            date(2026, 1, 1),
            REGISTRY,
        )
        assert f"<dt>Dokument-id</dt><dd>{lan.NOT_GIVEN}</dd>" in out

    def test_section_page_names_its_section(self):
        """A page that publishes one section of a document names it."""
        out = pages.dokumentinfo(
            "varmland/x.md", {**META, "avsnitt": "Reservrutin"}, date(2026, 1, 1), REGISTRY
        )
        assert "<dt>Sidan återger</dt><dd>Avsnittet ”Reservrutin”</dd>" in out

    def test_values_are_escaped(self, tmp_path):
        """Registry text cannot inject markup."""
        county = tmp_path / "prov.toml"
        county.write_text(
            (lan.HERE / "jonkoping.toml")
            .read_text(encoding="utf-8")
            .replace('galler_for = "Personal', 'galler_for = "<script>x</script> Personal'),
            encoding="utf-8",
        )
        registry = lan.load([county])
        out = pages.dokumentinfo(
            "jonkoping/x.md",
            {"title": "x", "lan": "prov", "dokument": "sju_steg"},
            date(2026, 1, 1),
            registry,
        )
        assert "<script>" not in out


class TestSipSteg:
    def test_steps_link_to_their_sections(self):
        """Each step of the diagram links to its anchor, numbered in order."""
        out = pages.sip_steg(
            {
                "steg": [
                    {"titel": "Bedöm", "ankare": "steg-1"},
                    {"titel": "Samtycke", "ankare": "steg-2"},
                ]
            }
        )
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

    def test_date_and_time_fields_show_their_format_under_the_field(self):
        """Every date and time field of every blankett shows its format as visible text under
        the field, read out with it (aria-describedby), besides the field's own hint."""
        from forms.registry import get_module
        from forms.schema import field_id

        for form_id in ("kallelse", "sip-plan", "uppfoljning", "samtycke"):
            form = get_module(form_id).FORM
            page = widgets.render_widget(form, root="../")
            paths = []
            for section in form.sections:
                for item in section.items:
                    fields = getattr(item, "fields", (item,))
                    index = "0" if getattr(item, "min_items", 0) else widgets.INDEX
                    prefix = f"{item.name}.{index}." if hasattr(item, "fields") else ""
                    paths += [
                        (prefix + f.name, f.kind) for f in fields if f.kind in ("date", "time")
                    ]
            assert paths, form_id
            for path, kind in paths:
                fid = field_id(path).replace(widgets.INDEX_IN_ID, widgets.INDEX)
                text = (
                    "Skriv som ÅÅÅÅ-MM-DD, till exempel 2026-12-15."
                    if kind == "date"
                    else "Skriv som TT:MM, till exempel 09:30."
                )
                assert f'<div class="sip-hint sip-format" id="{fid}-format">{text}</div>' in page
                described = re.search(
                    rf'<input[^>]*id="{fid}"[^>]*aria-describedby="([^"]*)"', page
                )
                assert described and f"{fid}-format" in described.group(1).split(), path

    def test_follow_up_question_starts_hidden_with_its_rule(self):
        """show_if becomes a data rule, hidden until the answer matches."""
        m = re.search(r'data-field="mer" data-show-if=\'([^\']+)\' hidden', self.html)
        assert m and "&quot;val&quot;" in m.group(1)

    def test_repeat_group_has_first_item_and_template(self):
        """One item is shown from the start; more come from the template."""
        assert 'name="rader.0.text"' in self.html
        assert 'name="rader.__INDEX__.text"' in self.html

    def test_blank_pdf_link_is_relative_to_the_page(self):
        """A blankett's widget links its blank PDF relative to the page, so sub-paths work."""
        out = widgets.widget_html("kallelse", root=widgets.site_root("blanketter/kallelse/"))
        assert 'href="../../blanketter/pdf/kallelse-tom.pdf"' in out
        assert 'data-root="../../"' in out
        assert widgets.site_root("") == ""

    def test_script_is_told_the_widget_and_its_mode(self):
        """The page's script learns from its URL which widget to start, and whether it prints
        or assesses (overrides/main.html writes them into the script tag in <head>)."""
        assert widgets.script_params("kallelse") == {"id": "kallelse", "mode": "pdf"}
        assert widgets.script_params("behovsbedomning") == {
            "id": "behovsbedomning",
            "mode": "assess",
        }

    def test_unknown_or_unprintable_blank_pdf_fails(self):
        """A page that links the blank PDF of an unknown widget, or of one without a blank
        form, stops the build."""
        with pytest.raises(KeyError):
            widgets.blank_pdf_href("finns-inte", root="")
        with pytest.raises(KeyError):
            widgets.blank_pdf_href("behovsbedomning", root="")


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
            " disabled/></label> Boka tolk</li>"
        )
        assert '<label class="task-list-control" aria-hidden="true">' in out
        assert "Boka tolk" in out

"""The built site: strict build, self-hosted Pyodide with our wheel, links, CSP, search."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from helpers.sitetext import page_html, page_text

ROOT = Path(__file__).resolve().parent.parent
CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if "pyodide" not in p.parts)


def linked_pages(site_dir: Path) -> list[Path]:
    """Pages reached by links. 404.html is served at any URL, so Material writes its links
    root-absolute; it is checked separately."""
    return [p for p in html_pages(site_dir) if p.name != "404.html"]


def pyodide_folder(site_dir: Path) -> Path:
    (folder,) = (site_dir / "pyodide").iterdir()
    return folder


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class TestPyodideFolder:
    def test_folder_is_named_after_its_content_and_the_scripts_use_that_name(self, site_dir):
        """pyodide/<hash>/: a release that changes any file there changes the URL, so browsers
        may keep the files without asking again. widgets.mjs and worker.mjs load from it."""
        folder = pyodide_folder(site_dir)
        digest = hashlib.sha256()
        for path in sorted(p for p in folder.iterdir() if p.suffix not in (".gz", ".br")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        assert folder.name == digest.hexdigest()[:12]
        for script in ("widgets", "worker"):
            (path,) = (site_dir / "assets" / "sip").glob(f"{script}.*.mjs")
            text = path.read_text()
            assert f'"../../pyodide/{folder.name}/"' in text, script
            assert "__PYODIDE_DIR__" not in text, script

    def test_widget_pages_preload_the_runtime_and_other_pages_do_not(self, site_dir):
        """A widget page asks for the .wasm from <head>, before its script compiles it; a
        routine page never names Pyodide."""
        folder = pyodide_folder(site_dir).name
        link = (
            f'<link rel="preload" href="../../pyodide/{folder}/pyodide.asm.wasm" '
            'as="fetch" crossorigin>'
        )
        kallelse = (site_dir / "blanketter" / "kallelse" / "index.html").read_text()
        head = kallelse.split("</head>")[0]
        assert link in head and head.index(link) < head.index("assets/sip/widgets.")
        routine = (site_dir / "kalmar" / "praktiska-anvisningar" / "index.html").read_text()
        assert "pyodide" not in routine

    def test_every_page_starts_search_when_it_is_needed(self, site_dir):
        """Widget pages and routine pages name the deferred search worker, with Material's
        worker as its argument."""
        config = re.compile(r'"search": "([^"]*)"')
        for path in ("blanketter/kallelse/", "kalmar/praktiska-anvisningar/"):
            worker = config.search(page_html(site_dir, path))[1]
            assert re.fullmatch(
                r"\.\./\.\./assets/javascripts/workers/search-deferred\.js\?worker="
                r"search\.[0-9a-f]{8}\.min\.js",
                worker,
            ), (path, worker)

    def test_widget_scripts_are_named_after_their_content(self, site_dir):
        """widgets.<hash>.mjs and worker.<hash>.mjs, like Material's bundles: the pages and
        widgets.mjs name them, and nothing names the unhashed files any more."""
        sip = site_dir / "assets" / "sip"
        names = {}
        for script in ("widgets", "worker"):
            (path,) = sip.glob(f"{script}.*.mjs")
            assert path.name.split(".")[1] == sha256(path)[:8]
            names[script] = path.name
        assert not (sip / "widgets.mjs").exists() and not (sip / "worker.mjs").exists()
        assert f'"./{names["worker"]}"' in (sip / names["widgets"]).read_text()
        page = (site_dir / "blanketter" / "kallelse" / "index.html").read_text()
        assert f"assets/sip/{names['widgets']}?widget=kallelse" in page
        for page in html_pages(site_dir):
            assert "widgets.mjs" not in page.read_text(), page

    def test_core_files_come_from_the_pinned_npm_package(self, site_dir):
        """The site holds Pyodide's runtime, byte for byte the version package-lock.json pins."""
        lock = json.loads((ROOT / "package-lock.json").read_text())
        version = lock["packages"]["node_modules/pyodide"]["version"]
        npm = ROOT / "node_modules" / "pyodide"
        assert json.loads((npm / "package.json").read_text())["version"] == version
        for name in CORE:
            if name != "python_stdlib.zip":
                assert sha256(pyodide_folder(site_dir) / name) == sha256(npm / name), name

    def test_standard_library_is_the_packages_own_compiled_and_trimmed(self, site_dir):
        """python_stdlib.zip holds the npm package's modules that the portal imports
        (release/imports.txt, checked in test_pyodide_imports.py), as .pyc instead of .py
        sources, so Python does not compile its standard library at every start."""
        npm = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
        with zipfile.ZipFile(npm) as zf:
            sources = {n for n in zf.namelist() if n.endswith(".py")}
        with zipfile.ZipFile(pyodide_folder(site_dir) / "python_stdlib.zip") as zf:
            names = set(zf.namelist())
        compiled = {n[:-1] for n in names if n.endswith(".pyc")}
        kept = {n for n in names if n.endswith(".py")}
        assert compiled | kept <= sources
        assert len(kept) < len(compiled) // 20, "nearly every module is compiled"
        assert len(compiled | kept) < len(sources) * 2 // 3, "trimmed to the imported modules"

    def test_lockfile_names_our_wheel_and_its_dependencies(self, site_dir):
        """pyodide-lock.json lists sip-forms with its dependencies, Pillow not among them."""
        lock = json.loads((pyodide_folder(site_dir) / "pyodide-lock.json").read_text())
        packages = lock["packages"]
        assert set(packages) == {
            "sip-forms",
            "fpdf2",
            "fonttools",
            "defusedxml",
            "personnummer",
            "pypdf",
        }
        assert set(packages["fpdf2"]["depends"]) == {"defusedxml", "fonttools"}
        # the PDF engine and pypdf load after start, so a widget answers sooner
        assert packages["sip-forms"]["depends"] == ["personnummer"]

    def test_site_ships_exactly_what_the_lock_names_with_matching_sha256(self, site_dir):
        """Every wheel on the site is in the lock with its sha256, and nothing else is."""
        folder = pyodide_folder(site_dir)
        lock = json.loads((folder / "pyodide-lock.json").read_text())
        named = {p["file_name"]: p["sha256"] for p in lock["packages"].values()}
        shipped = {p.name for p in folder.iterdir() if p.suffix not in (".gz", ".br")}
        assert shipped == set(named) | set(CORE) | {"pyodide-lock.json"}
        for suffix in (".gz", ".br"):
            compressed = {p.name[: -len(suffix)] for p in folder.glob("*" + suffix)}
            assert compressed == shipped, f"a {suffix} file without its original, or missing"
        for file_name, digest in named.items():
            assert sha256(folder / file_name) == digest, file_name

    def test_wheels_hold_bytecode_not_compiled_by_the_build_python(self, site_dir):
        """Our wheels ship sourceless .pyc made by Pyodide's Python, not the build machine's.

        (The browser tests import these modules; a wrong magic number would fail there.)
        """
        import importlib.util

        folder = pyodide_folder(site_dir)
        for wheel in folder.glob("*.whl"):
            with zipfile.ZipFile(wheel) as zf:
                names = zf.namelist()
                code = [n for n in names if n.endswith((".py", ".pyc"))]
                assert code and all(n.endswith(".pyc") for n in code), wheel.name
                magic = zf.read(code[0])[:4]
                assert magic != importlib.util.MAGIC_NUMBER, wheel.name
        with zipfile.ZipFile(next(folder.glob("sip_forms-*.whl"))) as zf:
            assert "forms/pdf.pyc" in zf.namelist()
            assert "forms/fonts/DejaVuSans.ttf" in zf.namelist()
            # the county registry is data: the browser's assessment reads the same files
            for county in ("gemensamt", "varmland", "kalmar", "jonkoping"):
                assert f"forms/lan/{county}.toml" in zf.namelist()

    def test_fpdf2_no_longer_requires_pillow(self, site_dir):
        """fpdf2's metadata in the site's wheel does not ask for Pillow (Pyodide has none here)."""
        wheel = next(pyodide_folder(site_dir).glob("fpdf2-*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            meta = zf.read(next(n for n in zf.namelist() if n.endswith("METADATA"))).decode()
        assert "Requires-Dist: fonttools" in meta
        assert "pillow" not in meta.lower().split("requires-dist: fonttools")[1].split("\n\n")[0]


class TestCompression:
    def test_precompressed_files_match_their_originals(self, site_dir):
        """Every .gz and .br beside a file decompresses to exactly that file."""
        import gzip

        import brotli

        for suffix, decompress in ((".gz", gzip.decompress), (".br", brotli.decompress)):
            packed = list(site_dir.rglob("*" + suffix))
            assert any(p.name == "pyodide.asm.wasm" + suffix for p in packed)
            for path in packed:
                assert decompress(path.read_bytes()) == path.with_suffix("").read_bytes(), path

    def test_every_page_script_and_archive_has_a_brotli_copy_beside_the_gzip_one(self, site_dir):
        """A server with brotli_static finds a .br wherever gzip_static finds a .gz (MkDocs's
        own sitemap.xml.gz aside), and for the runtime it is at least a fifth smaller."""
        missing = [
            str(gz.relative_to(site_dir))
            for gz in site_dir.rglob("*.gz")
            if gz.name != "sitemap.xml.gz" and not gz.with_suffix(".br").is_file()
        ]
        assert missing == []
        wasm = pyodide_folder(site_dir) / "pyodide.asm.wasm"
        br, gz = (wasm.with_name(wasm.name + s).stat().st_size for s in (".br", ".gz"))
        assert br < 0.8 * gz

    def test_python_archives_are_stored_and_sent_gzip_compressed(self, site_dir):
        """The stdlib zip and every wheel hold uncompressed entries, so Python in the browser
        reads modules without zlib, and each has a smaller .gz for the wire."""
        folder = pyodide_folder(site_dir)
        archives = [*folder.glob("*.whl"), folder / "python_stdlib.zip"]
        assert len(archives) >= 6
        for archive in archives:
            with zipfile.ZipFile(archive) as zf:
                kinds = {i.compress_type for i in zf.infolist()}
            assert kinds == {zipfile.ZIP_STORED}, archive.name
            gz = archive.with_name(archive.name + ".gz")
            assert gz.stat().st_size < 0.6 * archive.stat().st_size, archive.name


class TestPages:
    def test_swedish_material_site(self, site_dir):
        """The start page is a Swedish Material page titled SIP-portalen."""
        page = page_html(site_dir, "")
        assert '<html lang="sv"' in page
        assert "<title>SIP-portalen</title>" in page, "the start page's title is the site name"
        assert "Behöver personen en SIP?" in page_text(site_dir, "")

    def test_no_third_party_resources(self, site_dir):
        """No page loads a script, stylesheet, font or image from another origin."""
        pattern = re.compile(r'<(script|link|img|iframe|source)\b[^>]*\b(src|href)="(https?:)?//')
        offenders = [
            str(p.relative_to(site_dir))
            for p in html_pages(site_dir)
            if pattern.search(p.read_text("utf-8"))
        ]
        assert offenders == []
        css = "".join(p.read_text("utf-8", "ignore") for p in site_dir.rglob("*.css"))
        assert "fonts.googleapis" not in css and "@import url(http" not in css

    def test_every_internal_link_and_anchor_resolves(self, site_dir):
        """Every relative href/src on every page points at a file, and its #anchor exists."""
        ids_cache: dict[Path, set[str]] = {}

        def ids(path: Path) -> set[str]:
            if path not in ids_cache:
                text = path.read_text("utf-8", "ignore")
                ids_cache[path] = set(re.findall(r'\bid="([^"]+)"', text))
            return ids_cache[path]

        broken = []
        for page in linked_pages(site_dir):
            text = re.sub(r"<template>.*?</template>", "", page.read_text("utf-8"), flags=re.S)
            for _attr, url in re.findall(r'\b(href|src)="([^"]*)"', text):
                url = html.unescape(url)
                parts = urlsplit(url)
                if parts.scheme or url.startswith(("//", "mailto:", "tel:", "javascript:")):
                    continue
                if not parts.path:
                    target = page
                else:
                    target = (page.parent / unquote(parts.path)).resolve()
                    if target.is_dir():
                        target = target / "index.html"
                if not target.exists():
                    broken.append(f"{page.relative_to(site_dir)}: {url}")
                elif (
                    parts.fragment
                    and target.suffix == ".html"
                    and unquote(parts.fragment) not in ids(target)
                ):
                    broken.append(f"{page.relative_to(site_dir)}: {url} (no such anchor)")
        assert broken == []

    def test_blank_pdfs_are_built_and_linked(self, site_dir):
        """Each blankett has a blank PDF, linked from the overview."""
        overview = page_html(site_dir, "blanketter/")
        for form_id in ("kallelse", "sip-plan", "uppfoljning", "samtycke"):
            pdf = site_dir / "blanketter" / "pdf" / f"{form_id}-tom.pdf"
            assert pdf.read_bytes().startswith(b"%PDF-")
            assert f"pdf/{form_id}-tom.pdf" in overview

    def test_footer_links_to_accessibility_statement_on_every_page(self, site_dir):
        """Every page's footer links to the tillgänglighetsredogörelse."""
        missing = [
            str(p.relative_to(site_dir))
            for p in html_pages(site_dir)
            if "Tillgänglighetsredogörelse</a>" not in p.read_text("utf-8")
        ]
        assert missing == []


class TestContentSecurityPolicy:
    @staticmethod
    def policy(text: str) -> str:
        m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', text)
        assert m, "no CSP meta tag"
        return html.unescape(m.group(1))

    def test_every_page_has_a_policy_first_in_head(self, site_dir):
        """The CSP meta tag comes before any script, on every page."""
        for page in html_pages(site_dir):
            text = page.read_text("utf-8")
            policy_at = text.find('http-equiv="Content-Security-Policy"')
            assert 0 < policy_at < text.find("<script"), page

    def test_scripts_only_from_own_origin_and_hashed_inline(self, site_dir):
        """script-src is 'self' plus the hashes of the page's own inline scripts: no
        'unsafe-inline', no 'unsafe-eval', no other host."""
        for page in html_pages(site_dir):
            text = page.read_text("utf-8")
            policy = self.policy(text)
            directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
            script_src = directives["script-src"].split()
            assert script_src[0] == "'self'"
            assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
            assert all(
                s.startswith("'sha256-") or s == "'wasm-unsafe-eval'" for s in script_src[1:]
            )
            assert directives["default-src"] == "'self'"
            for m in re.finditer(r"<script>(.*?)</script>", text, re.S):
                digest = base64.b64encode(hashlib.sha256(m.group(1).encode()).digest()).decode()
                assert f"'sha256-{digest}'" in script_src, page

    def test_wasm_allowed_only_on_widget_pages(self, site_dir):
        """'wasm-unsafe-eval' appears only where a widget runs Python."""
        for page in html_pages(site_dir):
            text = page.read_text("utf-8")
            assert ("'wasm-unsafe-eval'" in self.policy(text)) == ("data-sip-widget=" in text), page


class TestSearchAndMetadata:
    @pytest.mark.parametrize("term", ["samtycke", "kallelse", "vårdnadshavare", "Cosmic Link"])
    def test_search_index_holds_swedish_terms(self, site_dir, term):
        """The search index contains the Swedish words readers look for."""
        index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == ["sv"]
        assert any(term.lower() in doc["text"].lower() for doc in index["docs"])

    def test_expired_document_warns(self, site_dir):
        """RUT-17810 v3 ran to 2025-03-28: its page says it no longer applies."""
        text = page_text(site_dir, "varmland/rutin-cosmic-link/")
        assert "Dokumentet gäller inte längre" in text
        assert "2025-03-28" in text

    def test_current_document_has_no_expiry_warning(self, site_dir):
        """The riktlinje has no end date: no warning, but its metadata box."""
        page = page_html(site_dir, "varmland/riktlinje/")
        assert "sip-expired" not in page
        assert 'class="sip-docinfo"' in page

    @pytest.mark.parametrize(
        "url",
        [
            "varmland/riktlinje/",
            "varmland/rutin-reviderad/",
            "varmland/rutin-cosmic-link/",
            "varmland/reservrutin/",
            "kalmar/praktiska-anvisningar/",
            "kalmar/definitioner/",
            "kalmar/bilaga-1-kallelse/",
            "kalmar/bilaga-2-dokumentera/",
            "jonkoping/sju-steg/",
        ],
    )
    def test_routine_pages_show_document_metadata(self, site_dir, url):
        """Every routine page opens with its document box: the document as a reader looks for
        it (county, title, id, version, publisher, where to find it), never a file name."""
        text = page_text(site_dir, url)
        for label in (
            "Län",
            "Dokument",
            "Dokument-id",
            "Version",
            "Utgivare",
            "Gäller för",
            "Var du hittar dokumentet",
        ):
            assert label in text, (url, label)
        assert "Källdokument" not in text and ".txt" not in text


class TestReservrutinLinks:
    def test_reservrutin_links_every_blank_pdf(self, site_dir):
        """The Värmland reservrutin page links straight to the four blank PDFs."""
        page = page_html(site_dir, "varmland/reservrutin/")
        for form_id in ("kallelse", "sip-plan", "uppfoljning", "samtycke"):
            assert f'href="../../blanketter/pdf/{form_id}-tom.pdf"' in page


class TestSeedOverlap:
    def test_no_passage_repeats_a_seed_word_for_word(self):
        """The shared checker finds no run of 12+ words copied from a source document."""
        import subprocess
        import sys

        tool = ROOT.parent / "shared" / "tools" / "seed_overlap.py"
        if not tool.exists():
            pytest.skip(f"{tool} is not beside this checkout")
        result = subprocess.run(
            [sys.executable, str(tool), "--root", str(ROOT)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout[-3000:]

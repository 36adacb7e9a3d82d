"""The release step's record of the Pyodide folder (release/manifest.py): a changed byte or a
changed input stops the release with the file, the expected and actual sha256 and the way to
record a deliberate change. Its check that every blank PDF is tagged (release/tagged.py). And
its cache (release/cache.py)."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from forms.registry import blank_pdf_path
from release import cache, manifest, postbuild, pyodide_dist, tagged


@pytest.fixture(scope="module")
def built() -> Path:
    """The Pyodide folder as the build makes it (cached between builds)."""
    return pyodide_dist.build_dist()


@pytest.fixture
def folder(built, tmp_path) -> Path:
    """A copy of the built folder that a test may alter."""
    return Path(shutil.copytree(built, tmp_path / "pyodide"))


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


class TestManifest:
    def test_the_committed_record_matches_the_build(self, built):
        """The runtime, the compiled stdlib and the dependency wheels are, byte for byte, the
        ones recorded in release/manifest.json."""
        record = manifest.load()
        manifest.check(built, record)
        third_party = [n for n, f in record["files"].items() if manifest.FORMS not in f["inputs"]]
        assert {"python_stdlib.zip", "pyodide.asm.wasm"} <= set(third_party)
        assert len(third_party) >= 8

    def test_a_changed_byte_stops_with_file_expected_and_actual_sha256(self, folder):
        """One flipped byte in the compiled stdlib: the check names the file, both hashes,
        that the inputs did not change, and how to record a deliberate change."""
        record = manifest.record_of(folder)
        target = folder / "python_stdlib.zip"
        expected = manifest.sha256(target)
        flip_a_byte(target)
        with pytest.raises(manifest.ManifestError) as caught:
            manifest.check(folder, record)
        message = str(caught.value)
        assert "python_stdlib.zip" in message
        assert f"expected sha256 {expected}" in message
        assert f"got      sha256 {manifest.sha256(target)}" in message
        assert "inputs unchanged" in message
        assert "make lock-release" in message

    def test_a_changed_input_is_named(self, folder):
        """A new Pyodide (here: a record made with another version) stops the release and
        says which input changed, from what to what."""
        record = manifest.record_of(folder)
        record["inputs"][manifest.PYODIDE] = "0.0.1 sha512-old"
        record["files"]["pyodide.asm.wasm"]["sha256"] = "0" * 64
        with pytest.raises(manifest.ManifestError) as caught:
            manifest.check(folder, record)
        message = str(caught.value)
        assert "pyodide.asm.wasm" in message
        assert f"changed inputs: {manifest.PYODIDE} 0.0.1 sha512-old -> " in message

    def test_a_new_or_missing_file_stops_the_release(self, folder):
        """A wheel the record does not know, or a recorded one the build no longer makes."""
        record = manifest.record_of(folder)
        (folder / "extra-1.0-py3-none-any.whl").write_bytes(b"x")
        del record["files"]["python_stdlib.zip"]
        record["files"]["old-0.1-py3-none-any.whl"] = {"sha256": "0" * 64, "inputs": []}
        problems, _ = manifest.compare(folder, record, manifest.current_inputs())
        assert any(p.startswith("extra-1.0-py3-none-any.whl: made by the build") for p in problems)
        assert any(p.startswith("old-0.1-py3-none-any.whl: recorded, but") for p in problems)
        assert any(p.startswith("python_stdlib.zip: made by the build") for p in problems)

    def test_our_own_wheel_is_compared_only_while_forms_is_as_recorded(self, folder):
        """forms/ is reviewed as source: after a change to it our wheel is not compared (and
        the release says so); with forms/ as recorded, a changed wheel stops the release."""
        record = manifest.record_of(folder)
        (wheel,) = folder.glob("sip_forms-*.whl")
        flip_a_byte(wheel)
        problems, notes = manifest.compare(folder, record, manifest.current_inputs())
        assert [p.split(":")[0] for p in problems] == [wheel.name]
        changed = {**manifest.current_inputs(), manifest.FORMS: "sha256:edited"}
        problems, notes = manifest.compare(folder, record, changed)
        assert problems == []
        assert notes == [f"{wheel.name}: not compared, forms/ has changed since the record"]

    @pytest.mark.parametrize("suffix", [".gz", ".br"])
    def test_a_compressed_copy_that_does_not_match_stops_the_release(self, folder, suffix):
        """A .gz or .br beside a file must hold exactly that file."""
        import gzip

        import brotli

        compress = {".gz": gzip.compress, ".br": brotli.compress}[suffix]
        postbuild.precompress(folder)
        manifest.check_compressed(folder)
        (folder / f"pyodide.asm.wasm{suffix}").write_bytes(compress(b"something else"))
        with pytest.raises(
            manifest.ManifestError, match=f"pyodide.asm.wasm\\{suffix} does not hold"
        ):
            manifest.check_compressed(folder)


class TestReleaseStep:
    def test_release_stops_before_publishing_a_folder_that_differs(
        self, tmp_path, monkeypatch, built
    ):
        """The release step itself refuses a Pyodide folder that differs from the record: no
        Pyodide folder and no service worker are written."""
        record = json.loads(manifest.MANIFEST.read_text("utf-8"))
        record["files"]["python_stdlib.zip"]["sha256"] = "0" * 64
        tampered = tmp_path / "manifest.json"
        tampered.write_text(json.dumps(record), "utf-8")
        monkeypatch.setattr(manifest, "MANIFEST", tampered)
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text("<html></html>", "utf-8")
        with pytest.raises(manifest.ManifestError, match=r"python_stdlib\.zip"):
            postbuild.run(site)
        assert not (site / "pyodide").exists() and not (site / "sw.js").exists()


def untagged_pdf() -> bytes:
    """A PDF as the portal made them before tagging: fpdf2 alone."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Samtycke")
    return bytes(pdf.output())


class TestBlankPdfsAreTagged:
    def test_every_blank_pdf_passes(self, tmp_path):
        """The blank PDFs the release step writes pass its check."""
        written = postbuild.write_blank_pdfs(tmp_path)
        assert len(written) == 4
        tagged.check(written)

    def test_an_untagged_blank_pdf_stops_the_release_naming_it(self, tmp_path, monkeypatch, capsys):
        """`python -m release` stops with a message naming the PDF and what is wrong, before
        any Pyodide folder or service worker is written."""
        from forms.blanketter import samtycke
        from release.__main__ import main

        monkeypatch.setattr(samtycke, "render_blank", untagged_pdf)
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text("<html></html>", "utf-8")
        monkeypatch.setattr("sys.argv", ["release", str(site)])
        with pytest.raises(SystemExit) as stop:
            main()
        message = str(stop.value.code)
        assert message.startswith("release: ")
        assert str(site / blank_pdf_path("samtycke")) in message
        assert "is not a tagged PDF" in message and "UA-01-005" in message
        assert not (site / "pyodide").exists() and not (site / "sw.js").exists()


class TestCache:
    """The release step's cache, shared by every clone of the machine's user."""

    def test_env_moves_it(self, monkeypatch, tmp_path):
        monkeypatch.setenv("SIP_CACHE_DIR", str(tmp_path / "c"))
        assert cache.root() == tmp_path / "c"
        monkeypatch.delenv("SIP_CACHE_DIR")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
        assert cache.root() == tmp_path / "x" / "sip-portalen"

    def test_an_entry_appears_whole_and_the_first_one_stays(self, tmp_path):
        """Two builds that finish the same entry: the first is kept, nothing half-made is
        left beside it."""
        first, second = tmp_path / "a", tmp_path / "b"
        for folder, text in ((first, "first"), (second, "second")):
            folder.mkdir()
            (folder / "pyodide-lock.json").write_text(text)
        target = tmp_path / "cache" / "dist" / "0123"
        cache.install(first, target)
        cache.install(second, target)
        assert (target / "pyodide-lock.json").read_text() == "first"
        assert [p.name for p in target.parent.iterdir()] == ["0123"]

    def test_only_the_newest_stay(self, tmp_path):
        for age, name in enumerate(["new", "middle", "old", "oldest"]):
            (tmp_path / name).mkdir()
            os.utime(tmp_path / name, (1e9 - age, 1e9 - age))
        cache.touch(tmp_path / "oldest")
        cache.keep_newest(tmp_path, 2)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "oldest"]

    def test_unused_results_are_forgotten(self, tmp_path):
        (tmp_path / "used.br").write_bytes(b"x")
        (tmp_path / "unused.br").write_bytes(b"x")
        os.utime(tmp_path / "unused.br", (time.time() - 31 * 86_400,) * 2)
        cache.forget_unused(tmp_path, 30)
        assert [p.name for p in tmp_path.iterdir()] == ["used.br"]

"""The site ships only the parts of the standard library and of fontTools that the portal
imports (release/imports.txt, release/trim.py). Every operation a widget asks of Python still
works with them: run in Pyodide under Node from the built site's own Pyodide folder, each
answers exactly as in CPython. A module the list lacks fails here, named."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import widget_ops

from release import trim

ROOT = Path(__file__).resolve().parent.parent


def pyodide_folder(site_dir: Path) -> Path:
    (folder,) = (site_dir / "pyodide").iterdir()
    return folder


@pytest.fixture(scope="module")
def in_pyodide(site_dir, tmp_path_factory) -> tuple[dict, str, Path]:
    """The operations' report from Pyodide (Node), Node's stderr, and the work folder."""
    work = tmp_path_factory.mktemp("ops")
    proc = widget_ops.run_in_pyodide(pyodide_folder(site_dir), work)
    # A missing module, or a codec's module (encodings.*) that a lookup did not find.
    found = re.findall(r"No module named '[^']+'|unknown encoding: \S+", proc.stderr)
    missing = sorted(set(found))
    assert not missing, (
        f"the shipped Pyodide folder lacks what Python asked for: {missing}. Run `make "
        'imports`, then `make lock-release` (README, "Why these choices").\n' + proc.stderr[-2000:]
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads((work / "results.json").read_text("utf-8"))
    return report, proc.stderr, work


def test_every_widget_operation_answers_as_in_cpython(in_pyodide):
    """validate, pdf (every variant), save, open (every form's files in every form, broken
    and foreign files), assess (every verdict) and the fatal path: the same answers, the same
    kinds of file, and every blank PDF, from the trimmed folder."""
    report, _, work = in_pyodide
    expected = widget_ops.comparable(widget_ops.run_in_cpython(work))
    got = widget_ops.comparable(report)
    assert len(got["results"]) == len(expected["results"]) > 150
    for index, (mine, theirs) in enumerate(zip(got["results"], expected["results"], strict=False)):
        assert mine == theirs, f"operation {index}"
    assert got["blanks"] == expected["blanks"] == dict.fromkeys(got["blanks"], True)
    kinds = [r["file"] for r in got["results"]]
    assert kinds.count("pdf") >= 8 and kinds.count("other") >= 7  # PDFs and answers files
    opened = [r for r in got["results"] if "form" in r["response"]]
    assert len(opened) >= 20  # saved PDFs and answers files reopened (pypdf included)


def test_only_the_fatal_path_fails_and_it_prints_its_traceback(in_pyodide):
    """The one deliberate failure (a request that is not JSON) answers with the Swedish fatal
    message and prints its traceback, which needs traceback and linecache in the folder."""
    report, stderr, _ = in_pyodide
    fatal = [r for r in report["results"] if "fatal" in r["response"]]
    assert len(fatal) == 1
    assert "Traceback (most recent call last)" in stderr and "JSONDecodeError" in stderr


def test_the_archives_hold_exactly_the_listed_modules(site_dir):
    """The shipped standard library and fontTools hold the modules of release/imports.txt and
    no other (a stale list or a failed trim is noticed here, not by a user)."""
    listed = trim.read_list()
    folder = pyodide_folder(site_dir)
    with zipfile.ZipFile(folder / "python_stdlib.zip") as zf:
        stdlib = {trim.module_of(n) for n in zf.namelist()} - {None}
    (fonttools,) = folder.glob("fonttools-*.whl")
    with zipfile.ZipFile(fonttools) as zf:
        font_modules = {trim.module_of(n) for n in zf.namelist()} - {None}
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in zf.namelist())
    assert stdlib == {m for m in listed if not m.startswith("fontTools")}
    assert font_modules == {m for m in listed if m.startswith("fontTools")}
    assert {"encodings", "traceback", "fontTools.subset", "fontTools.ttLib"} <= listed

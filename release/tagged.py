"""The release step's check that every blank PDF it publishes is a tagged PDF (PDF/UA-1).

The blank blanketter are published documents of a public body. The release step writes them
(:func:`release.postbuild.write_blank_pdfs`) and then stops, naming the file and what is
wrong, unless the checker ``pdfua`` (pikepdf, build venv only) finds nothing and could run all
its checks. ``pdfua`` covers the machine-checkable part of PDF/UA-1 that it implements (16 of
the 106 rules); tests/test_pdf_tagging.py checks more, on every kind of PDF.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class UntaggedPdfError(RuntimeError):
    """A blank PDF is not tagged as PDF/UA-1 asks."""


def problems(path: Path) -> list[str]:
    """What ``pdfua`` finds in the PDF at ``path``, and any of its checks that could not
    run (an empty list: nothing)."""
    from pdfua import validate

    report = validate(str(path))
    found = [f"{f.rule_id}: {f.message}" for f in report.findings]
    return found + [f"{o.rule_id} could not run: {o.skipped_reason}" for o in report.skipped]


def check(paths: Iterable[Path]) -> None:
    """Stop with :class:`UntaggedPdfError` at the first PDF of ``paths`` with a problem."""
    for path in paths:
        found = problems(path)
        if found:
            raise UntaggedPdfError(
                f"{path} is not a tagged PDF as PDF/UA-1 asks (pdfua):\n  " + "\n  ".join(found)
            )

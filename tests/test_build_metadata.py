"""A routine page with broken front matter stops the real build, naming page and field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONFIG = f"""
site_name: Prov
docs_dir: docs
theme:
  name: material
  language: sv
  font: false
plugins:
  - macros:
      module_name: {ROOT / "macros"}
      on_error_fail: true
      on_undefined: strict
"""

BROKEN = """---
title: Ny rutin
lan: kalmar
---

{{ dokumentinfo() }}

Text.
"""


def test_missing_document_fails_build_with_page_and_field(tmp_path):
    """mkdocs build stops and says which page lacks which field."""
    (tmp_path / "docs" / "kalmar").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Start\n")
    (tmp_path / "docs" / "kalmar" / "trasig.md").write_text(BROKEN)
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "kalmar/trasig.md: routine page lacks required front matter 'dokument'" in (
        result.stdout + result.stderr
    )

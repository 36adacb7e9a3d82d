"""DejaVu Sans, subset to the scripts the blanketter need, embedded in every PDF.

The TTF files are not kept in git: ``macros.fonts`` builds them at set-up time from the npm
package ``dejavu-fonts-ttf`` (pinned in package-lock.json). See README.md.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

__all__ = ["BOLD", "FONT_DIR", "REGULAR"]

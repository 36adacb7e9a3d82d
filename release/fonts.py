"""Build the subset fonts that ``forms`` embeds in its PDFs.

Source: the npm package ``dejavu-fonts-ttf`` (pinned in package-lock.json). Subsetting to the
scripts a Swedish public-sector form meets (Latin incl. Vietnamese, Greek, Cyrillic, punctuation)
cuts each font from ~750 kB to ~200 kB, which the browser downloads inside our wheel.

Run as ``python -m release.fonts`` (the Makefile does) or call :func:`ensure_fonts`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "node_modules" / "dejavu-fonts-ttf"
SOURCE_DIR = PACKAGE_DIR / "ttf"
TARGET_DIR = ROOT / "forms" / "fonts"
FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")

# Unicode blocks kept in the subset.
RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B (Polish, Turkish, Nordic)
    (0x0259, 0x0259),  # schwa (Azerbaijani names)
    (0x02B0, 0x036F),  # spacing modifiers and combining diacritics
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic and Cyrillic Supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x2000, 0x206F),  # General Punctuation (dashes, quotes, bullet)
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x214F),  # letterlike symbols (№, ™)
    (0x2190, 0x21FF),  # arrows
    (0x2212, 0x2212),  # minus
    (0x2610, 0x2612),  # ballot boxes for the blank forms
    (0x2713, 0x2714),  # check marks
    (0xFFFD, 0xFFFD),  # replacement character
)


def _unicodes() -> list[int]:
    return [cp for lo, hi in RANGES for cp in range(lo, hi + 1)]


def build_font(source: Path, target: Path) -> None:
    """Write a subset of ``source`` to ``target``."""
    options = subset.Options()
    options.layout_features = ["kern", "liga", "ccmp", "locl", "mark", "mkmk"]
    options.name_IDs = ["*"]  # keep the licence and names
    options.notdef_outline = True
    options.hinting = False  # PDF viewers do not need TrueType hinting
    # Keep the glyph names (a 'post' table of format 2, 4 kB more per font after brotli).
    # fpdf2 reads every font's glyph order each time a PDF adds it; without names fontTools
    # makes them up from the cmap (importing its Adobe glyph list the first time), which cost
    # a first PDF in Pyodide about 20 ms and every later one about 5. fpdf2's own subset drops
    # the names again, so the PDFs are the same bytes (README, "Why these choices").
    options.glyph_names = True
    # Keep the source's modification date instead of today's, so the same inputs give the same
    # bytes (the fonts go into our wheel, whose sha256 is recorded: release/manifest.py).
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_unicodes())
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)


def ensure_fonts(force: bool = False) -> list[Path]:
    """Build the subset fonts unless they are newer than their sources."""
    built = []
    for name in FONTS:
        source, target = SOURCE_DIR / name, TARGET_DIR / name
        if not source.exists():
            raise RuntimeError(
                f"{source} is missing: run `npm ci` (the Makefile does) to fetch dejavu-fonts-ttf"
            )
        if force or not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            build_font(source, target)
            built.append(target)
    licence = PACKAGE_DIR / "LICENSE"
    if licence.exists():
        (TARGET_DIR / "LICENSE-DejaVu.txt").write_bytes(licence.read_bytes())
    return built


if __name__ == "__main__":
    for path in ensure_fonts(force="--force" in sys.argv):
        print(f"built {path.relative_to(ROOT)} ({path.stat().st_size // 1024} kB)")

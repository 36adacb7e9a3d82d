"""Run the release steps over a generated site: ``python -m release [SITE_DIR]``.

``make build`` runs this after ``mkdocs build``; it fails with a message naming what is wrong.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .manifest import ManifestError
from .postbuild import run
from .tagged import UntaggedPdfError


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", default="site", type=Path)
    args = parser.parse_args()
    if not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir}: no generated site here (run mkdocs build first)")
    try:
        run(args.site_dir)
    except (ManifestError, UntaggedPdfError) as error:  # a message, not a traceback
        raise SystemExit(f"release: {error}") from None


if __name__ == "__main__":
    main()

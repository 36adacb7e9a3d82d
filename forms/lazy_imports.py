"""Modules that fpdf2 imports but the portal's PDFs never run, left unrun until something uses
them.

``import fpdf`` imports all of fpdf2, most of fontTools and a good part of the standard library,
and it is most of what a first "Skapa PDF" waits for in the browser. The modules of
:data:`UNUSED_BY_PDFS` are imported inside :func:`lazily` through
:class:`importlib.util.LazyLoader`: the module object exists at once, but its code (and what
that code imports) runs only on the first attribute access. Nothing the portal does touches
them, so for the portal they never run; any other code gets them as if imported normally.

Only a module that its importer binds as a whole (``import x``, ``from package import x``)
can stay unrun; ``from x import name`` runs ``x`` at once. The list holds such modules, found
by importing every module lazily and making every PDF: these are the ones that stayed unrun
(tests/test_lazy_imports.py checks that they still do, and that the PDFs are the same bytes).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec, PathFinder

UNUSED_BY_PDFS = frozenset(
    {
        # fontTools: variable-font instancing, CFF fonts, XML and plist support, Unicode data
        "fontTools.cffLib",
        "fontTools.misc.classifyTools",
        "fontTools.misc.etree",
        "fontTools.misc.plistlib",
        "fontTools.misc.xmlWriter",
        "fontTools.unicodedata.Blocks",
        "fontTools.unicodedata.Mirrored",
        "fontTools.unicodedata.OTTags",
        "fontTools.unicodedata.ScriptExtensions",
        "fontTools.varLib.instancer",
        "fontTools.varLib.multiVarStore",
        # the standard library, for fpdf2's images from URLs, templates, encryption and
        # signing, and for fontTools' data files
        "csv",
        "difflib",
        "email.header",
        "email.parser",
        "importlib.resources",
        "mimetypes",
        "pkgutil",
        "stringprep",
    }
)


class _LazyFinder(MetaPathFinder):
    """Finds the modules of ``names`` as the path finder does, with a lazy loader."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


@contextmanager
def lazily() -> Iterator[None]:
    """Inside the block, a first import of a module in :data:`UNUSED_BY_PDFS` leaves its code
    unrun until the module is used. Imports after the block are not affected."""
    finder = _LazyFinder(UNUSED_BY_PDFS)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)

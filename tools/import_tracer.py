"""Runs inside Pyodide (``tools/pyodide_ops.mjs --trace``): records which modules the portal's
Python imports, for ``tools/list_imports.py``.

:func:`install` runs right after Pyodide has started, before any wheel is loaded. It notes the
modules already loaded (Pyodide's own start-up) and from then on sees every import: through
``import`` statements (``builtins.__import__``, also used by C code), ``importlib.import_module``
and, for a module's first load by any other way, a finder placed first on ``sys.meta_path``.
Each import is kept in one of two ways:

- imported by a module's top-level code: an edge ``module -> imported``, needed whenever that
  module is (whoever loaded it first: pytest may have imported ``inspect`` before the portal);
- imported anywhere else (inside a function): needed only if the portal's own code is on the
  stack (a root below), or Pyodide's JavaScript called the Python on the stack (no Python
  frame at all, or no frame of the harness's ``__main__``: e.g. ``importlib.invalidate_caches``
  while a package loads). A standard-library function that pytest calls, and that imports
  lazily, does not count.

:func:`dump` writes both to a JSON file; ``tools/list_imports.py`` closes them over the edges.
"""

from __future__ import annotations

import builtins
import importlib
import importlib.util
import json
import sys

# The portal's code, its dependencies, and the worker's own snippet (tools/pyodide_ops.mjs).
ROOTS = ("forms", "fpdf", "fontTools", "pypdf", "defusedxml", "personnummer", "__worker__")
# Frames skipped to find who imports: the import system (and this module's hooks, below).
IMPORT_SYSTEM = ("importlib._bootstrap", "_frozen_importlib")

startup: list[str] = []
edges: dict[str, set[str]] = {}
needed: dict[str, str] = {}  # module -> the portal's module on the stack, or "<js> …"
_original_import = builtins.__import__
_original_import_module = importlib.import_module


def _is_root(module_name: str) -> bool:
    return module_name.split(".", 1)[0] in ROOTS


def _with_parents(names: list[str]) -> set[str]:
    out = set()
    for name in names:
        parts = name.split(".")
        out.update(".".join(parts[: i + 1]) for i in range(len(parts)))
    return out


def _caller(depth: int):
    """The first frame outside the import system, ``depth`` frames up; ``None`` if there is
    none (the import came from C called by JavaScript)."""
    try:
        frame = sys._getframe(depth + 1)
    except ValueError:
        return None
    while frame is not None and (
        frame.f_globals.get("__name__", "").startswith(IMPORT_SYSTEM) or frame.f_code in HOOKS
    ):
        frame = frame.f_back
    return frame


def _record(frame, names: list[str]) -> None:
    names = _with_parents([n for n in names if n])
    if frame is None:
        for name in names:
            needed.setdefault(name, "<js> no Python frame")
        return
    importer = frame.f_globals.get("__name__", "")
    if frame.f_code.co_name == "<module>":
        edges.setdefault(importer, set()).update(names - {importer})
    bottom = frame
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if _is_root(module):
            for name in names:
                needed.setdefault(name, module)
            return
        if module == "__main__":
            return  # the harness's own code (runPython), e.g. pytest
        bottom, frame = frame, frame.f_back
    # Pyodide's JavaScript called this Python directly (e.g. importlib.invalidate_caches while
    # loading a package).
    caller = f"<js> {bottom.f_globals.get('__name__')}.{bottom.f_code.co_name}"
    for name in names:
        needed.setdefault(name, caller)


def _resolve(name: str, globals_: dict | None, level: int) -> str:
    if level == 0:
        return name
    package = importlib._bootstrap._calc___package__(globals_ or {})
    return importlib.util.resolve_name("." * level + name, package)


def _traced_import(name, globals=None, locals=None, fromlist=(), level=0):
    module = _original_import(name, globals, locals, fromlist, level)
    try:
        full = _resolve(name, globals, level)
        names = [full]
        for item in fromlist or ():
            candidate = f"{module.__name__}.{item}"
            if candidate in sys.modules:
                names.append(candidate)
        _record(_caller(1), names)
    except Exception:
        pass
    return module


def _traced_import_module(name, package=None):
    module = _original_import_module(name, package)
    _record(_caller(1), [module.__name__])
    return module


class _FirstLoads:
    """Sees every module's first load, however it is asked for."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        _record(_caller(1), [name])
        return None


HOOKS = {_traced_import.__code__, _traced_import_module.__code__}


def install() -> None:
    startup.extend(sorted(sys.modules))
    builtins.__import__ = _traced_import
    importlib.import_module = _traced_import_module
    sys.meta_path.insert(0, _FirstLoads)


def run_tests(repo: str, site_packages: str, site: str) -> int:
    """The repository's tests that need no browser, with pytest from the development
    environment's ``site_packages`` and the built site ``site``; returns pytest's exit code.
    Tests that start a process (or import a module that needs one) fail here, as expected."""
    import os

    sys.path.append(site_packages)
    os.environ["SIP_SITE_DIR"] = site
    import pytest

    needs_outside = {
        "base_url",
        "browser",
        "page",
        "context",
        "sw_context",
        "built",
        "folder",
        "https_url",
        "gzip_only_url",
    }

    class Deselect:
        @staticmethod
        def pytest_collection_modifyitems(config, items) -> None:
            keep, drop = [], []
            for item in items:
                outside = needs_outside & set(getattr(item, "fixturenames", ()))
                (drop if outside or item.get_closest_marker("browser") else keep).append(item)
            items[:] = keep
            config.hook.pytest_deselected(items=drop)

    os.chdir(repo)
    return pytest.main(
        [
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:faulthandler",
            "--capture=sys",
            "--continue-on-collection-errors",
            "-o",
            "addopts=",
            "-W",
            "ignore",
            f"{repo}/tests",
        ],
        plugins=[Deselect()],
    )


def dump(path: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(
            {
                "startup": startup,
                "needed": dict(sorted(needed.items())),
                "edges": {k: sorted(v) for k, v in sorted(edges.items())},
                "loaded": sorted(sys.modules),
            },
            fh,
            indent=0,
        )

"""Write ``release/imports.txt``: the modules of the standard library and of fontTools that the
portal imports in the browser, so the release ships only those (``release/trim.py``).

    .venv/bin/python tools/list_imports.py [--site site]      (make imports)
    .venv/bin/python tools/list_imports.py --why MODULE...    (why a module is listed)

How: build the full, untrimmed Pyodide folder (``release.pyodide_dist.build_full``) and run in
it, in Pyodide under Node (``tools/pyodide_ops.mjs --trace``), with ``tools/import_tracer.py``
watching every import from just after Pyodide's start-up:

1. Pyodide's start-up (the modules already loaded when the tracer starts);
2. the worker's steps: load sip-forms, its snippet, load fpdf2, import and prime it, load pypdf;
3. every widget operation (``tests/widget_ops.py``: validate, pdf with each variant, save,
   open PDFs, answers files and broken files, assess, the fatal path) and every blank PDF;
4. the repository's tests that need no browser (pytest from the development environment,
   against the built site ``--site``), so rarely used paths of ``forms/`` import what they
   need too. Tests that start a process fail there, as they must.

The modules imported by the portal's code (or by JavaScript), closed over what each module's
top-level code imports, are kept when the full standard library or fontTools holds them.
Run it after changing the imports of ``forms/``, a pin in ``requirements/pyodide.txt`` or
Pyodide; then ``make lock-release``, and commit both files. The trace is kept in
``.cache/imports-trace.json``; ``--why`` reads it and prints, for each module, the chain of
top-level imports that leads to it and what started that chain.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import widget_ops  # noqa: E402 - tests/ is on the path only now

from release import pyodide_dist, trim  # noqa: E402 - likewise, the repository root

HEADER = """\
# The modules of Pyodide's standard library and of fontTools that the portal imports in the
# browser. The release ships only these (release/trim.py); every other module is left out.
#
# Made by `make imports` (tools/list_imports.py): every widget operation and the repository's
# tests, run in Pyodide under Node from the full folder with an import tracer; every codec of
# encodings is added, since the data being read picks those. Run it again after changing what
# forms/ imports, a pin in requirements/pyodide.txt or Pyodide, then `make lock-release`;
# tests/test_pyodide_imports.py fails when an operation needs a module that is not here.
#
# Traced with {pyodide}.
"""
# The portal's packages: every module of theirs that was loaded is kept.
ROOTS = ("forms", "fpdf", "fontTools", "pypdf", "defusedxml", "personnummer")
# Packages shipped whole: which codec a lookup imports is chosen by the data being read (a
# text string in a user's PDF may be UTF-16LE, a font name Mac Roman), not by the code, so a
# trace cannot bound it. All of encodings is 40 kB with brotli.
WHOLE = ("encodings",)
TRACE = ROOT / ".cache" / "imports-trace.json"


def modules_in(archive: Path) -> set[str]:
    with zipfile.ZipFile(archive) as zf:
        return {m for m in map(trim.module_of, zf.namelist()) if m}


def parents(name: str) -> set[str]:
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def close(trace: dict) -> dict[str, str]:
    """Every module the portal needs: start-up, imports on the portal's paths, every loaded
    module of the portal's packages, and all that their top-level code imports. Each maps to
    the module whose import brought it in, or to why it is a starting point."""
    via: dict[str, str] = {m: "Pyodide's start-up" for m in trace["startup"]}
    for name, by in trace["needed"].items():
        via.setdefault(
            name,
            f"JavaScript, {by[5:]}" if by.startswith("<js>") else f"imported on a path of {by}",
        )
    for name in trace["loaded"]:
        if name.split(".", 1)[0] in ROOTS:
            via.setdefault(name, "a module of the portal's packages")
    todo = list(via)
    while todo:
        name = todo.pop()
        for child in sorted({*trace["edges"].get(name, ()), *parents(name)}):
            if child not in via:
                via[child] = name
                todo.append(child)
    return via


def explain(via: dict[str, str], name: str) -> str:
    chain = [name]
    while chain[-1] in via and via[chain[-1]] in via:
        chain.append(via[chain[-1]])
    if chain[-1] not in via:
        return f"{name}: not needed"
    return " <- ".join(chain) + f" ({via[chain[-1]]})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"), type=Path)
    parser.add_argument("--why", nargs="+", metavar="MODULE")
    args = parser.parse_args()
    if args.why:
        via = close(json.loads(TRACE.read_text("utf-8")))
        print("\n".join(explain(via, name) for name in args.why))
        return
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site}: no built site (run make build)")
    full = pyodide_dist.build_full()
    site_packages = sysconfig.get_path("purelib")
    with tempfile.TemporaryDirectory(prefix="sip-imports-") as tmp:
        proc = widget_ops.run_in_pyodide(
            full, Path(tmp), "--trace", site_packages, str(args.site.resolve()), timeout=3600
        )
        if proc.returncode:
            sys.exit(f"tracing failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
        trace = json.loads((Path(tmp) / "trace.json").read_text("utf-8"))
    TRACE.write_text(json.dumps(trace), "utf-8")
    summary = [line for line in proc.stdout.splitlines() if re.search(r"\d+ (passed|failed)", line)]
    print("\n".join(line for line in proc.stdout.splitlines() if line.startswith("FAILED")))
    # Tests that start a process, or need a C extension, fail in Pyodide.
    print("pytest in Pyodide:", summary[-1].strip(" =") if summary else "no summary")
    needed = set(close(trace))
    held = modules_in(full / pyodide_dist.STDLIB)
    for dist_name in trim.TRIMMED_WHEELS:
        for wheel in full.glob(f"{dist_name}-*.whl"):
            held |= modules_in(wheel)
    keep = sorted((needed | {m for m in held if m.split(".", 1)[0] in WHOLE}) & held)
    lock = json.loads((full / "pyodide-lock.json").read_text("utf-8"))
    npm = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    header = HEADER.format(
        pyodide=f"Pyodide {npm['packages']['node_modules/pyodide']['version']} (Python "
        f"{lock['info']['python']}), fonttools "
        + next(p["version"] for p in lock["packages"].values() if p["name"] == "fonttools"),
    )
    trim.IMPORTS.write_text(header + "\n".join(keep) + "\n", "utf-8")
    stdlib = sum(1 for m in keep if m.split(".", 1)[0] not in trim.TRIMMED_WHEELS.values())
    print(
        f"wrote {trim.IMPORTS.relative_to(ROOT)}: {stdlib} standard-library modules of "
        f"{len(modules_in(full / pyodide_dist.STDLIB))}, {len(keep) - stdlib} of fontTools"
    )


if __name__ == "__main__":
    main()

"""The recorded sha256 of every file the build makes for the browser's Python.

``manifest.json`` (committed beside this file) holds the sha256 of each file of the Pyodide
folder (the compiled and trimmed ``python_stdlib.zip``, our wheel and the compiled dependency
wheels, fontTools trimmed, ``pyodide-lock.json`` and Pyodide's runtime files) together with the
inputs they were made from: Pyodide's npm version, pyodide-build's version and digests of
``requirements/pyodide.txt``, of the release code that compiles and trims them, of the list of
imported modules (``imports.txt``) and of ``forms/``. The build is reproducible (sorted
archive entries with fixed dates, ``.pyc`` headers without a timestamp, fonts that keep their
source's date), so the same inputs give the same bytes.

The release step calls :func:`check` on every build and stops, naming the file, the expected
and the actual sha256 and the inputs that changed, when a file differs. A new Pyodide, a new
pin or a change to the compiling code is then noticed, and so is a build that is not
reproducible or a file altered in the cache. Record a deliberate change with
``make lock-release`` and commit ``manifest.json``.

``forms/`` changes all the time and is reviewed as source: when it differs from the record,
the two files made from it (our wheel and ``pyodide-lock.json``, which names the wheel's
sha256) are not compared, and the release step says so. With ``forms/`` as recorded they are.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import json
import sys
from pathlib import Path

import brotli

from . import pyodide_dist, trim

MANIFEST = Path(__file__).resolve().parent / "manifest.json"
UPDATE = "make lock-release"
FORMS = "forms"
PYODIDE = "pyodide (npm)"
BUILDER = "pyodide-build"
PINS = "requirements/pyodide.txt"
TOOLS = "release tools"
IMPORTS = "release/imports.txt"
RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
# Compressed copies the release step writes beside a file (postbuild.precompress), by suffix.
PRECOMPRESSED = {".gz": gzip.decompress, ".br": brotli.decompress}


class ManifestError(RuntimeError):
    """A file of the Pyodide folder differs from its recorded sha256."""


def sha256(path: Path) -> str:
    """The file's sha256, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digest(paths: list[Path]) -> str:
    """A short digest of the files' names (from the repository root) and contents."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.relative_to(pyodide_dist.ROOT).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return "sha256:" + h.hexdigest()[:16]


def current_inputs() -> dict[str, str]:
    """What the Pyodide folder is made from, as versions and digests."""
    lock = json.loads((pyodide_dist.ROOT / "package-lock.json").read_text("utf-8"))
    npm = lock["packages"]["node_modules/pyodide"]
    return {
        PYODIDE: f"{npm['version']} {npm.get('integrity', '')}".strip(),
        BUILDER: importlib.metadata.version("pyodide-build"),
        PINS: _digest([pyodide_dist.REQUIREMENTS]),
        TOOLS: _digest([pyodide_dist.HERE / name for name in pyodide_dist.TOOLS]),
        IMPORTS: _digest([trim.IMPORTS]),
        FORMS: _digest([pyodide_dist.ROOT / "pyproject.toml", *pyodide_dist.forms_files()]),
    }


def inputs_of(name: str) -> list[str]:
    """The inputs that the file ``name`` of the Pyodide folder is made from."""
    if name in RUNTIME:
        return [PYODIDE]
    if name == pyodide_dist.STDLIB:
        return [PYODIDE, TOOLS, IMPORTS]
    if name == "pyodide-lock.json":
        return [PYODIDE, BUILDER, PINS, TOOLS, IMPORTS, FORMS]
    if name.startswith(pyodide_dist.WHEEL_NAME.replace("-", "_") + "-"):
        return [PYODIDE, TOOLS, FORMS]
    if name.startswith(tuple(f"{dist}-" for dist in trim.TRIMMED_WHEELS)):
        return [PYODIDE, PINS, TOOLS, IMPORTS]
    return [PYODIDE, PINS, TOOLS]


def shipped(folder: Path) -> dict[str, Path]:
    """The files of the Pyodide folder by name, without the ``.gz`` and ``.br`` copies."""
    return {p.name: p for p in sorted(folder.iterdir()) if p.suffix not in PRECOMPRESSED}


def record_of(folder: Path) -> dict:
    """The manifest for ``folder``, as :func:`write` saves it."""
    return {
        "about": (
            "sha256 of every file of site/pyodide/<hash>/ and the inputs they are made from "
            f"(release/manifest.py). Checked by every build; update deliberately: {UPDATE}"
        ),
        "inputs": current_inputs(),
        "files": {
            name: {"sha256": sha256(path), "inputs": inputs_of(name)}
            for name, path in shipped(folder).items()
        },
    }


def write(folder: Path, target: Path | None = None) -> Path:
    """Record ``folder`` in ``target``, by default ``manifest.json`` (``make lock-release``)."""
    target = target or MANIFEST
    target.write_text(json.dumps(record_of(folder), indent=1, sort_keys=True) + "\n", "utf-8")
    return target


def load(source: Path | None = None) -> dict:
    """The committed record (or the one in ``source``)."""
    source = source or MANIFEST
    try:
        return json.loads(source.read_text("utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{source} is missing: record the build with {UPDATE}") from None


def compare(folder: Path, record: dict, inputs: dict[str, str]) -> tuple[list[str], list[str]]:
    """``(problems, notes)``: every file of ``folder`` against its recorded sha256."""
    changed = {k for k in {*inputs, *record["inputs"]} if inputs.get(k) != record["inputs"].get(k)}
    files = shipped(folder)
    problems, notes = [], []
    for name in sorted({*files, *record["files"]}):
        if name not in files:
            problems.append(f"{name}: recorded, but the build no longer makes it")
            continue
        if name not in record["files"]:
            problems.append(f"{name}: made by the build, but not recorded")
            continue
        expected, got = record["files"][name]["sha256"], sha256(files[name])
        if expected == got:
            continue
        why = sorted(changed & set(inputs_of(name)))
        if why == [FORMS]:
            notes.append(f"{name}: not compared, forms/ has changed since the record")
            continue
        if why:
            steps = [f"{k} {record['inputs'].get(k)} -> {inputs.get(k)}" for k in why]
            reason = "changed inputs: " + "; ".join(steps)
        else:
            reason = "inputs unchanged: the build is not reproducible, or the file was altered"
        problems.append(
            f"{name}:\n    expected sha256 {expected}\n    got      sha256 {got}\n    ({reason})"
        )
    return problems, notes


def check(folder: Path, record: dict | None = None) -> None:
    """Stop with :class:`ManifestError` unless ``folder`` matches the record."""
    problems, notes = compare(folder, record or load(), current_inputs())
    for note in notes:
        print(f"{MANIFEST.name}: {note}", file=sys.stderr)
    if problems:
        raise ManifestError(
            f"The Pyodide folder {folder} does not match release/{MANIFEST.name}:\n  "
            + "\n  ".join(problems)
            + f"\nIf the change is intended, record it deliberately with `{UPDATE}` and commit "
            f"release/{MANIFEST.name}. If not, delete {folder} and build again."
        )


def check_compressed(folder: Path) -> None:
    """Stop unless every ``.gz`` and ``.br`` in ``folder`` holds exactly the file beside it."""
    for packed in sorted(p for p in folder.iterdir() if p.suffix in PRECOMPRESSED):
        if PRECOMPRESSED[packed.suffix](packed.read_bytes()) != packed.with_suffix("").read_bytes():
            original = packed.with_suffix("").name
            raise ManifestError(f"{packed} does not hold {original}: delete it and build again")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(f"usage: python -m release.manifest --write   (the Makefile: {UPDATE})")
    print(f"wrote {write(pyodide_dist.build_dist())}")

"""Assemble the site's self-hosted Pyodide folder: core files, our wheel and its dependencies.

Steps 1-5 make the full folder (``build_full()``, cached under ``pyodide/full/<key>/`` in the
user's cache folder, ``release/cache.py``, where the key hashes every input); step 6 makes the
shipped one from it (``build_dist()``, ``pyodide/dist/<key>/``):

1. ``sip_forms-<version>-py3-none-any.whl`` is written from ``forms/`` (a pure-Python wheel needs
   no build backend: files, METADATA, WHEEL, RECORD).
2. The dependency wheels pinned with hashes in ``requirements/pyodide.txt`` are downloaded
   (``pip download --require-hashes``).
3. ``compile_wheels.mjs`` (with ``bytecode.py``) compiles every wheel, and Pyodide's own
   standard library (``python_stdlib.zip``, shipped as sources), to bytecode inside Pyodide
   under Node, so the ``.pyc`` match the browser's Python (first ``import fpdf``: ~2.9 s from
   source, ~0.3 s from bytecode).
4. ``pyodide lockfile add-wheels`` (pyodide-build) adds them to a lockfile that holds only what
   the site ships: Pyodide's own ``pyodide-lock.json`` with its package list emptied, because
   those wheels live on Pyodide's CDN, which the portal never contacts.
5. The other core runtime files are copied from the npm package ``pyodide`` (package-lock.json
   pins it).
6. The standard library and fontTools are trimmed to the modules the portal imports
   (``trim.py``, the list ``imports.txt``), and the lockfile is written again for the trimmed
   wheel. The full folder stays for ``make imports``, which makes that list.

``build_dist()`` returns the finished folder; the release step (``postbuild.run``) checks it
against ``manifest.json`` and copies it to ``site/pyodide/<hash>/``.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

from . import cache, trim
from .wheelfile import write_zip

HERE = Path(__file__).resolve().parent
ROOT = Path(__file__).resolve().parent.parent
CACHE = cache.root() / "pyodide"
KEEP = 3  # cached folders of each kind: a few checkouts (branches) build without waiting
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
REQUIREMENTS = ROOT / "requirements" / "pyodide.txt"
# The code that makes the folder's files: a change to any of it rebuilds the folder.
TOOLS = ("pyodide_dist.py", "compile_wheels.mjs", "bytecode.py", "wheelfile.py", "trim.py")
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
STDLIB = "python_stdlib.zip"  # compiled to bytecode like the wheels (it ships as .py sources)
WHEEL_NAME = "sip-forms"


def forms_files() -> list[Path]:
    """The files of ``forms/`` that go into our wheel."""
    return sorted(
        p
        for p in (ROOT / "forms").rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and p.suffix in {".py", ".ttf", ".txt", ".toml"}
    )


def cache_key(trimmed: bool = True) -> str:
    """A hash of everything the Pyodide folder (``trimmed=False``: the full one) is made from."""
    h = hashlib.sha256()
    h.update(importlib.metadata.version("pyodide-build").encode())
    inputs = [
        ROOT / "pyproject.toml",
        REQUIREMENTS,
        ROOT / "package-lock.json",
        *(HERE / name for name in TOOLS if trimmed or name != "trim.py"),
        *forms_files(),
        *([trim.IMPORTS] if trimmed else []),
    ]
    for path in inputs:
        h.update(str(path.relative_to(ROOT)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def build_forms_wheel(out_dir: Path) -> Path:
    """Write our pure-Python wheel from ``forms/`` and ``pyproject.toml``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    name, version = project["name"], project["version"]
    dist = name.replace("-", "_")
    metadata = [
        "Metadata-Version: 2.1",
        f"Name: {name}",
        f"Version: {version}",
        f"Summary: {project['description']}",
        f"Requires-Python: {project['requires-python']}",
        *[f"Requires-Dist: {dep}" for dep in project["dependencies"]],
        *[
            f'Requires-Dist: {dep}; extra == "{extra}"'
            for extra, deps in project.get("optional-dependencies", {}).items()
            for dep in deps
        ],
        *[f"Provides-Extra: {extra}" for extra in project.get("optional-dependencies", {})],
        "",
    ]
    files: dict[str, bytes] = {
        str(p.relative_to(ROOT).as_posix()): p.read_bytes() for p in forms_files()
    }
    info = f"{dist}-{version}.dist-info"
    files[f"{info}/METADATA"] = "\n".join(metadata).encode()
    files[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: sip-portalen\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    files[f"{info}/top_level.txt"] = b"forms\n"
    target = out_dir / f"{dist}-{version}-py3-none-any.whl"
    write_zip(str(target), files, compression=zipfile.ZIP_DEFLATED)
    return target


def download_dependencies(out_dir: Path) -> None:
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--require-hashes",
            "--only-binary=:all:",
            "--platform",
            "any",
            "--implementation",
            "py",
            "--abi",
            "none",
            "--python-version",
            "3.14",
            "-r",
            str(REQUIREMENTS),
            "-d",
            str(out_dir),
        ]
    )


def _run(cmd: list[str], **kwargs) -> None:
    """Run a build step; on failure, raise with its output so the build log says why."""
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)
    if proc.returncode:
        # the tail only: Node prints a whole minified module before a stack trace
        raise RuntimeError(
            f"{' '.join(cmd[:3])} … failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )


def _pyodide_cli() -> list[str]:
    exe = Path(sys.executable).with_name("pyodide")
    return [str(exe)] if exe.exists() else ["pyodide"]


def write_lockfile(wheel_dir: Path, dist: Path) -> Path:
    """Pyodide's lockfile, emptied of its CDN packages, plus our wheels."""
    lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text("utf-8"))
    lock["packages"] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "pyodide-lock.json"
        base.write_text(json.dumps(lock), "utf-8")
        wheels = sorted(str(p) for p in wheel_dir.glob("*.whl"))
        _run(
            [
                *_pyodide_cli(),
                "lockfile",
                "add-wheels",
                "--input",
                str(base),
                "--output",
                str(dist / "pyodide-lock.json"),
                "--base-path",
                str(wheel_dir),
                *wheels,
            ],
            env={**os.environ, "PYODIDE_NO_UPDATE_CHECK": "1"},
        )
    return dist / "pyodide-lock.json"


def build_full(force: bool = False) -> Path:
    """The full Pyodide folder (nothing trimmed), building it when an input changed."""
    dist = CACHE / "full" / cache_key(trimmed=False)
    if (dist / "pyodide-lock.json").exists() and not force:
        return cache.touch(dist)
    for name in CORE_FILES:
        if not (PYODIDE_NPM / name).exists():
            raise RuntimeError(f"{PYODIDE_NPM / name} is missing: run `npm ci` (the Makefile does)")
    with tempfile.TemporaryDirectory() as tmp:
        source, compiled = Path(tmp) / "source", Path(tmp) / "dist"
        source.mkdir()
        compiled.mkdir()
        build_forms_wheel(source)
        download_dependencies(source)
        shutil.copy2(PYODIDE_NPM / STDLIB, source / STDLIB)
        _run(["node", str(HERE / "compile_wheels.mjs"), str(source), str(compiled)])
        stdlib = compiled / STDLIB
        stdlib.rename(Path(tmp) / STDLIB)  # not a wheel: keep it out of the lockfile
        write_lockfile(compiled, compiled)
        stdlib.parent.joinpath(STDLIB).write_bytes((Path(tmp) / STDLIB).read_bytes())
        for name in CORE_FILES:
            if name != STDLIB:
                shutil.copy2(PYODIDE_NPM / name, compiled / name)
        _replace(compiled, dist)
    return dist


def trim_folder(full: Path, target: Path, modules: set[str]) -> list[str]:
    """Copy ``full`` to ``target`` with the standard library and the wheels of
    ``trim.TRIMMED_WHEELS`` trimmed to ``modules``, and a lockfile for the trimmed wheels;
    returns notes on listed modules that the archives do not hold."""
    shutil.copytree(full, target)
    notes = [f"{STDLIB}: {m}" for m in trim.trim_archive(full / STDLIB, target / STDLIB, modules)]
    for dist_name, package in trim.TRIMMED_WHEELS.items():
        for wheel in full.glob(f"{dist_name}-*.whl"):
            missing = trim.trim_archive(wheel, target / wheel.name, modules, package)
            notes += [f"{wheel.name}: {m}" for m in missing]
    (target / "pyodide-lock.json").unlink()
    write_lockfile(target, target)
    return notes


def build_dist(force: bool = False) -> Path:
    """Return the finished (trimmed) Pyodide folder, building it when an input changed."""
    full = build_full(force)
    dist = CACHE / "dist" / cache_key()
    if (dist / "pyodide-lock.json").exists() and not force:
        return cache.touch(dist)
    with tempfile.TemporaryDirectory() as tmp:
        notes = trim_folder(full, Path(tmp) / "dist", trim.read_list())
        for note in notes:
            print(
                f"{trim.IMPORTS.name}: listed, but not in {note} (run `make imports`)",
                file=sys.stderr,
            )
        _replace(Path(tmp) / "dist", dist)
    return dist


def _replace(built: Path, dist: Path) -> None:
    """Put a freshly built folder in the cache (over an older copy when forced), and let
    only the newest few of its kind stay."""
    if dist.exists():
        shutil.rmtree(dist)
    cache.install(built, dist)
    cache.keep_newest(dist.parent, KEEP)


if __name__ == "__main__":
    build = build_full if "--full" in sys.argv else build_dist
    folder = build(force="--force" in sys.argv)
    for path in sorted(folder.iterdir()):
        print(f"{path.stat().st_size:>10}  {path.name}")

# SIP-portalen. Two commands do everything on a fresh machine:
#   make serve   set up, build and serve the portal at http://127.0.0.1:8000/
#   make test    set up (Chromium included) and run every test
# Also: make build (site/ to publish), make dev (live reload for editors), make bench,
#   make lock-release (record the Pyodide folder's sha256 after a deliberate change),
#   make imports (list the modules the browser's Python imports: release/imports.txt).

SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium

# pyodide-build needs Python >= 3.12; the machine's python3 may be older. Take the first
# Python >= 3.12 on PATH or under pyenv.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.14 python3 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	then command -v $$p; break; fi; done)

.PHONY: help setup build serve dev test bench clean clean-cache chromium lock-release imports

help:
	@echo "make serve   bygg och visa portalen på http://127.0.0.1:8000/"
	@echo "make test    kör alla tester"
	@echo "make build   bygg webbplatsen till site/"
	@echo "make dev     förhandsvisning som laddas om när du sparar (för redaktörer)"
	@echo "make bench   mät laddtider och storlekar"
	@echo "make lock-release  registrera Pyodide-mappens sha256 efter en avsiktlig ändring"
	@echo "make imports  lista modulerna som webbläsarens Python importerar (release/imports.txt)"
	@echo "make clean-cache  töm byggets cache (delas av alla kloner, se release/cache.py)"

# pip and every tool are pinned with their sha256 (requirements/pip.txt, requirements/dev.txt):
# pip refuses any file whose hash is not listed there. --no-compile: Python compiles a module
# when it is first imported, so only what runs is compiled (a third of the install's time).
$(VENV)/.stamp: requirements/pip.txt requirements/dev.txt pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python >= 3.12 saknas (behövs av pyodide-build)"; exit 1; }
	@echo "Python: $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/pip.txt
	$(BIN)/python -m pip install --quiet --no-compile --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

forms/fonts/.stamp: node_modules/.stamp $(VENV)/.stamp release/fonts.py
	$(BIN)/python -m release.fonts --force
	touch $@

setup: $(VENV)/.stamp node_modules/.stamp forms/fonts/.stamp

# The site generator writes the pages; the release step adds the blank PDFs, Pyodide, the CSP,
# the fingerprinted scripts, the service worker and the .gz files (release/).
build: setup
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m release site

serve: build
	$(BIN)/python tools/serve.py --dir site --port 8000

# Pages only: without the release step the widgets show their questions but do not start.
dev: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

chromium:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Lint first: ruff's findings (pyproject.toml [tool.ruff]) fail the run before pytest starts.
test: setup chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lock-release: setup
	$(BIN)/python -m release.manifest --write

# Runs every widget operation and the tests in Pyodide (Node) with an import tracer, against
# the full standard library and fontTools; the release ships only what it lists. Then run
# make lock-release and commit both files.
imports: build
	$(BIN)/python tools/list_imports.py

bench: build chromium
	$(BIN)/python tools/bench.py

clean:
	rm -rf site .cache forms/fonts/*.ttf forms/fonts/.stamp

# The release step's cache is the user's, shared by every clone (release/cache.py).
clean-cache: setup
	$(BIN)/python -m release.cache clear

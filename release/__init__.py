"""The release pipeline: what turns the generator's ``site/`` into the publishable site.

It runs as its own step after the site generator (``make build`` = ``mkdocs build``, then
``python -m release site``), never from inside MkDocs, so another generator that writes the
same pages needs no change here. It reads only the generated ``site/`` and this repository:
the blank PDFs (``forms``), the self-hosted Pyodide folder with our wheels compiled to
bytecode (``pyodide_dist``, ``compile_wheels.mjs``, ``bytecode``, ``wheelfile``), its
recorded sha256 (``manifest``), the fingerprinted widget scripts, the Content-Security-Policy
(``csp``), the service worker (``sw.js``) and the ``.gz`` files (``postbuild``). The subset
PDF fonts (``fonts``) are built at set-up time, before any of this.
"""

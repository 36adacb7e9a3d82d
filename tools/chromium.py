"""Debian's Chromium as the tests and benchmarks drive it (Playwright, no browser download).

One place for the launch flags this machine needs, and for waiting on the page without eval
(the site's Content-Security-Policy forbids eval, which Playwright's ``wait_for_function`` uses).
"""

from __future__ import annotations

import os
import time

EXECUTABLE = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries Google's hosts, which this network
# refuses; --no-sandbox because the tests run as root.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# For the tests only: V8's baseline WebAssembly compiler (Liftoff) alone. By default every new
# tab compiles Python's runtime again with the optimising compiler on background threads,
# about 1 s of CPU per widget page (Chromium's code cache does not keep that work), which on
# a 2-core machine took half the CPU of the browser tests. What WebAssembly code does cannot
# depend on which compiler made it, so no test loses anything; the benchmarks (tools/bench.py)
# keep the default, as users have it.
TEST_ARGS = [*ARGS, "--js-flags=--liftoff-only"]


def launch(playwright, args: list[str] = ARGS):
    """A headless Chromium browser."""
    return playwright.chromium.launch(executable_path=EXECUTABLE, args=args)


def wait_js(page, expression: str, arg=None, timeout: float = 30.0) -> None:
    """Poll a JavaScript expression (or ``(arg) => …`` function) until it is truthy.

    ``evaluate`` goes through the DevTools protocol, which the page's CSP does not govern.
    """
    deadline = time.monotonic() + timeout
    while True:
        if page.evaluate(expression, arg) if arg is not None else page.evaluate(expression):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        time.sleep(0.05)

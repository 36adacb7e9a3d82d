"""Benchmarks: how fast the portal is, measured in headless Chromium against the built site.

    .venv/bin/python tools/bench.py [--site site] [--runs 5]

Prints a table of medians. Not a test: figures vary with the machine; the issue tracker and
the notes record what was measured.

Most rows are served over HTTP with the .gz copies (a server with gzip_static only). One
transfer row and the slow-connection rows are served over HTTPS with a throwaway self-signed
certificate, where Chromium asks for brotli and gets the .br copies. The naive peer is a page
made here in a temporary folder (tools/naive_peer.html), never published.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from chromium import ARGS, EXECUTABLE, wait_js  # noqa: E402 - tools/ is on the path only now
from serve import make_server  # noqa: E402 - likewise

PREFIX = "/vardgivarwebben/sip/"
NAME = "Åsa Öhman-Łukasik"
# Chromium's network emulation for a first visit over a slow connection.
SLOW = {
    "offline": False,
    "latency": 40,  # ms, round trip
    "downloadThroughput": 10_000_000 / 8,  # bytes/s
    "uploadThroughput": 5_000_000 / 8,
}
PEER_WHEELS = ("fpdf2", "fonttools", "defusedxml")


def transferred(context, action) -> int:
    """Bytes (headers + body) of every response the context received during ``action()``."""
    sizes: list[int] = []

    def on_finished(request):
        try:
            s = request.sizes()
            sizes.append(s["responseBodySize"] + s["responseHeadersSize"])
        except Exception:
            pass

    context.on("requestfinished", on_finished)
    action()
    time.sleep(0.5)
    context.remove_listener("requestfinished", on_finished)
    return sum(sizes)


def bare_load_pyodide(page, base: str, folder: str) -> float:
    """Seconds for a bare loadPyodide() on the page's main thread (no packages)."""
    page.goto(base + "404.html")
    return page.evaluate(
        """async (dir) => {
            const t0 = performance.now();
            const { loadPyodide } = await import(dir + "pyodide.mjs");
            await loadPyodide({ indexURL: dir });
            return (performance.now() - t0) / 1000;
        }""",
        base + folder,
    )


def profile(pw, service_workers: str = "block", bypass_csp: bool = False):
    """A browser with its own new profile on disk: a first visit is cold, a later one finds the
    HTTP cache and the compiled-code cache as a returning user's browser would (a Playwright
    ``new_context`` keeps its cache in memory and drops large files such as the wasm). It
    accepts the HTTPS server's self-signed certificate."""
    return pw.chromium.launch_persistent_context(
        tempfile.mkdtemp(prefix="sip-bench-"),
        executable_path=EXECUTABLE,
        args=ARGS,
        service_workers=service_workers,
        accept_downloads=True,
        bypass_csp=bypass_csp,
        ignore_https_errors=True,
    )


def since_navigation(page) -> float:
    """Seconds since the page's navigation started."""
    return page.evaluate("performance.now()") / 1000


def slow_connection(ctx, page) -> None:
    """Chromium's network emulation (SLOW) for the page and the worker it starts."""
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW)


def until_ready(page) -> None:
    """Returns as soon as the page's widget reports ready. A MutationObserver in the page
    sees it at once; Playwright's wait_for_selector looks again after pauses that grow to half
    a second, which put up to 0.5 s of its own into a measure."""
    page.evaluate(
        """() => new Promise((resolve, reject) => {
            const widget = document.querySelector('[data-sip-widget]');
            const ready = () => widget.dataset.ready === 'true';
            if (ready()) return resolve();
            setTimeout(() => reject(new Error('the widget did not get ready')), 120000);
            new MutationObserver((_, observer) => {
                if (ready()) {
                    observer.disconnect();
                    resolve();
                }
            }).observe(widget, { attributes: true, attributeFilter: ['data-ready'] });
        })"""
    )


def navigation_to_pdf(page, url: str) -> float:
    """Seconds from navigation to the demo widget's downloaded PDF, with the name typed and
    'Skapa PDF' clicked as soon as the widget is ready."""
    page.goto(url)
    until_ready(page)
    page.get_by_label("Namn").fill(NAME)
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Skapa PDF").click()
    info.value.path()
    return since_navigation(page)


def navigation_to_assessment(page, url: str) -> float:
    """Seconds from navigation until the needs assessment shows its first answer."""
    page.goto(url)
    page.wait_for_selector("[data-sip-widget][data-assessed]", timeout=120_000)
    return since_navigation(page)


def peer_to_pdf(page, url: str) -> float:
    """Seconds from navigation to the naive peer's downloaded PDF (it makes one on load)."""
    with page.expect_download(timeout=120_000) as info:
        page.goto(url)
    info.value.path()
    return since_navigation(page)


def naive_peer(target: Path) -> Path:
    """Write the naive peer into ``target``: tools/naive_peer.html, Pyodide's stock npm files,
    the stock wheels of fpdf2, fontTools and defusedxml (the pins of requirements/pyodide.txt,
    as PyPI serves them; cached in .cache/bench-peer/) and stock DejaVu Sans, with .gz copies as
    a CDN would compress them. Its folder is named like ours, so it is cached the same way."""
    sys.path.insert(0, str(ROOT))
    from release import postbuild, pyodide_dist

    wheels = ROOT / ".cache" / "bench-peer"
    if not any(wheels.glob("fpdf2-*.whl")):
        wheels.mkdir(parents=True, exist_ok=True)
        pyodide_dist.download_dependencies(wheels)
    npm = pyodide_dist.PYODIDE_NPM
    version = json.loads((npm / "package.json").read_text("utf-8"))["version"]
    folder = target / "pyodide" / hashlib.sha256(version.encode()).hexdigest()[:12]
    folder.mkdir(parents=True)
    for name in (*pyodide_dist.CORE_FILES, "pyodide-lock.json"):
        shutil.copy2(npm / name, folder / name)
    names = []
    for dist in PEER_WHEELS:
        (wheel,) = wheels.glob(f"{dist}-*.whl")
        shutil.copy2(wheel, folder / wheel.name)
        names.append(wheel.name)
    font = ROOT / "node_modules" / "dejavu-fonts-ttf" / "ttf" / "DejaVuSans.ttf"
    shutil.copy2(font, folder / font.name)
    for path in list(folder.iterdir()):
        path.with_name(path.name + ".gz").write_bytes(postbuild.gzip_compress(path.read_bytes()))
    page = (ROOT / "tools" / "naive_peer.html").read_text("utf-8")
    page = page.replace("__PYODIDE__", f"pyodide/{folder.name}/")
    page = page.replace("__WHEELS__", json.dumps(names)).replace("__FONT__", font.name)
    (target / "index.html").write_text(page, "utf-8")
    return target


def widget_ready(page, url: str) -> float:
    """Seconds from navigation start until the page's widget reports ready."""
    page.goto(url)
    page.wait_for_selector("[data-sip-widget][data-ready=true]", timeout=120_000)
    return int(page.get_attribute("[data-sip-widget]", "data-ready-at")) / 1000


def from_routine_page(page, base: str, widget_url: str) -> float:
    """Seconds until ready when the user arrives at the widget page from a routine page."""
    page.goto(base + "kalmar/praktiska-anvisningar/", wait_until="load")
    page.wait_for_timeout(300)  # reading time; also lets the previous page's worker go
    return widget_ready(page, base + widget_url)


def click_to_pdf(page) -> float:
    page.get_by_label("Namn").fill("Åsa Öhman-Łukasik")
    t0 = time.perf_counter()
    with page.expect_download() as info:
        page.get_by_role("button", name="Skapa PDF").click()
    info.value.path()
    return time.perf_counter() - t0


def three_page_plan() -> dict:
    """A SIP-plan that fills three A4 pages (checked by the caller)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_blanketter_common import valid_plan

    base = valid_plan()
    goals = [
        dict(
            base["mal"][0],
            mal=f"Mål {i}: Du ska " + "må bättre och känna dig trygg hemma. " * 4,
            insatser="Hemtjänsten hjälper dig. " * 8,
        )
        for i in range(4)
    ]
    return dict(base, mal=goals)


def thirty_goal_plan() -> dict:
    """A SIP-plan with 30 goals of ordinary length, about a dozen pages."""
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers.answers import thirty_goal_rows, valid_plan

    return dict(valid_plan(), mal=thirty_goal_rows())


def plan_pdf(page, base: str, answers: dict) -> tuple[float, int]:
    """Seconds from 'Skapa PDF' to the downloaded file, once the widget is warm; and pages."""
    page.goto(base + "blanketter/sip-plan/")
    page.wait_for_selector("[data-sip-widget][data-warm-at]", timeout=120_000)
    page.evaluate("(a) => document.querySelector('[data-sip-widget]').sipFill(a)", answers)
    t0 = time.perf_counter()
    with page.expect_download() as info:
        page.get_by_role("button", name="Skapa PDF", exact=True).click()
    path = info.value.path()
    seconds = time.perf_counter() - t0
    from pypdf import PdfReader

    return seconds, len(PdfReader(str(path)).pages)


def assessment_update(page, base: str) -> float:
    """Milliseconds from a changed answer to the updated needs assessment."""
    page.goto(base + "verktyg/behovsbedomning/")
    page.wait_for_selector("[data-sip-widget][data-ready=true]", timeout=120_000)
    page.wait_for_selector("[data-sip-widget][data-assessed]")
    times = []
    for radio in ("#f-lan-1", "#f-lan-2", "#f-lan-0", "#f-lan-1", "#f-lan-2"):
        times.append(
            page.evaluate(
                """(selector) => new Promise((resolve) => {
                const widget = document.querySelector('[data-sip-widget]');
                const t0 = performance.now();
                new MutationObserver((_, observer) => {
                    observer.disconnect();
                    resolve(performance.now() - t0);
                }).observe(widget, { attributes: true, attributeFilter: ['data-assessed'] });
                document.querySelector(selector).click();
            })""",
                radio,
            )
        )
    return statistics.median(times)


def assess_call_ms() -> float:
    """Milliseconds per needs assessment in CPython, for a case that touches most rules
    (a child in Värmland with shared custody, violence, protected data and an interpreter)."""
    sys.path.insert(0, str(ROOT))
    from forms import behov

    answers = {
        "lan": "varmland",
        "alder": "barn",
        "vardnad": "gemensam",
        "vald": True,
        "vald_barn": "ja",
        "skyddade": True,
        "tolk": "ja",
        "verksamheter": ["socialtjanst", "regionens_hsv", "skola", "forsakringskassan"],
    }
    behov.assess(answers)
    t0 = time.perf_counter()
    for _ in range(200):
        behov.assess(answers)
    return (time.perf_counter() - t0) / 200 * 1000


def build_time() -> float:
    """Seconds for what `make build` runs: the site generator, then the release step."""
    site = str(ROOT / ".cache" / "bench-site")
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "-m", "release", site], cwd=ROOT, check=True, capture_output=True
    )
    return time.perf_counter() - t0


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    server, base = make_server(Path(args.site), prefix=PREFIX, brotli=False)
    tls_server, tls_base = make_server(Path(args.site), prefix=PREFIX, https=True)
    peer_dir = Path(tempfile.mkdtemp(prefix="sip-bench-peer-"))
    peer_server, peer_base = make_server(naive_peer(peer_dir), brotli=False)
    rows: dict[str, list[float]] = {}
    plan_answers = three_page_plan()
    demo, behov = "verktyg/pdf-prov/", "verktyg/behovsbedomning/"
    long_plan = thirty_goal_plan()

    def add(name: str, value: float) -> None:
        rows.setdefault(name, []).append(value)

    folder = "pyodide/" + next((Path(args.site) / "pyodide").iterdir()).name + "/"
    with sync_playwright() as pw:
        for _ in range(args.runs):
            ctx = profile(pw, bypass_csp=True)
            add("bare loadPyodide(), cold (s)", bare_load_pyodide(ctx.pages[0], base, folder))
            add("bare loadPyodide(), warm (s)", bare_load_pyodide(ctx.pages[0], base, folder))
            ctx.close()
            # The service worker is blocked so that "cold" and "warm" measure the network
            # path and the browser's HTTP cache; the service worker is measured below.
            ctx = profile(pw)
            page = ctx.pages[0]
            add(
                "plain page transfer, cold (kB)",
                transferred(
                    ctx,
                    lambda page=page: page.goto(
                        base + "kalmar/praktiska-anvisningar/", wait_until="networkidle"
                    ),
                )
                / 1000,
            )
            ready: list[float] = []
            ready.append(widget_ready(page, base + demo))
            add("demo widget ready, cold (s)", ready[0])
            add("click to downloaded PDF (s)", click_to_pdf(page))
            # A returning user: the second visit still fills the compiled-code cache; the
            # third finds everything. Warm visits are measured three times per run, both as a
            # reload of the widget page and arriving from a routine page (the usual way in).
            widget_ready(page, base + demo)
            add(
                "widget page transfer, warm (kB)",
                transferred(
                    ctx,
                    lambda page=page, ready=ready: ready.append(widget_ready(page, base + demo)),
                )
                / 1000,
            )
            add("demo widget ready, warm (s)", ready[-1])
            for _ in range(2):
                add("demo widget ready, warm (s)", widget_ready(page, base + "verktyg/pdf-prov/"))
            for _ in range(3):
                add(
                    "demo widget ready, warm, from a routine page (s)",
                    from_routine_page(page, base, "verktyg/pdf-prov/"),
                )
            page.wait_for_selector("[data-warm-at]", timeout=120_000)
            add(
                "demo widget PDF engine loaded, warm (s)",
                int(page.get_attribute("[data-sip-widget]", "data-warm-at")) / 1000,
            )
            seconds, pages = plan_pdf(page, base, plan_answers)
            add(f"'Skapa PDF' to file, {pages}-page SIP-plan (s)", seconds)
            seconds, pages = plan_pdf(page, base, long_plan)
            add(f"'Skapa PDF' to file, 30 goals, {pages}-page SIP-plan (s)", seconds)
            add(
                "needs assessment update after a changed answer (ms)", assessment_update(page, base)
            )
            ctx.close()
            # A first visit's bytes, the PDF engine included: gzip over HTTP, and over HTTPS,
            # where the browser asks for brotli.
            for row, url in (("gzip over HTTP", base), ("brotli over HTTPS", tls_base)):
                ctx = profile(pw)
                page = ctx.pages[0]
                add(
                    f"widget page transfer, cold, {row} (kB)",
                    transferred(
                        ctx,
                        lambda page=page, url=url: (
                            widget_ready(page, url + demo),
                            page.wait_for_selector(
                                "[data-sip-widget][data-warm-at]", timeout=120_000
                            ),
                        ),
                    )
                    / 1000,
                )
                ctx.close()
            # A first visit over a slow connection (HTTPS, brotli), each in a new profile.
            for name, measure, path in (
                ("needs assessment answers", navigation_to_assessment, behov),
                ("demo PDF downloaded", navigation_to_pdf, demo),
            ):
                ctx = profile(pw)
                slow_connection(ctx, ctx.pages[0])
                add(f"slow first visit: {name} (s)", measure(ctx.pages[0], tls_base + path))
                ctx.close()
        for run in range(args.runs):
            # The naive peer and ours, each from navigation to its first PDF: a first visit,
            # a second that fills the compiled-code cache, then two warm visits. Who goes first
            # alternates between runs.
            measures = [
                ("naive peer", lambda page: peer_to_pdf(page, peer_base)),
                ("ours (demo widget)", lambda page: navigation_to_pdf(page, base + demo)),
            ]
            for who, to_pdf in measures[:: 1 if run % 2 else -1]:
                ctx = profile(pw)
                page = ctx.pages[0]
                add(f"navigation to first PDF, cold, {who} (s)", to_pdf(page))
                to_pdf(page)
                for _ in range(2):
                    add(f"navigation to first PDF, warm, {who} (s)", to_pdf(page))
                ctx.close()
        for _ in range(args.runs):
            ctx = profile(pw, service_workers="allow")
            page = ctx.pages[0]
            widget_ready(page, base + "verktyg/pdf-prov/")
            page.wait_for_selector("[data-sip-widget][data-offline=ready]", timeout=120_000)
            widget_ready(page, base + "verktyg/pdf-prov/")
            for _ in range(3):
                add(
                    "demo widget ready, warm, from the service worker's cache (s)",
                    widget_ready(page, base + "verktyg/pdf-prov/"),
                )
            ctx.close()
        ctx = profile(pw, service_workers="allow")
        page = ctx.pages[0]
        add(
            "service-worker precache after first page (kB)",
            transferred(
                ctx,
                lambda: (
                    page.goto(base + "lagrum/"),
                    wait_js(page, "navigator.serviceWorker.controller !== null", timeout=60),
                ),
            )
            / 1000,
        )
        ctx.close()
    for running in (server, tls_server, peer_server):
        running.shutdown()
    shutil.rmtree(peer_dir)
    add("build (mkdocs, then release), Pyodide folder cached (s)", build_time())
    add("needs assessment, one assess() call in CPython (ms)", assess_call_ms())

    width = max(len(k) for k in rows)
    print(f"{'measure':<{width}}  {'median':>9}  {'min':>9}  {'max':>9}  runs")
    for name, values in rows.items():
        print(
            f"{name:<{width}}  {statistics.median(values):>9.2f}  {min(values):>9.2f}  "
            f"{max(values):>9.2f}  {len(values)}"
        )
    cold = statistics.median(rows["demo widget ready, cold (s)"])
    bare = statistics.median(rows["bare loadPyodide(), cold (s)"])
    print(f"\ncold ready / bare loadPyodide(): {cold / bare:.2f} (target ≤ 1.3)")
    for name in (
        "demo widget ready, warm (s)",
        "demo widget ready, warm, from a routine page (s)",
        "demo widget ready, warm, from the service worker's cache (s)",
    ):
        warm = statistics.median(rows[name])
        print(
            f"{name.removeprefix('demo widget ready, ').removesuffix(' (s)')}: "
            f"{warm:.2f} s (target ≤ 1 s)"
        )
    assess_ms = rows["needs assessment, one assess() call in CPython (ms)"][0]
    print(f"assess() in CPython: {assess_ms:.2f} ms (target < 5 ms)")
    brotli = statistics.median(rows["widget page transfer, cold, brotli over HTTPS (kB)"])
    print(f"widget page, cold, brotli: {brotli / 1000:.2f} MB (target ≤ 6 MB)")
    for when, target in (("cold", 3), ("warm", 4)):
        peer = statistics.median(rows[f"navigation to first PDF, {when}, naive peer (s)"])
        ours = statistics.median(rows[f"navigation to first PDF, {when}, ours (demo widget) (s)"])
        print(
            f"naive peer / ours, navigation to first PDF, {when}: {peer / ours:.2f}× "
            f"(target ≥ {target}×)"
        )


if __name__ == "__main__":
    main()

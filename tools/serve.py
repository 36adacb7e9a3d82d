"""Serve the built site on 127.0.0.1, optionally under a sub-path, as a plain web server would.

    python tools/serve.py [--dir site] [--port 8000] [--prefix /vardgivarwebben/sip/]

Used by ``make serve`` and by the browser tests and benchmarks. Scripts are sent with the
Content-Security-Policy header a production server should send (README.md), so the worker runs
under the same policy as the page; ``.wasm`` is sent as ``application/wasm``. No response may be
shown inside another site's frame (``frame-ancestors 'none'``, ``X-Frame-Options: DENY``). The
build's ``.br`` and ``.gz`` copies are sent as they are, as nginx's ``brotli_static`` and
``gzip_static`` do. ``--https`` serves over HTTPS with a throwaway self-signed certificate
(Chromium asks for brotli only over HTTPS).
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import io
import mimetypes
import os
import re
import ssl
import subprocess
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# What a production server should send with every script (the pages carry their own policy in
# a <meta> tag, with the hashes of their inline scripts).
SCRIPT_CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; "
    "worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
# What a production server should send with everything else: no other site may show the portal
# in a frame (a page's <meta> policy cannot say this). README, "Security headers".
FRAME_CSP = "frame-ancestors 'none'"

# Files whose URL changes whenever their content does: Pyodide's folder is named after a hash
# of its content, the widget scripts carry one in their names (macros/postbuild.py), and
# Material fingerprints its bundles. Browsers may keep them without asking again. Everything
# else is revalidated on every use. README, "Caching".
IMMUTABLE = re.compile(r"/pyodide/[0-9a-f]{12}/|\.[0-9a-f]{8}\.(min\.)?(js|mjs|css)$")


def cache_control(path: str) -> str:
    if IMMUTABLE.search(path.split("?")[0]):
        return "public, max-age=31536000, immutable"
    return "no-cache"


mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")


# Copies the build writes beside a file, in the order a client that accepts both gets them.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))


def precompressed(path: str, accept_encoding: str, brotli: bool = True) -> tuple[str, str] | None:
    """``(coding, file)``: the copy of ``path`` to send for this ``Accept-Encoding``, if any
    (``brotli=False``: as a server without brotli, which sends the ``.gz`` copies only)."""
    accepted = set()
    for item in accept_encoding.lower().split(","):
        coding, _, params = item.partition(";")
        try:
            weight = float(params.strip().removeprefix("q=") or 1)
        except ValueError:
            weight = 1
        if weight > 0:
            accepted.add(coding.strip())
    for coding, suffix in PRECOMPRESSED:
        if coding in accepted and (brotli or coding != "br") and os.path.isfile(path + suffix):
            return coding, path + suffix
    return None


class Handler(SimpleHTTPRequestHandler):
    """Serves ``file.br`` or ``file.gz`` with its ``Content-Encoding`` when the client accepts
    it, as nginx's ``brotli_static on`` and ``gzip_static on`` do."""

    prefix = "/"
    brotli = True

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        copy = precompressed(path, self.headers.get("Accept-Encoding", ""), self.brotli)
        if copy:
            coding, packed = copy
            ctype = self.guess_type(path)
            stat = os.stat(packed)
            # Validators as nginx sends them, so a browser revalidates ("no-cache") with a
            # conditional request and gets 304 instead of the whole file again.
            etag = f'"{int(stat.st_mtime):x}-{stat.st_size:x}"'
            modified = email.utils.formatdate(int(stat.st_mtime), usegmt=True)
            since = self.headers.get("If-Modified-Since")
            try:
                unchanged = since is not None and email.utils.parsedate_to_datetime(
                    since
                ).timestamp() >= int(stat.st_mtime)
            except (TypeError, ValueError):
                unchanged = False
            if self.headers.get("If-None-Match") == etag or unchanged:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return None
            with open(packed, "rb") as fh:
                data = fh.read()
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Encoding", coding)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return io.BytesIO(data)
        return super().send_head()

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def end_headers(self) -> None:
        script = self.path.split("?")[0].endswith((".js", ".mjs"))
        self.send_header("Content-Security-Policy", SCRIPT_CSP if script else FRAME_CSP)
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", cache_control(self.path))
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)


def self_signed_context() -> ssl.SSLContext:
    """A server context with a new self-signed certificate for 127.0.0.1 (``openssl``), valid
    for a day; the key exists only in this process. Browsers must be told to accept it
    (Playwright: ``ignore_https_errors=True``)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with tempfile.TemporaryDirectory(prefix="sip-tls-") as tmp:
        key, cert = f"{tmp}/key.pem", f"{tmp}/cert.pem"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                key,
                "-out",
                cert,
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
            ],
            check=True,
            capture_output=True,
        )
        context.load_cert_chain(cert, key)
    return context


class TLSServer(ThreadingHTTPServer):
    """HTTPS: each connection's handshake runs in its own thread, so a client that connects
    and waits cannot hold up the others."""

    context: ssl.SSLContext

    def finish_request(self, request, client_address) -> None:
        try:
            tls = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return  # e.g. a browser that does not trust the certificate
        with tls:
            super().finish_request(tls, client_address)


def make_server(
    directory: Path,
    port: int = 0,
    prefix: str = "/",
    verbose: bool = False,
    https: bool = False,
    brotli: bool = True,
):
    """A started server in a daemon thread; returns ``(server, base_url)``. ``brotli=False``
    sends only the ``.gz`` copies, as a server without brotli support does."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = functools.partial(
        type("PrefixedHandler", (Handler,), {"prefix": prefix, "brotli": brotli}),
        directory=str(directory),
    )
    server = (TLSServer if https else ThreadingHTTPServer)(("127.0.0.1", port), handler)
    if https:
        server.context = self_signed_context()
    server.verbose = verbose
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    scheme = "https" if https else "http"
    return server, f"{scheme}://127.0.0.1:{server.server_address[1]}{prefix}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default="site")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--prefix", default="/")
    parser.add_argument(
        "--https", action="store_true", help="HTTPS with a throwaway self-signed certificate"
    )
    args = parser.parse_args()
    server, url = make_server(
        Path(args.dir), args.port, args.prefix, verbose=True, https=args.https
    )
    print(f"SIP-portalen: {url}  (Ctrl+C stoppar)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()

"""tools/serve.py sends the headers README asks of a production server."""

from __future__ import annotations

from pathlib import Path
from urllib.request import urlopen

from serve import FRAME_CSP, SCRIPT_CSP, make_server

ROOT = Path(__file__).resolve().parent.parent


class TestHeaders:
    def test_nothing_may_be_shown_in_another_sites_frame(self, tmp_path):
        """Pages, scripts and other files: frame-ancestors 'none' and X-Frame-Options: DENY;
        scripts keep their own policy, with frame-ancestors in it."""
        (tmp_path / "index.html").write_text("<title>Sida</title>", "utf-8")
        (tmp_path / "widgets.mjs").write_text("export {};", "utf-8")
        (tmp_path / "blankett.pdf").write_bytes(b"%PDF-1.7")
        server, url = make_server(tmp_path, prefix="/sip/")
        try:
            policies = {}
            for path in ("", "widgets.mjs", "blankett.pdf"):
                with urlopen(url + path) as response:
                    assert response.headers["X-Frame-Options"] == "DENY"
                    policies[path] = response.headers["Content-Security-Policy"]
        finally:
            server.shutdown()
        assert policies == {"": FRAME_CSP, "widgets.mjs": SCRIPT_CSP, "blankett.pdf": FRAME_CSP}
        assert SCRIPT_CSP.endswith("; frame-ancestors 'none'")
        assert FRAME_CSP == "frame-ancestors 'none'"


class TestReadme:
    def test_readme_gives_the_same_headers_as_the_test_server(self):
        """README's header lines for servers are the ones tools/serve.py sends."""
        readme = (ROOT / "README.md").read_text("utf-8")
        assert f"Content-Security-Policy: {SCRIPT_CSP}\n" in readme
        assert f"Content-Security-Policy: {FRAME_CSP}\nX-Frame-Options: DENY\n" in readme
        assert f'add_header Content-Security-Policy "{FRAME_CSP}" always;' in readme
        assert f'Header always set Content-Security-Policy "{SCRIPT_CSP}"' in readme

"""What the site-wide tests share: where things are, a local server for the built site,
Chromium, axe.

The fixtures that use these are in conftest.py.
"""

from __future__ import annotations

import gzip
import http.server
import sys
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_tools.browser import CHROMIUM_ARGS, INSTALL_HELP, chromium_executable  # noqa: F401 (for conftest.py)
from site_tools.paths import CONFIG, ROOT

ARTIFACTS = ROOT / "test-artifacts"


@cache
def site_path() -> str:
    """The path the site is published under: "/" or the path of ``site_url`` ("/project/")."""
    from mkdocs.config import load_config

    path = urlsplit(load_config(str(CONFIG))["site_url"] or "/").path or "/"
    return path if path.endswith("/") else path + "/"


# --------------------------------------------------------------------------------------------------
# Where things are. URL paths here are relative to the site's root ("" is the landing page) and use
# directory URLs ("modules/hooks/"), as the site does.


def url_of_source(md: str) -> str:
    """The URL path of a page from its Markdown file (relative to docs/): "modules/hooks.md" ->
    "modules/hooks/", "performance/index.md" -> "performance/", "index.md" -> ""."""
    md = md.removesuffix(".md")
    if md == "index":
        return ""
    return md.removesuffix("index") if md.endswith("/index") else md + "/"


def url_of_file(site_dir: Path, path: Path) -> str:
    """The URL path of a file of the built site: ".../modules/hooks/index.html" ->
    "modules/hooks/"."""
    rel = path.relative_to(site_dir).as_posix()
    return rel.removesuffix("index.html") if path.name == "index.html" else rel


def file_of_url(site_dir: Path, url_path: str) -> Path | None:
    """The file of the built site that answers a URL path (percent-escapes decoded), if any."""
    path = site_dir / unquote(url_path.split("?")[0].split("#")[0])
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def site_pages(site_dir: Path) -> list[str]:
    """URL paths of every HTML page of the built site, landing page first."""
    pages = [url_of_file(site_dir, path) for path in site_dir.rglob("*.html")]
    return sorted(pages, key=lambda page: (page != "", page))


# --------------------------------------------------------------------------------------------------
# A local server. It serves the site under the path of its site_url, as it will be published (the
# 404 page links its assets by absolute paths), answers a missing page with 404.html as GitHub Pages
# does, compresses text as the usual static hosts do (GitHub Pages, Netlify, nginx), and forbids
# caching, so that every page load in the tests is a first visit.

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, directory: Path, path: str = "/") -> None:
        self.directory = directory
        self.path = path
        super().__init__(("127.0.0.1", 0), _Handler)
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}{path}"

    @cache  # noqa: B019 (a server lives for one test session)
    def gzipped(self, path: Path) -> bytes:
        return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)

    def file_for(self, url_path: str) -> Path | None:
        """The file that an absolute URL path (``/project/x/`` or ``/project/x/y.js``) is answered
        with, if any."""
        if not url_path.startswith(self.path):
            return None
        return file_of_url(self.directory, url_path.removeprefix(self.path))

    def handle_error(self, request, client_address) -> None:
        """A tab closed in the middle of a response is no error of the site."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)

    def body_size(self, url_path: str, compressed: bool) -> int:
        """Bytes of the response body this server sends for ``url_path`` (0 when it has no such
        file)."""
        path = self.file_for(url_path)
        if path is None:
            return 0
        if compressed and path.suffix in COMPRESSIBLE:
            return len(self.gzipped(path))
        return path.stat().st_size


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: SiteServer

    def __init__(self, request, client_address, server: SiteServer) -> None:
        super().__init__(request, client_address, server, directory=str(server.directory))

    def log_message(self, format: str, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.server.path):
            return str(self.server.directory / "(outside the site)")
        return super().translate_path("/" + path.removeprefix(self.server.path))

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's 404.html, with status 404, as GitHub Pages answers."""
        not_found = self.server.file_for(self.server.path + "404.html")
        if code != 404 or not_found is None or self.command != "GET":
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url_path = self.path.split("?")[0]
        path = self.server.file_for(url_path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if path is None or path.suffix not in COMPRESSIBLE or not accepts_gzip:
            return super().do_GET()
        if path.name == "index.html" and not url_path.endswith(("/", ".html")):
            return super().do_GET()  # it redirects to the URL with a trailing slash
        body = self.server.gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


# --------------------------------------------------------------------------------------------------
# Chromium: which one, and with which flags (site_tools/browser.py, shared with `make` and the
# diagram renderer); and axe-core, which the browser tests run in it.


def axe_source() -> str:
    """axe-core's script (npm package axe-core, fetched once into .cache/, checked)."""
    from site_tools.vendor import AXE, npm_file

    return npm_file(AXE).read_text(encoding="utf-8")

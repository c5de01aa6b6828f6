"""What the site-wide tests share: where things are, a local server for the built site, and Chromium.

The fixtures that use these are in conftest.py.
"""

from __future__ import annotations

import gzip
import http.server
import os
import shutil
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
ARTIFACTS = ROOT / "test-artifacts"


@cache
def site_path() -> str:
    """The path the site is published under: "/" or the path of ``site_url`` ("/project/")."""
    from mkdocs.config import load_config

    path = urlsplit(load_config(str(CONFIG))["site_url"] or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def site_pages(site_dir: Path) -> list[str]:
    """URL paths (relative to the site root) of every HTML page of the built site, landing page first."""
    pages = []
    for path in site_dir.rglob("*.html"):
        rel = path.relative_to(site_dir).as_posix()
        pages.append(rel.removesuffix("index.html") if path.name == "index.html" else rel)
    return sorted(pages, key=lambda page: (page != "", page))


def page_file(site_dir: Path, page: str) -> Path:
    """The HTML file of a URL path returned by ``site_pages``."""
    return site_dir / (page if page.endswith(".html") else page + "index.html")


# --------------------------------------------------------------------------------------------------
# A local server. It serves the site under the path of its site_url, as it will be published (the 404
# page links its assets by absolute paths), compresses text as the usual static hosts do (GitHub
# Pages, Netlify, nginx), and forbids caching, so that every page load in the tests is a first visit.

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
        """The file that a URL path (``/x/`` or ``/x/y.js``) is answered with, if any."""
        url_path = url_path.split("?")[0].split("#")[0]
        if not url_path.startswith(self.path):
            return None
        path = self.directory / url_path.removeprefix(self.path)
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def body_size(self, url_path: str, compressed: bool) -> int:
        """Bytes of the response body this server sends for ``url_path`` (0 when it has no such file)."""
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

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.server.path):
            return str(self.server.directory / "(outside the site)")
        return super().translate_path("/" + path.removeprefix(self.server.path))

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

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
# Chromium

# Headless, and nothing that talks to Google's servers on its own. The host resolver rule makes every
# host but the local server unreachable: a page that asks another host for something shows that
# request in the tests (which fail) at once, whether or not this machine is online.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
_CHROMIUM_APPS = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)
INSTALL_HELP = (
    "The browser tests need Chromium. Install it (Debian/Ubuntu: `sudo apt-get install chromium`; "
    "macOS: `brew install --cask chromium`), or set the CHROMIUM environment variable to a Chromium "
    "or Chrome executable, e.g. `CHROMIUM=/path/to/chromium make test`. These tests never skip."
)


def chromium_executable() -> str | None:
    """$CHROMIUM, else a Chromium or Chrome found on PATH or in macOS's /Applications."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    for name in _CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    return next((app for app in _CHROMIUM_APPS if Path(app).is_file()), None)

"""Session fixtures of the site-wide tests: the built site, a local server for it, and one Chromium.

The site is built once per test session (``mkdocs build --strict``) into a temporary folder and
served on 127.0.0.1 by a threaded ``http.server``. The browser tests drive the system's Chromium
through Playwright; when no Chromium can be found or launched they fail with a message that says how
to install one. They never skip.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock
from served_site import (
    ARTIFACTS,
    CHROMIUM_ARGS,
    CONFIG,
    INSTALL_HELP,
    ROOT,
    SiteServer,
    chromium_executable,
    site_path,
)


@dataclass(frozen=True)
class Build:
    directory: Path
    returncode: int
    stderr: str


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """`mkdocs build --strict` into a temporary folder, once per test run. A failure is not raised
    here: test_strict_build reports it, and every test that needs the site fails through
    ``site_dir``. Under pytest-xdist the workers share one build, as pytest-xdist's documentation
    shows: the first to ask builds it under a file lock in the run's common temporary folder, the
    others read what it left."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    directory, log = shared / "site", shared / "site-build.json"
    with FileLock(str(log) + ".lock"):
        if log.is_file():
            done = json.loads(log.read_text(encoding="utf-8"))
            return Build(directory, done["returncode"], done["stderr"])
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(CONFIG)]
            + ["-d", str(directory)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        log.write_text(json.dumps({"returncode": result.returncode, "stderr": result.stderr}))
    return Build(directory, result.returncode, result.stderr)


@pytest.fixture(scope="session")
def site_dir(site_build: Build) -> Path:
    if site_build.returncode != 0:
        pytest.fail(f"the site does not build:\n{site_build.stderr}", pytrace=False)
    return site_build.directory


@pytest.fixture(scope="session")
def site_server(site_dir: Path):
    server = SiteServer(site_dir, site_path())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session. Fails (never skips) when there is none."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        pytest.fail(
            f"the Python package playwright is missing ({error}); `make test` installs it.",
            pytrace=False,
        )
    executable = chromium_executable()
    if executable is None:
        pytest.fail(f"no Chromium found. {INSTALL_HELP}", pytrace=False)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, timeout=60_000
        )
    except Exception as error:  # whatever went wrong, the reader must install a browser
        failure = f"Chromium ({executable}) could not be launched: {error}\n{INSTALL_HELP}"
    else:
        failure = None
    if failure:
        playwright.stop()
        pytest.fail(failure, pytrace=False)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ at the repository root (gitignored): screenshots, link lists, page
    weights."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

"""Which Chromium the browser tests and the diagram renderer drive, and how `make` sets one up.

Playwright drives a Chromium that is already on the machine; it downloads one only when there is
none. The order, for the tests and for the set-up alike:

1. ``$CHROMIUM``, when set (any Chromium or Chrome executable);
2. a system Chromium or Chrome: on ``PATH``, or in macOS's /Applications;
3. Playwright's own Chromium, if ``playwright install chromium`` has put one in its cache.

``python -m site_tools.browser --install`` (run by tools/setup-venv.sh) reports what it found, and
runs ``playwright install chromium`` only when the first two give nothing. Where that download fails
(no internet), it prints how to install a browser by hand and still exits 0: ``make serve`` needs no
browser, and the browser tests fail (they never skip) with the same message.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# Headless, and nothing that talks to Google's servers on its own. The host resolver rule makes
# every host but the local server unreachable: a page that asks another host for something shows
# that request in the tests (which fail) at once, whether or not this machine is online.
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
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
CHROMIUM_APPS = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)
INSTALL_HELP = (
    "The browser tests need Chromium. Install it (Debian/Ubuntu: `sudo apt-get install chromium`; "
    "macOS: `brew install --cask chromium`), or set the CHROMIUM environment variable to a "
    "Chromium or Chrome executable, e.g. `CHROMIUM=/path/to/chromium make test`. "
    "These tests never skip."
)


def system_chromium(
    which: Callable[[str], str | None] = shutil.which, apps: tuple[str, ...] = CHROMIUM_APPS
) -> str | None:
    """A Chromium or Chrome on PATH, else in macOS's /Applications."""
    for name in CHROMIUM_NAMES:
        if found := which(name):
            return found
    return next((app for app in apps if Path(app).is_file()), None)


def playwright_chromium() -> str | None:
    """Playwright's own Chromium, if `playwright install chromium` has downloaded it."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
    except Exception:  # no Playwright, or no driver: then there is no such browser
        return None
    return path if path and Path(path).is_file() else None


def chromium_executable(
    env: Mapping[str, str] = os.environ,
    system: Callable[[], str | None] = system_chromium,
    downloaded: Callable[[], str | None] = playwright_chromium,
) -> str | None:
    """$CHROMIUM, else a system Chromium or Chrome, else Playwright's own Chromium; None if none."""
    if env.get("CHROMIUM"):
        return env["CHROMIUM"]
    return system() or downloaded()


def _playwright_install() -> bool:
    """`playwright install chromium` (a download of about 150 MB); True when it worked."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "playwright", "install", "chromium"], timeout=900
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def ensure_chromium(
    env: Mapping[str, str] = os.environ,
    system: Callable[[], str | None] = system_chromium,
    downloaded: Callable[[], str | None] = playwright_chromium,
    install: Callable[[], bool] = _playwright_install,
    say: Callable[[str], None] = print,
) -> str | None:
    """Find a Chromium in the order above; download Playwright's only when there is no other."""
    if env.get("CHROMIUM"):
        say(f"browser: {env['CHROMIUM']} (from $CHROMIUM)")
        return env["CHROMIUM"]
    if found := system():
        say(f"browser: {found} (the system's)")
        return found
    if found := downloaded():
        say(f"browser: {found} (Playwright's, already downloaded)")
        return found
    say(
        "browser: no Chromium or Chrome found; "
        "downloading Playwright's (`playwright install chromium`)"
    )
    if install() and (found := downloaded()):
        say(f"browser: {found} (Playwright's)")
        return found
    say(f"warning: no browser could be installed. {INSTALL_HELP}")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--install",
        action="store_true",
        help="download Playwright's Chromium when no other browser is found",
    )
    args = parser.parse_args(argv)
    if args.install:
        ensure_chromium()
        return 0
    found = chromium_executable()
    print(found or f"none. {INSTALL_HELP}")
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main())

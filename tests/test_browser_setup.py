"""Which browser the tests and the set-up use, in which order (site_tools/browser.py), with faked
environments: no browser is started or downloaded here."""

from __future__ import annotations

from pathlib import Path

from site_tools.browser import INSTALL_HELP, chromium_executable, ensure_chromium, system_chromium


def fake(found: str | None = None):
    return lambda: found


def test_chromium_variable_comes_first():
    env = {"CHROMIUM": "/opt/my/chrome"}
    assert (
        chromium_executable(env, system=fake("/usr/bin/chromium"), downloaded=fake("/pw/chrome"))
        == "/opt/my/chrome"
    )


def test_then_the_systems_chromium_then_playwrights_own():
    assert (
        chromium_executable({}, system=fake("/usr/bin/chromium"), downloaded=fake("/pw/chrome"))
        == "/usr/bin/chromium"
    )
    assert chromium_executable({}, system=fake(None), downloaded=fake("/pw/chrome")) == "/pw/chrome"
    assert chromium_executable({}, system=fake(None), downloaded=fake(None)) is None


def test_system_chromium_looks_on_path_then_in_applications(tmp_path: Path):
    on_path = {"google-chrome": "/usr/bin/google-chrome"}
    assert system_chromium(which=on_path.get, apps=()) == "/usr/bin/google-chrome"
    app = tmp_path / "Chromium"
    app.write_text("")
    assert system_chromium(
        which=lambda name: None, apps=(str(tmp_path / "missing"), str(app))
    ) == str(app)
    assert system_chromium(which=lambda name: None, apps=(str(tmp_path / "missing"),)) is None


class Installer:
    def __init__(self, works: bool, downloaded: list[str]) -> None:
        self.works, self.downloaded, self.calls = works, downloaded, 0

    def __call__(self) -> bool:
        self.calls += 1
        if self.works:
            self.downloaded.append("/home/me/.cache/ms-playwright/chromium/chrome")
        return self.works


def setup(env, system, installer: Installer, downloaded: list[str]):
    said: list[str] = []
    found = ensure_chromium(
        env,
        system=system,
        downloaded=lambda: downloaded[-1] if downloaded else None,
        install=installer,
        say=said.append,
    )
    return found, said


def test_setup_downloads_nothing_when_a_browser_is_there():
    for env, system in [({"CHROMIUM": "/opt/chrome"}, fake(None)), ({}, fake("/usr/bin/chromium"))]:
        installer = Installer(works=True, downloaded=[])
        found, said = setup(env, system, installer, installer.downloaded)
        assert found in ("/opt/chrome", "/usr/bin/chromium") and installer.calls == 0, said


def test_setup_uses_playwrights_chromium_when_already_downloaded():
    installer = Installer(works=True, downloaded=["/pw/chrome"])
    found, said = setup({}, fake(None), installer, installer.downloaded)
    assert (found, installer.calls) == ("/pw/chrome", 0), said


def test_setup_downloads_playwrights_chromium_as_a_last_resort():
    installer = Installer(works=True, downloaded=[])
    found, said = setup({}, fake(None), installer, installer.downloaded)
    assert installer.calls == 1 and found and found.endswith("/chrome"), said
    assert any("playwright install chromium" in line for line in said)


def test_setup_without_network_says_how_to_install_one():
    installer = Installer(works=False, downloaded=[])
    found, said = setup({}, fake(None), installer, installer.downloaded)
    assert found is None and installer.calls == 1
    assert said[-1] == f"warning: no browser could be installed. {INSTALL_HELP}"

"""pytest options of the site's test suite, and the fixture the harness reads them through.

``--update-outputs``  rewrite each Output block that does not match from what its code printed
                      (see ``outputs.py``); the tests of the rewritten blocks pass, with a warning
                      each, and ``git diff`` shows what changed.
``--page PAGE``       check one page quickly: its blocks, and the snippets it embeds, each run
                      on its own
                      (``make test PAGE=docs/modules/hooks.md``).
"""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("site", "the tutorial site")
    group.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite each Output block that does not match from what the code printed",
    )
    group.addoption(
        "--page",
        action="append",
        default=[],
        metavar="PAGE",
        help="check only this page (docs/...md) and the snippets it embeds",
    )


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xdist registers it too; registered here, the marks are valid where xdist is absent.
    config.addinivalue_line("markers", "xdist_group(name): run these tests in one xdist worker")


@pytest.fixture(scope="session")
def update_outputs(request: pytest.FixtureRequest) -> bool:
    """Sybil puts it in each page's namespace (``Sybil(fixtures=...)``); the harness reads it."""
    return bool(request.config.getoption("update_outputs"))


def pytest_itemcollected(item: pytest.Item) -> None:
    """Group the tests for pytest-xdist (`make test` runs `-n auto --dist loadgroup`): all blocks
    of a page go to one worker, in order, since they share the page's Python; the tests of the
    browser's sweep over every page go to one worker. The other tests of the built site go to
    whichever worker is free: the workers share one build (tests/conftest.py), and the worker of
    the sweep, the longest group, is busy with it."""
    from sybil.integration.pytest import SybilItem

    fixtures = getattr(item, "fixturenames", ())
    if isinstance(item, SybilItem):
        item.add_marker(pytest.mark.xdist_group(str(item.path)))
    elif "page_loads" in fixtures:  # the browser's sweep over every page, done once per worker
        item.add_marker(pytest.mark.xdist_group("browser-sweep"))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests that need the built site first: they take longest. With `--page`, only that page's
    tests are kept."""
    from sybil.integration.pytest import SybilItem

    if chosen := {str(Path(page).resolve()) for page in config.getoption("page")}:
        kept, dropped = [], []
        for item in items:
            params = getattr(item, "callspec", None)
            page = params.params.get("page") if params else None
            keep = (
                str(item.path) in chosen
                if isinstance(item, SybilItem)
                else (params is not None and "snippet" in params.params)
                or (page is not None and str(Path(page).resolve()) in chosen)
            )
            (kept if keep else dropped).append(item)
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    items.sort(key=lambda item: "site_build" not in getattr(item, "fixturenames", ()))

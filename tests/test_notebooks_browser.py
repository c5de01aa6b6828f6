"""The "Download notebook" button in a real Chromium: a reader finds it by its name, clicks it, and
gets a valid notebook of the page (and, on a lab, its source). Fixtures: tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

CASES = [  # (page, link name, file the reader gets, what the file starts with)
    ("modules/callable-objects/", "Download notebook", "callable-objects.ipynb", "# Callable"),
    ("labs/homework/", "Download notebook", "homework.ipynb", "# The homework"),
    ("labs/homework/", "Download source", "homework.py", "# %% [markdown]"),
]


@pytest.mark.parametrize(("page_path", "name", "filename", "start"), CASES)
def test_download_button(browser, site_server, page_path, name, filename, start):
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(site_server.base_url + page_path, wait_until="load")
        link = page.get_by_role("link", name=name, exact=True)
        assert link.count() == 1 and link.is_visible()
        with page.expect_download(timeout=15_000) as info:
            link.click()
        download = info.value
        assert download.suggested_filename == filename
        text = Path(download.path()).read_text(encoding="utf-8")
    finally:
        context.close()
    if filename.endswith(".ipynb"):
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
        text = notebook.cells[0].source
    assert text.startswith(start)

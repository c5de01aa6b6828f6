"""MkDocs hooks for notebooks: a "Download notebook" for every page.

* ``on_files`` writes the notebook of every page next to it (``notebooks.notebook_uri``), built
  from the page's source by ``notebooks.page_notebook``.
  ``overrides/partials/notebook-download.html`` links to it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_tools.notebooks import Site, notebook_json, notebook_uri, page_notebook


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = Site.from_config(config)
    for file in list(files):
        if not file.is_documentation_page() or file.abs_src_path is None:
            continue
        notebook = page_notebook(Path(file.abs_src_path), site)
        files.append(
            File.generated(config, notebook_uri(file.src_uri), content=notebook_json(notebook))
        )
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs) -> dict:
    """The template's "Download notebook" link reads ``page.notebook`` (from the site's root)."""
    if page.file.is_documentation_page():
        page.notebook = notebook_uri(page.file.src_uri)
    return context

"""MkDocs hooks for notebooks: a "Download notebook" for every page, and the labs' build settings.

* ``on_files`` writes the notebook of every page next to it (``notebooks.notebook_uri``): a
  Markdown page's is built from its source by ``notebooks.page_notebook``; a lab's (a jupytext
  ``docs/labs/*.py`` that mkdocs-jupyter renders) is its source as a notebook, without outputs,
  for the reader to run. ``overrides/partials/notebook-download.html`` links to it.
* The labs are executed by mkdocs-jupyter when the site is built. ``LAB_ENVIRONMENT`` is what the
  build gives their kernel (shorter runs than a reader's), and mkdocs-jupyter's cache, which keys
  only on a lab's own text, is kept in a folder named after everything else an output depends on
  (those variables, the torch version, the machine), so that a changed machine reruns the labs.
* ``on_page_content`` rewrites a lab's HTML into the site's own markup (``lab_html.rewrite``):
  without JupyterLab's style sheet and nbconvert's scripts (MathJax and mermaid from a CDN, a copy
  button), with Material's code blocks, Output blocks, and images that say what they show.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import platform
import re
import shutil
from pathlib import Path

import jupytext
import markdown
import nbformat
from bs4 import BeautifulSoup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_tools import translations
from site_tools.lab_html import rewrite
from site_tools.notebooks import Site, notebook_json, notebook_uri, page_notebook

log = logging.getLogger("mkdocs.hooks.notebook_hooks")

# The labs read these; a reader who runs a lab at home gets the full run (see docs/labs/).
LAB_ENVIRONMENT = {"HOMEWORK_EPOCHS": "1000"}
JUPYTER_PLUGIN = "mkdocs-jupyter"
# A lab's Output blocks are titled as the pages' are in each edition.
OUTPUT_TITLES = {"zh": translations.OUTPUT_TITLES["Output"]}


def _lab_cache_key() -> str:
    parts = [f"{name}={os.environ.get(name)}" for name in sorted(LAB_ENVIRONMENT)]
    try:
        parts.append("torch=" + importlib.metadata.version("torch"))
    except importlib.metadata.PackageNotFoundError:
        parts.append("torch=none")
    parts.append("machine=" + platform.node())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for name, value in LAB_ENVIRONMENT.items():
        os.environ.setdefault(name, value)  # the kernels the labs run in inherit it
    plugin = config.plugins.get(JUPYTER_PLUGIN)
    if plugin is not None and plugin.config.get("cache"):
        base = Path(config.config_file_path).parent / plugin.config["cache_dir"]
        # One folder per edition: mkdocs-jupyter deletes, after a build, every cached lab that
        # the build did not use, so the two editions would delete each other's.
        if base.parent.name != _lab_cache_key():
            plugin.config["cache_dir"] = str(base / _lab_cache_key() / _edition(config))
    return config


def _edition(config: MkDocsConfig) -> str:
    return config.theme.get("language") or "en"


def on_post_build(config: MkDocsConfig) -> None:
    """Remove the cache folders of other machines and settings (mkdocs-jupyter prunes only the
    current one)."""
    plugin = config.plugins.get(JUPYTER_PLUGIN)
    if plugin is None or not plugin.config.get("cache"):
        return
    current = Path(plugin.config["cache_dir"]).parent  # .../<key>/<edition>
    for folder in current.parent.glob("*"):
        if folder.is_dir() and folder != current and re.fullmatch(r"[0-9a-f]{16}", folder.name):
            shutil.rmtree(folder, ignore_errors=True)


def _lab_notebook(path: Path) -> nbformat.NotebookNode:
    notebook = jupytext.read(path)
    for number, cell in enumerate(notebook.cells, 1):
        cell.id = f"cell-{number}"
    notebook.metadata.pop("jupytext", None)
    return notebook


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = Site.from_config(config)
    for file in files:
        # mkdocs-jupyter wraps a lab's File in a NotebookFile, whose abs_src_path is computed
        # again from docs_dir: the translation that site_tools/i18n.py pointed the File at would
        # be lost, and the Chinese edition would render, offer and run the English lab.
        wrapped = getattr(file, "file", None)
        if isinstance(wrapped, File) and file.abs_src_path != wrapped.abs_src_path:
            file.abs_src_path = wrapped.abs_src_path
    for file in list(files):
        if not file.is_documentation_page() or file.abs_src_path is None:
            continue
        if file.inclusion.is_excluded():  # docs/zh/ in the English build: not one of its pages
            continue
        source = Path(file.abs_src_path)
        notebook = page_notebook(source, site) if source.suffix == ".md" else _lab_notebook(source)
        files.append(
            File.generated(config, notebook_uri(file.src_uri), content=notebook_json(notebook))
        )
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs) -> dict:
    """The template's "Download notebook" link reads ``page.notebook`` (from the site's root)."""
    if page.file.is_documentation_page():
        page.notebook = notebook_uri(page.file.src_uri)
    return context


def _heading_ids(lab: Path) -> list[str]:
    """The ids of a lab's headings, in order, as its page gives them (Markdown's toc)."""
    cells = jupytext.read(lab).cells
    md = markdown.Markdown(extensions=["toc"])
    md.convert("\n\n".join(cell.source for cell in cells if cell.cell_type == "markdown"))

    def walk(tokens: list[dict]) -> list[str]:
        return [i for token in tokens for i in [token["id"], *walk(token["children"])]]

    return walk(md.toc_tokens)


def _english_heading_ids(html: str, page: Page, english: Path) -> tuple[str, list[str]]:
    """A translated lab's page with its English lab's heading ids, in its headings and its table
    of contents: the ids of Chinese headings would be empty, and a link to ``#exercises`` works in
    both editions."""
    ids = _heading_ids(english)
    soup = BeautifulSoup(html, "html.parser")
    headings = soup.find_all(re.compile(r"^h[1-6]$"), id=True)
    entries, stack = [], list(reversed(list(page.toc)))
    while stack:
        entry = stack.pop()
        entries.append(entry)
        stack.extend(reversed(entry.children))
    if not len(headings) == len(entries) == len(ids):
        return html, [
            f"{len(headings)} headings and {len(entries)} entries in its table of contents, but "
            f"{len(ids)} headings in {english.name}: a translation keeps the lab's headings"
        ]
    for heading, entry, anchor in zip(headings, entries, ids, strict=True):
        heading["id"] = entry.id = anchor
        link = heading.find("a", class_="headerlink")
        if link is not None:
            link["href"] = f"#{anchor}"
    return str(soup), []


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    if getattr(page, "nb_url", None) is None:  # not a page that mkdocs-jupyter rendered
        return html
    html, problems = rewrite(html, OUTPUT_TITLES.get(config.theme.get("language"), "Output"))
    if _edition(config) != "en":
        html, more = _english_heading_ids(html, page, Path(config.docs_dir) / page.file.src_uri)
        problems += more
    for problem in problems:
        log.warning("%s: %s", page.file.src_uri, problem)
    return html

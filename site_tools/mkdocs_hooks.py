"""MkDocs hooks of this site (listed under ``hooks:`` in mkdocs.yml).

Diagrams are drawn beforehand into SVG images (site_tools/diagrams.py, a hook of its own): the site
serves no mermaid script. This one fills the benchmark tables from the recorded data and shows
Output blocks' example values without their braces.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.pages import Page

from site_tools.benchmark_tables import fill_tables
from site_tools.outputs import show_example_values


def on_page_markdown(markdown: str, page: Page, **kwargs) -> str:
    """Fill the benchmark tables' placeholders from the recorded data (see benchmark_tables.py),
    and show Output blocks' example values without their braces (see outputs.py)."""
    markdown = fill_tables(markdown, Path(page.file.abs_src_path), page.file.src_uri)
    return show_example_values(markdown)

"""MkDocs hooks of this site (listed under ``hooks:`` in mkdocs.yml).

Diagrams are drawn beforehand into SVG images (site_tools/diagrams.py, a hook of its own): the site
serves no mermaid script. This one fills the benchmark tables from the recorded data, shows
Output blocks' example values without their braces, and keeps code blocks out of the search index.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from site_tools.benchmark_tables import fill_tables
from site_tools.outputs import show_example_values

# A fenced code block as pymdownx.highlight writes it (Python, Output, bash...).
_CODE_BLOCK = re.compile(r'<div class="(?:language-[\w-]+ )?highlight"')
# The exercises' section: its heading, then everything up to the next h2 (or the end).
_EXERCISES = re.compile(r'(<h2 id="exercises">.*?</h2>)(.*?)(?=<h2\b|\Z)', re.DOTALL)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Fill the benchmark tables' placeholders from the recorded data (see benchmark_tables.py),
    and show Output blocks' example values without their braces (see outputs.py). The data is
    found next to the English page, also for its Chinese translation (site_tools/i18n.py)."""
    english = Path(config.docs_dir) / page.file.src_uri
    markdown = fill_tables(markdown, english, page.file.src_uri)
    return show_example_values(markdown)


def on_page_content(html: str, page: Page, **kwargs) -> str:
    """Code and Output blocks stay out of the search index (Material's ``data-search-exclude``),
    and so do the exercises' hints and solutions. Every page loads the index, and the code made it
    most of every page's weight; prose and inline code, where the pages name the APIs they use,
    are still found, and so is each exercise's question."""
    html = _CODE_BLOCK.sub(lambda match: match.group(0) + " data-search-exclude", html)
    return _EXERCISES.sub(
        lambda match: match[1] + match[2].replace("<details", "<details data-search-exclude"), html
    )

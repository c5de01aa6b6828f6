"""Every page's notebook (site_tools/notebooks.py), checked against the page as the harness reads
it, and one notebook run top to bottom in a fresh Jupyter kernel, as a reader who downloads it runs
it.

Why that proves every notebook runs: a notebook's code cells are exactly the page's blocks (checked
here), and the harness runs those blocks in order in a fresh Python of the page's own, outside the
repository, as cells: it checks each cell's printed output against the page's Output block, and
fails a cell whose last expression has a value that Jupyter would show and Python would not
(site_tools/page_process.py). Running all 22 notebooks again in ipykernels would cost about
200 s of this 2-core machine for nothing more; one real kernel run keeps the Jupyter side honest.

The labs (docs/labs/) are checked in tests/test_labs.py.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import nbformat
import pytest
from mkdocs.config import load_config

from site_tools.harness import PythonBlock, make_sybil, shown_code
from site_tools.jupyter_markdown import plain_markdown
from site_tools.notebooks import GPU_TAG, jupyter_anchor, notebook_uri, page_notebook
from site_tools.outputs import EXAMPLE_VALUE, matches, normalise
from site_tools.paths import CONFIG, DOCS, SNIPPETS, pages, rel

# A page with no GPU block that runs in a second or two: run whole in a real kernel.
RUN_IN_A_KERNEL = DOCS / "modules" / "callable-objects.md"
# What Jupyter cannot show: admonitions, tabs, embeds, comments, attribute lists.
PYMDOWNX = re.compile(
    r"^\s*(?:!!!|\?\?\?\+?|===)\s|--8<--|<!--|\{\s*#[\w-]+\s*\}\s*$", re.MULTILINE
)
MAX_TEXT_BYTES = 100_000  # a notebook without its attached images


def harness_blocks(page: Path) -> list[PythonBlock]:
    document = make_sybil(CONFIG, DOCS).parse(page)
    return [e.parsed for e in document.examples() if isinstance(e.parsed, PythonBlock)]


def printed(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


@pytest.mark.parametrize("page", pages(), ids=rel)
def test_notebook_shows_the_page(page: Path):
    notebook = page_notebook(page)
    nbformat.validate(notebook)
    blocks = harness_blocks(page)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [cell.source for cell in code] == [shown_code(b, CONFIG) for b in blocks], (
        "the code cells are not the page's Python blocks, in order, as the harness runs them"
    )
    for cell, block in zip(code, blocks, strict=True):
        shown = EXAMPLE_VALUE.sub(r"\1", normalise(block.expected or ""))
        assert printed(cell) == shown, f"{rel(page)}:{block.first_line}: output is not the page's"
        needs_gpu = block.skip is not None and "cuda" in block.skip.lower()
        assert (GPU_TAG in cell.metadata.get("tags", [])) == needs_gpu, block.first_line
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            assert cell.source.strip(), "an empty Markdown cell"
            assert not PYMDOWNX.search(cell.source), f"syntax Jupyter cannot show:\n{cell.source}"
    text = json.dumps({**notebook, "cells": [{**c, "attachments": {}} for c in notebook.cells]})
    assert len(text.encode()) < MAX_TEXT_BYTES


def test_gpu_cells_are_announced():
    """A cell tagged raises-exception has a note above it, and pages with GPU blocks have them."""
    tagged = 0
    for page in pages():
        cells = page_notebook(page).cells
        for before, cell in zip(cells, cells[1:], strict=False):
            if GPU_TAG in cell.metadata.get("tags", []):
                tagged += 1
                assert before.cell_type == "markdown" and GPU_TAG in before.source
    assert tagged, "no page has a GPU block: is the skip directive still recognised?"


def test_plain_markdown():
    page = (
        '# T { #top }\n\n!!! abstract "Short answer"\n    Text.\n\n'
        '    !!! note\n        Inner.\n\n=== "Tab"\n\n    In a tab.\n\n'
        "<!-- skip: next -->\n*[CPU]: central\n\n```text\n<!-- kept in code -->\n```\n"
        "[link](other.md#x)\n"
    )
    assert plain_markdown(page, lambda url, image: url.upper()) == (
        "# T\n\n> **Short answer**\n>\n> Text.\n>\n> > **Note**\n> >\n> > Inner.\n\n"
        "> **Tab**\n>\n> In a tab.\n\n\n```text\n<!-- kept in code -->\n```\n[link](OTHER.MD#X)\n"
    )


def test_links_and_anchors():
    assert notebook_uri("modules/hooks.md") == "modules/hooks.ipynb"
    assert notebook_uri("performance/index.md") == "performance.ipynb"
    assert notebook_uri("index.md") == "index.ipynb"
    assert jupyter_anchor("Going deeper: `__call__` [here](x.md)") == "Going-deeper:-__call__-here"
    cells = page_notebook(DOCS / "modules" / "callable-objects.md").cells
    text = "\n".join(cell.source for cell in cells if cell.cell_type == "markdown")
    # A link to another page is the published page's full address (site_url), so that it works
    # from a downloaded notebook.
    site_url = load_config(str(CONFIG))["site_url"]
    assert f"]({site_url.rstrip('/')}/modules/module-call/)" in text
    images = [c for p in pages() for c in page_notebook(p).cells if "attachments" in c]
    assert images and all("](attachment:" in cell.source for cell in images)


def test_a_notebook_runs_in_a_fresh_kernel_as_the_page_shows():
    """The notebook of a page without GPU blocks, run top to bottom by nbclient in a new ipykernel
    started in an empty folder outside the repository (with a link to snippets/, as the page tests
    have it): each cell prints what the page's Output block shows."""
    from nbclient import NotebookClient

    notebook = page_notebook(RUN_IN_A_KERNEL)
    expected = [printed(cell) for cell in notebook.cells if cell.cell_type == "code"]
    blocks = harness_blocks(RUN_IN_A_KERNEL)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    with tempfile.TemporaryDirectory(prefix="notebook-") as folder:
        (Path(folder) / "snippets").symlink_to(SNIPPETS, target_is_directory=True)
        client = NotebookClient(
            notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": folder}}
        )
        client.execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell, block, shown in zip(code, blocks, expected, strict=True):
        assert not [o for o in cell.outputs if o.output_type in ("error", "execute_result")]
        want = normalise(block.expected or "")
        got = normalise(printed(cell))
        assert matches(want, got), f"{rel(RUN_IN_A_KERNEL)}:{block.first_line}:\n{shown}\n!=\n{got}"

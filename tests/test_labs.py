"""The labs: jupytext percent-format sources under docs/labs/, which mkdocs-jupyter runs when the
site is built and shows with their outputs (see site_tools/notebook_hooks.py)."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest

from site_tools.harness import expander_for
from site_tools.paths import CONFIG, DOCS, ROOT

LABS = sorted((DOCS / "labs").glob("*.py"))


@pytest.mark.parametrize("lab", LABS, ids=lambda path: path.name)
def test_lab_is_a_jupytext_notebook_with_a_title(lab: Path):
    notebook = jupytext.read(lab)
    nbformat.validate(notebook)
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")
    assert lab.relative_to(DOCS).as_posix() in (ROOT / "mkdocs.yml").read_text(), "not in the nav"


def test_homework_lab_trains_the_sites_iris_mlp():
    """The lab is one file a reader can download, so it cannot embed the snippet: it holds a copy
    of the data and model sections of snippets/training/iris_mlp.py; this test keeps them equal."""
    cells = [c.source for c in jupytext.read(DOCS / "labs" / "homework.py").cells]
    expander = expander_for(CONFIG)
    for section in ("data", "model"):
        code = "\n".join(expander.expand(f'--8<-- "snippets/training/iris_mlp.py:{section}"'))
        assert code.strip() in cells, f"the lab's copy of iris_mlp.py:{section} differs"


@pytest.mark.parametrize("lab", LABS, ids=lambda path: path.name)
def test_lab_headings_have_no_inline_code(lab: Path):
    """mkdocs-jupyter's table of contents drops `code` from a heading but the heading's id keeps
    it, so the contents would link to an anchor that does not exist."""
    headings = [line for line in lab.read_text().splitlines() if line.startswith("# #")]
    assert headings and not [heading for heading in headings if "`" in heading]

"""Site-wide checks: every snippet is shown and runs on its own, every fence is a test, the build is clean."""

from __future__ import annotations

import ast
import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_tools.harness import EMBED_LINE, PythonBlock, expander_for, make_sybil, pasted_page

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"

PAGES = sorted(DOCS.rglob("*.md"))
SNIPPET_FILES = sorted(p for p in SNIPPETS.rglob("*.py") if p.name != "__init__.py")
# An opening fence whose language is python, however it is indented or decorated.
PYTHON_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})[ \t]*\{?\.?(python3?|py)\b", re.MULTILINE)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@functools.cache
def embedded_snippets() -> set[Path]:
    """Snippet files that a page embeds, and the sibling modules those import, transitively."""
    expander = expander_for(CONFIG)
    found: set[Path] = set()
    for page in PAGES:
        for line in page.read_text(encoding="utf-8").splitlines():
            match = EMBED_LINE.match(line)
            if match and (path := expander.source_file(match["target"])):
                found.add(path)
    pending = list(found)
    while pending:
        tree = ast.parse(pending.pop().read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            for name in names:
                for candidate in SNIPPETS.rglob(f"{name.split('.')[0]}.py"):
                    if candidate.resolve() not in found:
                        found.add(candidate.resolve())
                        pending.append(candidate.resolve())
    return found


@pytest.mark.parametrize("snippet", SNIPPET_FILES, ids=_rel)
def test_snippet_is_shown_on_a_page(snippet: Path):
    assert snippet.resolve() in embedded_snippets(), (
        f"{_rel(snippet)} is embedded by no page (and imported by no embedded snippet): "
        "show it on a page or delete it"
    )


@pytest.mark.parametrize("snippet", SNIPPET_FILES, ids=_rel)
def test_snippet_runs_on_its_own(snippet: Path):
    """`python snippets/...` from the repository root, as the pages tell readers to run it."""
    result = subprocess.run(
        [sys.executable, _rel(snippet)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_every_python_fence_is_a_test(page: Path):
    sybil = make_sybil(CONFIG, DOCS)
    document = sybil.parse(page)
    collected = [e for e in document.examples() if isinstance(e.parsed, PythonBlock)]
    fences = PYTHON_FENCE.findall(document.text)
    assert len(collected) == len(fences), (
        f"{_rel(page)} has {len(fences)} python fences but the harness collects {len(collected)}"
    )


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_page_runs_when_pasted_into_a_fresh_python(page: Path, tmp_path: Path):
    """A reader copies the page's blocks, in order, into a new Python started in some folder of
    their own: nothing from other pages, no file of this repository on the path. The suite runs all
    pages in one process; this catches a page that only works because another one ran first.
    Blocks under a skip directive are left out (the harness runs them where their machine is)."""
    blocks, _ = pasted_page(CONFIG, page)
    if not blocks:
        pytest.skip("no Python block on this page")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-"],
        input="\n\n".join(blocks) + "\n",
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**env, "MPLBACKEND": "Agg"},
    )
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr[-3000:]}"


def test_strict_build(site_build):
    """`mkdocs build --strict`: any warning (a broken link, a missing snippet...) fails the suite."""
    assert site_build.returncode == 0, site_build.stderr
    warnings = [line for line in site_build.stderr.splitlines() if line.startswith("WARNING")]
    assert not warnings, "\n".join(warnings)
    assert (site_build.directory / "index.html").is_file()

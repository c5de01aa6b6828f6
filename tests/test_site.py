"""Site-wide checks: every snippet is shown and runs on its own, every fence is a test, the build
is clean.

That each page runs on its own, in a fresh Python outside the repository, is proved by the page
tests themselves: the harness runs every page in a Python of its own (site_tools/page_process.py).
"""

from __future__ import annotations

import ast
import builtins
import functools
import re
import symtable
from pathlib import Path

import pytest

from site_tools.harness import EMBED_LINE, PythonBlock, expander_for, make_sybil
from site_tools.page_process import run_script
from site_tools.paths import CONFIG, DOCS, ROOT, SNIPPETS, pages, rel, snippet_files

# An opening fence whose language is python, however it is indented or decorated.
PYTHON_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})[ \t]*\{?\.?(python3?|py)\b", re.MULTILINE)


def embeds(page: Path) -> set[Path]:
    """The snippet files that a page embeds, and the sibling modules those import, transitively."""
    expander = expander_for(CONFIG)
    found: set[Path] = set()
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


@functools.cache
def embedded_snippets() -> set[Path]:
    return set().union(*(embeds(page) for page in pages()))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`--page docs/x.md` (``make test PAGE=...``): only the snippets that page embeds."""
    if "snippet" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("page")
        snippets = snippet_files()
        if chosen:
            shown = set().union(*(embeds(ROOT / page) for page in chosen))
            snippets = [path for path in snippets if path.resolve() in shown]
        metafunc.parametrize("snippet", snippets, ids=rel)


def test_snippet_is_shown_on_a_page(snippet: Path):
    assert snippet.resolve() in embedded_snippets(), (
        f"{rel(snippet)} is embedded by no page (and imported by no embedded snippet): "
        "show it on a page or delete it"
    )


def unbound_names(path: Path) -> set[str]:
    """Global names the file's code reads but never binds (by assignment, import, def or class), and
    that are not built-ins: names it could only get from code that ran before it."""
    table = symtable.symtable(path.read_text(encoding="utf-8"), str(path), "exec")
    bound = {
        symbol.get_name()
        for symbol in table.get_symbols()
        if symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace()
    }
    read: set[str] = set()
    pending = [table]
    while pending:
        scope = pending.pop()
        pending.extend(scope.get_children())
        for symbol in scope.get_symbols():
            is_module_name = scope.get_type() == "module" or symbol.is_global()
            if is_module_name and symbol.is_referenced():
                read.add(symbol.get_name())
    return {name for name in read - bound if not hasattr(builtins, name)} - {"__name__", "__doc__"}


@functools.cache
def whole_file_blocks() -> dict[Path, str]:
    """Snippet -> "docs/page.md:line" of an unskipped page block that runs exactly that file."""
    found: dict[Path, str] = {}
    expander = expander_for(CONFIG)
    sybil = make_sybil(CONFIG, DOCS)
    for page in pages():
        for example in sybil.parse(page).examples():
            block = example.parsed
            lines = (
                [line for line in block.source.splitlines() if line.strip()]
                if isinstance(block, PythonBlock)
                else []
            )
            match = EMBED_LINE.match(lines[0]) if len(lines) == 1 and block.skip is None else None
            if (
                match
                and ":" not in match["target"]
                and (path := expander.source_file(match["target"]))
            ):
                found.setdefault(path, f"{rel(page)}:{example.line}")
    return found


def test_snippet_runs_on_its_own(snippet: Path):
    """`python snippets/...` from the repository root, as the pages tell readers to run it.

    Where a page already runs the whole file as one block, that run is the proof, and the file is
    not run twice: the page's Python is fresh (site_tools/page_process.py), and a file that reads
    no name it does not bind itself (checked here with ``symtable``) cannot have leaned on the
    page's earlier blocks. Every other snippet runs here, in a process forked from a warm Python:
    a run costs its own work, not torch's import."""
    page_block = whole_file_blocks().get(snippet.resolve())
    unbound = unbound_names(snippet)
    if page_block and not unbound:
        return  # proved by the page test of that block: see the docstring
    result = run_script(snippet, cwd=ROOT)
    assert result.returncode == 0, f"exit {result.returncode}\n{result.output}"


@pytest.mark.parametrize("page", pages(), ids=rel)
def test_every_python_fence_is_a_test(page: Path):
    document = make_sybil(CONFIG, DOCS).parse(page)
    collected = [e for e in document.examples() if isinstance(e.parsed, PythonBlock)]
    fences = PYTHON_FENCE.findall(document.text)
    assert len(collected) == len(fences), (
        f"{rel(page)} has {len(fences)} python fences but the harness collects {len(collected)}"
    )


def test_strict_build(site_build):
    """`mkdocs build --strict`: any warning (a broken link, a missing snippet...) fails it."""
    assert site_build.returncode == 0, site_build.stderr
    warnings = [line for line in site_build.stderr.splitlines() if line.startswith("WARNING")]
    assert not warnings, "\n".join(warnings)
    assert (site_build.directory / "index.html").is_file()

"""The shape of every page, as DESIGN.md's "Anatomy of a page" says: the answer first, no code
walls, a summary and exercises at the end.

1. Right under the title, ``!!! abstract "Short answer"``: at most 120 words of prose and at most
   15 lines of code (one or two Python blocks, run and checked like any other).
2. No Python block shown expanded is longer than 30 lines (a longer one sits in a collapsed
   ``??? example`` block, or shows the named section that teaches).
3. ``## Summary`` with 3 to 5 bullets, then ``## Exercises``: each exercise is a numbered item with
   a collapsible hint (``??? tip "Hint"``); a solution (``??? success "Solution"``) holds code that
   the harness runs like every other block.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_tools.harness import PythonBlock, make_sybil, shown_code
from site_tools.paths import CONFIG, DOCS, pages, rel
from site_tools.reading import (
    SHORT_ANSWER,
    collapsed,
    prose_words,
    python_code_lines,
    section,
    short_answer,
)

# Pages that are references, not lessons: they answer no single question of their own.
REFERENCE_PAGES = {"index.md", "glossary.md", "beliefs.md"}
LESSONS = [page for page in pages() if page.relative_to(DOCS).as_posix() not in REFERENCE_PAGES]

MAX_WORDS, MAX_CODE_LINES, MAX_EXPANDED_LINES = 120, 15, 30


@pytest.mark.parametrize("page", LESSONS, ids=rel)
def test_the_page_opens_with_its_short_answer(page: Path):
    body = short_answer(page.read_text(encoding="utf-8"))
    assert body is not None, f"{rel(page)}: the first thing under the title must be {SHORT_ANSWER}"
    words, code = prose_words(body), python_code_lines(body)
    assert words <= MAX_WORDS, (
        f"{rel(page)}: the short answer has {words} words (at most {MAX_WORDS})"
    )
    assert code <= MAX_CODE_LINES, (
        f"{rel(page)}: the short answer has {code} lines of code (at most {MAX_CODE_LINES})"
    )


@pytest.mark.parametrize("page", pages(), ids=rel)
def test_no_code_wall(page: Path):
    lines = page.read_text(encoding="utf-8").split("\n")
    walls = []
    for example in make_sybil(CONFIG, DOCS).parse(page).examples():
        block = example.parsed
        if not isinstance(block, PythonBlock):
            continue
        length = len(shown_code(block, CONFIG).split("\n"))
        if length > MAX_EXPANDED_LINES and not collapsed(lines, example.line - 1):
            walls.append(f"line {example.line}: {length} lines")
    assert not walls, (
        f"{rel(page)}: Python blocks longer than {MAX_EXPANDED_LINES} lines shown expanded "
        "(collapse them in a `??? example` block, or show the named section that teaches):\n"
        + "\n".join(walls)
    )


@pytest.mark.parametrize("page", LESSONS, ids=rel)
def test_the_page_ends_with_a_summary_and_exercises_with_hints(page: Path):
    text = page.read_text(encoding="utf-8")
    summary, exercises = section(text, "## Summary"), section(text, "## Exercises")
    assert summary is not None, f"{rel(page)}: no `## Summary`"
    bullets = [line for line in summary if line.startswith(("- ", "* "))]
    assert 3 <= len(bullets) <= 5, f"{rel(page)}: the summary has {len(bullets)} bullets (3 to 5)"
    assert exercises is not None, f"{rel(page)}: no `## Exercises`"
    assert text.index("## Summary") < text.index("## Exercises"), f"{rel(page)}: summary first"
    items = [i for i, line in enumerate(exercises) if re.match(r"\d+\. ", line)]
    assert items, f"{rel(page)}: no numbered exercise"
    for number, (start, end) in enumerate(zip(items, [*items[1:], len(exercises)], strict=True), 1):
        item = exercises[start:end]
        hints = [line for line in item if line.strip().startswith('??? tip "Hint"')]
        assert hints, f'{rel(page)}: exercise {number} has no `??? tip "Hint"`'
        solutions = [
            i for i, line in enumerate(item) if line.strip().startswith('??? success "Solution"')
        ]
        for at in solutions:
            assert any("```python" in line for line in item[at:]), (
                f"{rel(page)}: exercise {number}'s solution has no Python block to run"
            )

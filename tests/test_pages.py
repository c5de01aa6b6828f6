"""The shape of every page, as DESIGN.md's "Anatomy of a page" says: the answer first, no code
walls, a summary and exercises at the end. The Chinese edition (docs/zh/) has the same shape, in
its own words: each edition's markers are in ``site_tools.reading.SHAPES``, written once.

1. Right under the title, the short answer (``!!! abstract "Short answer"``, ``!!! abstract
   "简答"``): at most 120 words of prose (250 in Chinese, where prose_words counts each Chinese
   character as a word, and each Latin word as one) and at most 15 lines of code (one or two
   Python blocks, run and checked like any other).
2. No Python block shown expanded is longer than 30 lines (a longer one sits in a collapsed
   ``??? example`` block, or shows the named section that teaches).
3. ``## Summary`` (``## 小结 { #summary }``) with 3 to 5 bullets, then ``## Exercises``
   (``## 练习 { #exercises }``): each exercise is a numbered item with a collapsible hint
   (``??? tip "Hint"``, ``??? tip "提示"``); a solution (``??? success "Solution"``, ``??? success
   "参考答案"``, titled so in every exercise that has one) holds code that the harness runs like
   every other block.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_tools.harness import PythonBlock, make_sybil, shown_code
from site_tools.paths import CONFIG, DOCS, ZH_DOCS, pages, rel, zh_pages
from site_tools.reading import (
    SHAPES,
    Shape,
    collapsed,
    prose_words,
    python_code_lines,
    section,
    short_answer,
)

# Pages that are references, not lessons: they answer no single question of their own.
REFERENCE_PAGES = {"index.md", "glossary.md", "beliefs.md"}
# Each edition: its folder, its pages and its shape.
EDITIONS = [(DOCS, pages(), SHAPES["en"]), (ZH_DOCS, zh_pages(), SHAPES["zh"])]
ALL_PAGES = [
    pytest.param(page, shape, id=rel(page)) for _, found, shape in EDITIONS for page in found
]
LESSONS = [
    pytest.param(page, shape, id=rel(page))
    for docs, found, shape in EDITIONS
    for page in found
    if page.relative_to(docs).as_posix() not in REFERENCE_PAGES
]

MAX_CODE_LINES, MAX_EXPANDED_LINES = 15, 30


@pytest.mark.parametrize(("page", "shape"), LESSONS)
def test_the_page_opens_with_its_short_answer(page: Path, shape: Shape):
    body = short_answer(page.read_text(encoding="utf-8"), shape.short_answer)
    assert body is not None, (
        f"{rel(page)}: the first thing under the title must be {shape.short_answer}"
    )
    words, code = prose_words(body), python_code_lines(body)
    assert words <= shape.max_words, (
        f"{rel(page)}: the short answer has {words} {shape.words} (at most {shape.max_words}):"
        " say less, and leave the rest to the page"
    )
    assert code <= MAX_CODE_LINES, (
        f"{rel(page)}: the short answer has {code} lines of code (at most {MAX_CODE_LINES})"
    )


@pytest.mark.parametrize(("page", "shape"), ALL_PAGES)
def test_no_code_wall(page: Path, shape: Shape):
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


@pytest.mark.parametrize(("page", "shape"), LESSONS)
def test_the_page_ends_with_a_summary_and_exercises_with_hints(page: Path, shape: Shape):
    text = page.read_text(encoding="utf-8")
    summary, exercises = section(text, shape.summary), section(text, shape.exercises)
    assert summary is not None, f"{rel(page)}: no `{shape.summary}` line"
    bullets = [line for line in summary if line.startswith(("- ", "* "))]
    assert 3 <= len(bullets) <= 5, f"{rel(page)}: the summary has {len(bullets)} bullets (3 to 5)"
    assert exercises is not None, f"{rel(page)}: no `{shape.exercises}` line"
    assert text.index(shape.summary) < text.index(shape.exercises), (
        f"{rel(page)}: `{shape.summary}` comes before `{shape.exercises}`"
    )
    items = [i for i, line in enumerate(exercises) if re.match(r"\d+\. ", line)]
    assert items, f"{rel(page)}: no numbered exercise"
    for number, (start, end) in enumerate(zip(items, [*items[1:], len(exercises)], strict=True), 1):
        item = exercises[start:end]
        hints = [line for line in item if line.strip().startswith(shape.hint)]
        assert hints, f"{rel(page)}: exercise {number} has no `{shape.hint}`"
        solutions = [i for i, line in enumerate(item) if line.strip().startswith(shape.solution)]
        titled = [line.strip() for line in item if line.strip().startswith("??? success")]
        assert len(titled) == len(solutions), (
            f"{rel(page)}: exercise {number}'s solution must be titled `{shape.solution}`: {titled}"
        )
        for at in solutions:
            assert any("```python" in line for line in item[at:]), (
                f"{rel(page)}: exercise {number}'s solution has no Python block to run"
            )

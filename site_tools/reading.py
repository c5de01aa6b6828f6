"""Reading a page as a reader does: its short answer, its sections, its prose and its code.

Shared by the page-shape test (tests/test_pages.py), the start route's reading time and
tools/page_stats.py, so that all of them count words and lines the same way. Reading speed: prose
at 90 words a minute, code at 10 lines a minute.

``SHAPES`` holds what each edition writes for the parts of a page that the page-shape test looks
for, in its own language: the short answer, the summary, the exercises' hints and solutions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    """How the pages of one edition mark the parts of a lesson, and how long a short answer may
    be in that language."""

    short_answer: str  # the admonition right under the title
    summary: str  # the heading line of the summary, as written
    exercises: str  # and of the exercises, after it
    hint: str  # each exercise's collapsed hint
    solution: str  # a solution's collapsed block, which holds a Python block
    max_words: int  # of the short answer's prose, as prose_words counts them
    words: str  # what prose_words counts in this language, for the test's messages


SHAPES = {
    "en": Shape(
        short_answer='!!! abstract "Short answer"',
        summary="## Summary",
        exercises="## Exercises",
        hint='??? tip "Hint"',
        solution='??? success "Solution"',
        max_words=120,
        words="words",
    ),
    # The headings keep the English ids, so that #summary and #exercises work in both editions.
    # A Chinese character counts as one word (prose_words): about 2 characters for an English
    # word, hence 250.
    "zh": Shape(
        short_answer='!!! abstract "简答"',
        summary="## 小结 { #summary }",
        exercises="## 练习 { #exercises }",
        hint='??? tip "提示"',
        solution='??? success "参考答案"',
        max_words=250,
        words="Chinese characters (each counts as a word) and Latin words",
    ),
}
SHORT_ANSWER = SHAPES["en"].short_answer
WORDS_PER_MINUTE, CODE_LINES_PER_MINUTE = 90, 10
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_WORD = re.compile(r"[A-Za-z0-9_'`.()\[\]-]+|[\u4e00-\u9fff]")
_ADMONITION = re.compile(r"^\s*[!?]{3}\+?\s*[\w-]+(\s+\"[^\"]*\")?")


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def minutes(words: int, code_lines: int) -> float:
    return words / WORDS_PER_MINUTE + code_lines / CODE_LINES_PER_MINUTE


def outside_fences(lines: list[str]) -> Iterator[str]:
    """The lines that are not in a fenced block, nor its fences."""
    fence = None
    for line in lines:
        match = FENCE.match(line)
        if fence is None and match:
            fence = match["fence"]
        elif fence is not None and match and match["fence"] == fence and not match["info"].strip():
            fence = None
        elif fence is None:
            yield line


def prose_words(lines: list[str]) -> int:
    """Words of prose: outside code fences and HTML comments, without admonition keywords, link
    targets and tags. A Chinese character counts as a word."""
    text = re.sub(r"<!--.*?-->", "", "\n".join(lines), flags=re.DOTALL)
    words = 0
    for line in outside_fences(text.split("\n")):
        prose = re.sub(r"\]\([^)]*\)|<[^>]+>", " ", _ADMONITION.sub(" ", line))
        words += len(_WORD.findall(prose))
    return words


def python_code_lines(lines: list[str]) -> int:
    """Non-blank lines inside Python fences, as written (embed lines count as one)."""
    count, fence, python = 0, None, False
    for line in lines:
        match = FENCE.match(line)
        if fence is None and match:
            fence, python = match["fence"], match["info"].strip().startswith(("python", "py"))
        elif fence is not None and match and match["fence"] == fence and not match["info"].strip():
            fence = None
        elif fence is not None:
            count += python and bool(line.strip())
    return count


def short_answer(text: str, marker: str = SHORT_ANSWER) -> list[str] | None:
    """The lines of the short-answer admonition (``marker``, by default the English one), if it is
    the first thing under the title."""
    lines = text.split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("# "))
    first = next(i for i in range(title + 1, len(lines)) if lines[i].strip())
    if lines[first].strip() != marker:
        return None
    body = []
    for line in lines[first + 1 :]:
        if line.strip() and indent_of(line) < 4:
            break
        body.append(line)
    return body


def section(text: str, heading: str) -> list[str] | None:
    """The lines under ``heading`` (``## Summary``), to the next heading of its level or above."""
    lines = text.split("\n")
    if heading not in lines:
        return None
    level = len(heading) - len(heading.lstrip("#"))
    start = lines.index(heading) + 1
    fence = None
    for index in range(start, len(lines)):
        match = FENCE.match(lines[index])
        if fence is None and match:
            fence = match["fence"]
        elif fence is not None and match and match["fence"] == fence and not match["info"].strip():
            fence = None
        elif fence is None and re.match(rf"#{{1,{level}}} ", lines[index]):
            return lines[start:index]
    return lines[start:]


def collapsed(lines: list[str], index: int) -> bool:
    """Whether the line at ``index`` is inside a collapsed (``???``, not ``???+``) block."""
    indent = indent_of(lines[index])
    for line in reversed(lines[:index]):
        if line.strip() and indent_of(line) < indent:
            if line.lstrip().startswith("??? "):
                return True
            indent = indent_of(line)
            if indent == 0:
                return False
    return False

"""Reading a page as a reader does: its short answer, its sections, its prose and its code.

Shared by the page-shape test (tests/test_pages.py), the start route's reading time and
tools/page_stats.py, so that all of them count words and lines the same way. Reading speed: prose
at 90 words a minute, code at 10 lines a minute.
"""

from __future__ import annotations

import re

SHORT_ANSWER = '!!! abstract "Short answer"'
WORDS_PER_MINUTE, CODE_LINES_PER_MINUTE = 90, 10
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_WORD = re.compile(r"[A-Za-z0-9_'`.()\[\]-]+|[\u4e00-\u9fff]")
_ADMONITION = re.compile(r"^\s*[!?]{3}\+?\s*[\w-]+(\s+\"[^\"]*\")?")


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def minutes(words: int, code_lines: int) -> float:
    return words / WORDS_PER_MINUTE + code_lines / CODE_LINES_PER_MINUTE


def prose_words(lines: list[str]) -> int:
    """Words of prose: outside code fences and HTML comments, without admonition keywords, link
    targets and tags. A Chinese character counts as a word."""
    text = re.sub(r"<!--.*?-->", "", "\n".join(lines), flags=re.DOTALL)
    words, fence = 0, None
    for line in text.split("\n"):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match["fence"]
        elif fence is not None and match and match["fence"] == fence and not match["info"].strip():
            fence = None
        elif fence is None:
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


def short_answer(text: str) -> list[str] | None:
    """The lines of the short-answer admonition, if it is the first thing under the title."""
    lines = text.split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("# "))
    first = next(i for i in range(title + 1, len(lines)) if lines[i].strip())
    if lines[first].strip() != SHORT_ANSWER:
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

"""The landing page's start route takes at most an hour, computed from the pages it links to.

The numbered list in the section ``## Start here: one hour`` of ``docs/index.md`` links to the
route's steps, in reading order. What a link makes the reader read:

* ``page.md``: the page's short answer (the ``!!! abstract "Short answer"`` admonition right under
  its title); the route's end point, ``performance/why-slower.md``, is read whole;
* ``page.md#anchor``: that section, from its heading to the next heading of the same or a higher
  level. The anchor is the id that MkDocs gives the heading (the site's own Markdown extensions
  and toc settings make it here).

Reading time: prose words (outside code fences) / 90 per minute, plus lines of Python code (as the
site shows them, embeds expanded; blank lines not counted) / 10 per minute. The test fails when a
link or an anchor does not exist, and when the route takes more than 60 minutes.
``pytest tests/test_start_route.py -s`` prints the figure, step by step.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import markdown
from mkdocs.config import load_config

from site_tools import reading
from site_tools.harness import PYTHON_INFO, PythonBlock, shown_code
from site_tools.paths import CONFIG, DOCS, ROOT

ROUTE_HEADING = "## Start here: one hour"
END = "performance/why-slower.md"  # the one-page summary: the route ends there, and reads it whole
BUDGET_MINUTES = 60

HEADING = re.compile(r"^(?P<level>#{1,6})\s+\S")
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")


@dataclass(frozen=True)
class Stop:
    """One item of the route: what a link makes the reader read."""

    target: str
    words: int
    code_lines: int

    @property
    def minutes(self) -> float:
        return reading.minutes(self.words, self.code_lines)


def outside_fences(lines: list[str]) -> list[bool]:
    """For each line, whether it is outside every code fence (fence lines themselves are not)."""
    result, fence = [], None
    for line in lines:
        match = reading.FENCE.match(line)
        if fence is None and match:
            fence = match["fence"]
            result.append(False)
        elif fence is not None:
            if match and match["fence"] == fence and not match["info"].strip():
                fence = None
            result.append(False)
        else:
            result.append(True)
    return result


def route_links(index_text: str) -> list[str]:
    """The link targets of the route, in order: the numbered list of the route section (links in
    the section's other paragraphs, such as one to the glossary, are not steps)."""
    section = reading.section(index_text, ROUTE_HEADING)
    assert section is not None, f"docs/index.md has no `{ROUTE_HEADING}` section"
    targets, in_list = [], False
    for line in section:
        if re.match(r"\d+\. ", line):
            in_list = True
        elif line.strip() and reading.indent_of(line) == 0:
            in_list = False
        if in_list:
            targets += [match["target"] for match in LINK.finditer(line)]
    return targets


@functools.cache
def _markdown_config() -> tuple[list, dict]:
    config = load_config(str(CONFIG))
    return config["markdown_extensions"], config["mdx_configs"]


def headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, level, id) of each heading of a page, with the ids that the site gives them.

    The heading lines alone, in order, are rendered with the site's Markdown extensions: the toc
    extension gives the same ids (duplicates numbered in the same order) as on the built page.
    """
    found = [
        (i, len(match["level"]))
        for i, (line, outside) in enumerate(zip(lines, outside_fences(lines), strict=True))
        if outside and (match := HEADING.match(line))
    ]
    extensions, configs = _markdown_config()
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    md.convert("\n\n".join(lines[i] for i, _ in found))
    ids: list[str] = []

    def walk(tokens: list[dict]) -> None:
        for token in tokens:
            ids.append(token["id"])
            walk(token["children"])

    walk(md.toc_tokens)
    assert len(ids) == len(found), "the toc extension did not make one id per heading"
    return [(i, level, id_) for (i, level), id_ in zip(found, ids, strict=True)]


def section(text: str, anchor: str) -> list[str] | None:
    """The heading with this id and its lines, to the next heading of its level or above."""
    lines = text.split("\n")
    page_headings = headings(lines)
    for position, (start, level, id_) in enumerate(page_headings):
        if id_ == anchor:
            after = [i for i, other, _ in page_headings[position + 1 :] if other <= level]
            return lines[start : after[0] if after else len(lines)]
    return None


def python_code_lines(lines: list[str]) -> int:
    """Non-blank lines of the Python blocks, as the site shows them (embeds expanded)."""
    total, body, fence, indent = 0, None, None, 0
    for line in lines:
        match = reading.FENCE.match(line)
        if fence is None and match:
            fence, indent = match["fence"], len(match["indent"])
            body = [] if PYTHON_INFO.match(match["info"].strip()) else None
        elif fence is not None and match and match["fence"] == fence and not match["info"].strip():
            if body is not None:
                block = PythonBlock(
                    source="\n".join(body), first_line=0, expected=None, output_line=None
                )
                total += sum(1 for code in shown_code(block, CONFIG).split("\n") if code.strip())
            fence, body = None, None
        elif body is not None:
            body.append(line[indent:])
    return total


def stop(target: str) -> Stop:
    """What one link of the route makes the reader read. Fails for a missing page or anchor."""
    page_name, _, anchor = target.partition("#")
    page = DOCS / page_name
    assert page_name.endswith(".md") and page.is_file(), (
        f"the route links to {target}: no such page"
    )
    text = page.read_text(encoding="utf-8")
    if anchor:
        read = section(text, anchor)
        assert read is not None, (
            f"the route links to {target}: {page_name} has no heading #{anchor}"
        )
    elif page_name == END:
        read = text.split("\n")
    else:
        read = reading.short_answer(text)
        assert read is not None, (
            f"the route links to {target}, which has no short answer ({reading.SHORT_ANSWER} right "
            "under its title): link a section of it instead"
        )
    return Stop(target, reading.prose_words(read), python_code_lines(read))


def route() -> list[Stop]:
    return [stop(target) for target in route_links((DOCS / "index.md").read_text(encoding="utf-8"))]


def report(stops: list[Stop]) -> str:
    rows = [
        f"{s.minutes:5.1f} min  {s.words:5} words  {s.code_lines:3} code lines  {s.target}"
        for s in stops
    ]
    total = sum(s.minutes for s in stops)
    words, code = sum(s.words for s in stops), sum(s.code_lines for s in stops)
    rows.append(
        f"{total:5.1f} min  {words:5} words  {code:3} code lines  the start route "
        f"({reading.WORDS_PER_MINUTE} words and {reading.CODE_LINES_PER_MINUTE} code "
        "lines a minute)"
    )
    return "\n".join(rows)


def test_the_route_ends_on_the_one_page_summary():
    targets = route_links((DOCS / "index.md").read_text(encoding="utf-8"))
    assert targets, f"`{ROUTE_HEADING}` links to no page"
    assert targets[-1] == END, f"the start route must end on {END}, not on {targets[-1]}"


def test_the_start_route_takes_at_most_an_hour():
    stops = route()
    figure = report(stops)
    print(figure)
    total = sum(s.minutes for s in stops)
    assert total <= BUDGET_MINUTES, (
        f"the start route takes {total:.1f} minutes (at most {BUDGET_MINUTES}):\n{figure}"
    )


def test_sections_are_found_by_their_ids_and_code_is_counted_expanded():
    """On a made-up page: a short answer with an embed, and sections found by the site's ids."""
    page = "\n".join(
        [
            "# Title",
            "",
            reading.SHORT_ANSWER,
            "    Call the model: `model(x)` runs `forward`.",
            "",
            '    ```python title="snippets/modules/callable_counter.py"',
            '    --8<-- "snippets/modules/callable_counter.py"',
            "    ```",
            "",
            "## `model(x)`, again",
            "",
            "```python",
            "# not a heading",
            "```",
            "",
            "### Inside",
            "",
            "## `model(x)`, again",
            "",
            "Three more words.",
        ]
    )
    embedded = (ROOT / "snippets/modules/callable_counter.py").read_text(encoding="utf-8")
    answer = reading.short_answer(page)
    assert answer is not None
    assert python_code_lines(answer) == sum(1 for line in embedded.split("\n") if line.strip())
    first = section(page, "modelx-again")
    assert first is not None and first[0] == "## `model(x)`, again" and len(first) == 8
    assert python_code_lines(first) == 1
    assert section(page, "inside") == ["### Inside", ""]
    second = section(page, "modelx-again_1")
    assert second is not None and reading.prose_words(second) == 2 + 3
    assert section(page, "missing") is None


def test_the_steps_are_the_links_of_the_numbered_list():
    index = "\n".join(
        [
            "# Home",
            ROUTE_HEADING,
            "Read [the intro](a.md) first? No: this is not a step.",
            "",
            "1. **A question?** [One](one.md), then",
            "   [two](two.md#part).",
            "2. [Three](three.md).",
            "",
            "See the [Glossary](glossary.md). ![a picture](p.png)",
            "",
            "## The parts",
            "[Elsewhere](elsewhere.md)",
        ]
    )
    assert route_links(index) == ["one.md", "two.md#part", "three.md"]

"""The Sybil harness: every Python block on a page is a test, and its Output block is checked.

What a page may contain, and what the harness does with it:

* A fence whose info string starts with ``python`` (or ``py``, ``python3``;
  ``python title="snippets/x.py" hl_lines="2"`` and the like) is a Python block, wherever it
  stands: at the top level or indented in a content tab.
* Its body is inline code, ``--8<--`` lines that embed a snippet file, or both. An embed is expanded
  by pymdownx.snippets' own preprocessor, configured from ``mkdocs.yml``, so the test runs exactly
  what the site shows. Code from a snippet is compiled under the snippet's path with its real line
  numbers, so a traceback points at the line in ``snippets/...``, not at the page.
* A fence ``text title="Output"`` right below a Python block holds what the block prints. The
  harness compares it with the block's stdout; ``...`` matches anything (doctest's ELLIPSIS).
  A block that prints without showing an Output block, and an Output block under no Python block,
  are errors too: the reader must see exactly what the code prints.
* A block must not end with an expression that has a value (``model.train()``): a notebook shows
  that value under the cell and a plain Python does not, so the readers would see different things.
* All blocks of a page run in order in one ``__main__`` namespace, in a Python of the page's own
  that starts in an empty folder outside the repository (``page_process``): what a reader gets who
  pastes the blocks into a new Python. A page cannot lean on another page, or on a file of this
  repository that it does not show.
* In an Output block, ``{{value}}`` is an example value: what one machine printed, shown to the
  reader without the braces and matched like ``...`` (see ``outputs.py``).
* ``<!-- skip: next if(<condition>, reason="...") -->`` right above a block skips it, with the
  reason, when the condition (evaluated in the page's namespace) is true.
* With ``--update-outputs`` an Output block that does not match is rewritten from what the code
  printed (see ``outputs.py``).
"""

from __future__ import annotations

import difflib
import functools
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import SkipTest

import markdown
from mkdocs.config import load_config
from pymdownx.snippets import SnippetMissingError, SnippetPreprocessor
from sybil import Document, Example, Region, Sybil
from sybil.evaluators.skip import If
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer, RawFencedCodeBlockLexer

from site_tools.outputs import OUTPUT_INFO, OutputUpdated, matches, normalise, updated_output
from site_tools.page_process import Displayed, Failure, PageProcess, Segment

PYTHON_INFO = re.compile(r"(?:python3?|py)(?:\s|$)")
EMBED_LINE = re.compile(r"^\s*-+8<-+\s+(?P<q>[\"'])(?P<target>.+?)(?P=q)\s*$")

_FENCES = RawFencedCodeBlockLexer(info_pattern=re.compile(r"(?P<info>[^\n]*)$\n", re.MULTILINE))
_SKIPS = DirectiveInHTMLCommentLexer(directive="skip")


class HarnessError(Exception):
    """A page breaks one of the harness's rules (a missing snippet, a stray Output block...)."""


@dataclass(frozen=True)
class PythonBlock:
    """One Python block of a page, with the Output block shown under it, if any."""

    source: str
    first_line: int  # line of the page on which the block's body starts
    expected: str | None  # body of the Output block, None when there is none
    output_line: int | None
    skip: str | None = None  # arguments of a `skip: next` directive right above the block
    output_span: tuple[int, int] = (0, 0)  # the Output block's body in the page's text; or, with
    # no Output block, an empty span where one would be inserted (for --update-outputs)
    indent: str = ""  # of the fence: a block in a content tab is indented


# --------------------------------------------------------------------------------------------------
# Expanding --8<-- lines exactly as the site does


class SnippetExpander:
    """pymdownx.snippets' preprocessor, configured from a ``mkdocs.yml``, plus line mapping."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = Path(config_file).resolve()
        config = load_config(str(self.config_file))
        options = dict(config["mdx_configs"].get("pymdownx.snippets", {}))
        # Files appended to every page (the glossary's abbreviations) are not part of any code.
        options.pop("auto_append", None)
        md = markdown.Markdown(
            extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options}
        )
        self._preprocessor: SnippetPreprocessor = md.preprocessors["snippet"]

    def expand(self, embed_line: str) -> list[str]:
        """The lines that ``embed_line`` becomes on the site."""
        try:
            return self._preprocessor.run([embed_line.strip()])
        except SnippetMissingError as error:
            raise HarnessError(f"{embed_line.strip()}: {error}") from None

    def source_file(self, target: str) -> Path | None:
        """The file an embed target (``path``, ``path:section`` or ``path:1:9``) reads from."""
        parsed = self._preprocessor.parse_snippet_target(target)
        if parsed is None:
            return None
        self._preprocessor.bases = None
        found = self._preprocessor.get_snippet_path(parsed["path"])
        return Path(found).resolve() if found else None

    def segment(self, embed_line: str) -> Segment:
        """What an embed line expands to, to compile under the snippet's path and line numbers."""
        match = EMBED_LINE.match(embed_line)
        assert match is not None, embed_line
        lines = self.expand(embed_line)
        path = self.source_file(match["target"])
        if path is None:  # only reachable with check_paths off
            raise HarnessError(f"{embed_line.strip()}: the snippet could not be found")
        line_map = map_lines(lines, path.read_text(encoding="utf-8").split("\n"))
        return Segment("\n".join(lines) + "\n", str(path), tuple(line_map))


@functools.cache
def expander_for(config_file: Path) -> SnippetExpander:
    return SnippetExpander(config_file)


def map_lines(expanded: list[str], source: list[str]) -> list[int]:
    """For each expanded line, its 1-based line number in ``source``.

    A section or a line range is a subsequence of the file (section markers dropped), so a
    forward scan finds each line; it wraps around for ranges given out of order.
    """
    result: list[int] = []
    position = 0
    for line in expanded:
        found = None
        for index in (*range(position, len(source)), *range(0, position)):
            if source[index] == line:
                found = index
                break
        if found is None:  # not from this file (a nested embed): keep the previous number
            result.append(result[-1] if result else 1)
            continue
        result.append(found + 1)
        position = found + 1
    return result


def segments(block: PythonBlock, page: str, config_file: Path) -> Iterator[Segment]:
    """A block split into inline code and embeds, each to be compiled under its own file name."""
    expander = expander_for(config_file)
    inline: list[str] = []
    inline_start = 0

    def flush() -> Iterator[Segment]:
        if any(line.strip() for line in inline):
            first = block.first_line + inline_start
            yield Segment("\n".join(inline) + "\n", page, tuple(range(first, first + len(inline))))

    for number, line in enumerate(block.source.split("\n")):
        if EMBED_LINE.match(line):
            yield from flush()
            inline = []
            yield expander.segment(line)
        else:
            if not inline:
                inline_start = number
            inline.append(line)
    yield from flush()


def shown_code(block: PythonBlock, config_file: Path) -> str:
    """The code of a block as the site shows it and a reader copies it: embeds expanded."""
    expander = expander_for(Path(config_file))
    lines: list[str] = []
    for line in block.source.split("\n"):
        lines.extend(expander.expand(line) if EMBED_LINE.match(line) else [line])
    return "\n".join(lines).strip("\n")


# --------------------------------------------------------------------------------------------------
# A page: a Sybil document with a Python of its own


class Page(Document):
    """A Markdown page. Its blocks run in one Python of their own, started at the first block and
    ended after the last (``page_process.PageProcess``); Output blocks rewritten by
    ``--update-outputs`` are written back to the file then."""

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self._process: PageProcess | None = None
        self.rewrites: list[tuple[tuple[int, int], str]] = []  # (span of the page's text, new text)

    @property
    def process(self) -> PageProcess:
        if self._process is None:
            self._process = PageProcess()
        return self._process

    def evaluate(self, example: Example, evaluator) -> None:
        __tracebackhide__ = True
        try:
            super().evaluate(example, evaluator)
        finally:
            if example.region is self.regions[-1][1]:
                self.close()

    def close(self) -> None:
        if self._process is not None:
            self._process.close()
            self._process = None
        if self.rewrites:
            text = Path(self.path).read_text(encoding="utf-8")
            if text != self.text:
                raise HarnessError(
                    f"{self.path} changed while its tests ran: Output blocks not updated"
                )
            for (start, end), new in sorted(self.rewrites, reverse=True):
                text = text[:start] + new + text[end:]
            Path(self.path).write_text(text, encoding="utf-8")
            self.rewrites.clear()


# --------------------------------------------------------------------------------------------------
# Parsing a page


class PageParser:
    """A Sybil parser yielding one example per Python block, and an error for each stray Output
    block or skip directive that stands above no Python block."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = Path(config_file)

    def __call__(self, document: Document) -> Iterable[Region]:
        fences = sorted(_FENCES(document), key=lambda region: region.start)
        skips = {directive.end: directive for directive in _SKIPS(document)}
        paired_outputs: set[int] = set()
        for index, fence in enumerate(fences):
            if not PYTHON_INFO.match(fence.lexemes["info"].strip()):
                continue
            follower = fences[index + 1] if index + 1 < len(fences) else None
            output = None
            if (
                follower is not None
                and OUTPUT_INFO.match(follower.lexemes["info"].strip())
                and not document.text[fence.end : follower.start].strip()
            ):
                output = follower
                paired_outputs.add(follower.start)
            directive = _directive_above(document, fence.start, skips)
            yield Region(
                fence.start,
                fence.end if output is None else output.end,
                _block(document, fence, output, directive),
                self.evaluate,
            )
        for fence in fences:
            if (
                OUTPUT_INFO.match(fence.lexemes["info"].strip())
                and fence.start not in paired_outputs
            ):
                yield Region(
                    fence.start,
                    fence.end,
                    "this Output block follows no Python block, so "
                    "nothing checks it. Put it right below the block whose output it shows.",
                    self.misplaced,
                )
        for directive in skips.values():
            yield Region(
                directive.start,
                directive.end,
                "this skip directive stands above no Python "
                "block: put it right above the block it skips.",
                self.misplaced,
            )

    def evaluate(self, example: Example) -> str | None:
        __tracebackhide__ = True
        block: PythonBlock = example.parsed
        page: Page = example.document
        if block.skip is not None:
            reason = _skip_reason(page, block)
            if isinstance(reason, str):  # the condition raised, or there is no reason to show
                return f"{example.path}:{block.first_line - 2}: {reason}"
            if reason:
                raise SkipTest(reason.reason)
        try:
            code = list(segments(block, example.path, self.config_file))
        except HarnessError as error:
            return f"{example.path}:{block.first_line}: {error}"
        result = page.process.run(code)
        if isinstance(result, Failure):
            return failure_message(block, result, example.path)
        if isinstance(result, Displayed):
            return (
                f"{example.path}:{block.first_line}: the block ends with an expression whose value "
                f"(a {result.value_type}) Jupyter shows under the cell, and a plain Python does "
                "not: assign it or print it, so that every reader sees what the Output block shows."
            )
        message = check_output(block, result, example.path)
        if message and example.namespace.get("update_outputs"):
            page.rewrites.append((block.output_span, updated_output(block, result)))
            warnings.warn(
                OutputUpdated(
                    f"{example.path}:{block.first_line}: Output block rewritten "
                    "from what the code printed"
                ),
                stacklevel=1,
            )
            return None
        return message

    @staticmethod
    def misplaced(example: Example) -> str:
        return f"{example.path}:{example.line}: {example.parsed}"


@dataclass(frozen=True)
class _Skip:
    reason: str


def _skip_reason(page: Page, block: PythonBlock) -> _Skip | str | None:
    """Why a block is skipped (None: it runs), or a message saying what is wrong with the directive.
    The condition is evaluated in the page's own Python, where the earlier blocks ran, as Sybil's
    own skip directive evaluates it in the document's namespace."""
    arguments = block.skip.strip()
    if not arguments.startswith("next"):
        return "only `skip: next` is used on this site: put one right above each block to skip"
    condition = arguments.removeprefix("next").strip()
    if not condition:
        return 'say why the block is skipped: `skip: next if(<condition>, reason="...")`'
    extra = {}
    if condition.startswith("if"):
        extra["if_"] = If(condition[2:])
        condition = "if_" + condition[2:]
    value = page.process.evaluate(condition, extra)
    if isinstance(value, Failure):
        return f"the skip directive's condition raised:\n{value.traceback}"
    return _Skip(str(value)) if value else None


def _directive_above(document: Document, start: int, skips: dict[int, Region]) -> str | None:
    """The arguments of the skip directive that stands right above the fence at ``start``."""
    line_start = document.text.rfind("\n", 0, start) + 1
    for end, directive in list(skips.items()):
        comment_end = document.text.find("-->", end) + len("-->")
        if end <= line_start and not document.text[comment_end:line_start].strip():
            del skips[end]
            return str(directive.lexemes["arguments"] or "")
    return None


def _block(
    document: Document, fence: Region, output: Region | None, skip: str | None
) -> PythonBlock:
    line = document.text.count("\n", 0, fence.start) + 1  # the opening fence's line
    fence_text = document.text[fence.start : fence.end]
    indent = fence_text[: len(fence_text) - len(fence_text.lstrip(" \t"))]
    if output is None:
        span = (fence.end, fence.end)
        return PythonBlock(str(fence.lexemes["source"]), line + 1, None, None, skip, span, indent)
    body = output.lexemes["source"]
    body_start = output.start + body.offset
    output_line = line + document.text.count("\n", fence.start, body_start)
    span = (
        body_start,
        document.text.rfind("\n", 0, output.end) + 1,
    )  # up to the closing fence's line
    return PythonBlock(
        str(fence.lexemes["source"]), line + 1, str(body), output_line, skip, span, indent
    )


# --------------------------------------------------------------------------------------------------
# Checking what a block printed


def check_output(block: PythonBlock, printed: str, page: str) -> str | None:
    """None when the printed text matches the Output block, else a message with a diff."""
    if block.expected is None:
        if not printed:
            return None
        return (
            f"{page}:{block.first_line}: the block printed output, but the page shows no Output "
            "block "
            f"under it. Add one, so the reader sees what the code prints:\n"
            f'```text title="Output"\n{printed}```'
        )
    want, got = normalise(block.expected), normalise(printed)
    if matches(want, got):
        return None
    diff = difflib.unified_diff(
        want.splitlines(keepends=True),
        got.splitlines(keepends=True),
        fromfile=f"Output block ({page}:{block.output_line})",
        tofile="what the code printed",
    )
    return (
        f"{page}:{block.output_line}: the Output block does not match what the code printed "
        "('...' and {{example values}} match anything):\n" + "".join(diff)
    )


def failure_message(block: PythonBlock, failure: Failure, page: str) -> str:
    printed = f"What the block printed first:\n{failure.printed}\n" if failure.printed else ""
    raised = f"{page}:{block.first_line}: the block raised {failure.exception}."
    return f"{raised}\n{printed}{failure.traceback}"


# --------------------------------------------------------------------------------------------------
# Wiring


def make_sybil(config_file: Path, path: str | Path, patterns: tuple[str, ...] = ("*.md",)) -> Sybil:
    """A Sybil that tests every page under ``path`` against the site defined by ``config_file``."""
    return Sybil(
        parsers=[PageParser(config_file)],
        path=str(path),
        patterns=list(patterns),
        # The Chinese edition shows the same blocks; tests/test_translations.py proves it, so
        # they are not run twice.
        excludes=["zh/*", "zh/*/*", "zh/*/*/*"],
        document_types={".md": Page},
        fixtures=["update_outputs"],
    )

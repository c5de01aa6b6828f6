"""The Sybil harness: every Python block on a page is a test, and the Output block under it is checked.

What a page may contain, and what the harness does with it:

* A fence whose info string starts with ``python`` (or ``py``, ``python3``; ``python title="snippets/x.py" hl_lines="2"``
  and the like) is a Python block, wherever it stands: at the top level or indented in a content tab.
* Its body is inline code, ``--8<--`` lines that embed a snippet file, or both. An embed is expanded
  by pymdownx.snippets' own preprocessor, configured from ``mkdocs.yml``, so the test runs exactly
  what the site shows. Code from a snippet is compiled under the snippet's path with its real line
  numbers, so a traceback points at the line in ``snippets/...``, not at the page.
* A fence ``text title="Output"`` right below a Python block holds what the block prints. The
  harness compares it with the block's stdout; ``...`` matches anything (doctest's ELLIPSIS).
  A block that prints without showing an Output block, and an Output block under no Python block,
  are errors too: the reader must see exactly what the code prints.
* All blocks of a page run in order in one module namespace named ``__main__``, as if a reader had
  pasted them into one Python session.
* Sybil's own ``<!-- skip: next if(..., reason="...") -->`` directive skips a block with a reason.
"""

from __future__ import annotations

import ast
import difflib
import doctest
import functools
import io
import re
import sys
import types
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
from mkdocs.config import load_config
from pymdownx.snippets import SnippetMissingError, SnippetPreprocessor
from sybil import Document, Example, Region, Sybil
from sybil.parsers.markdown import SkipParser
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

PYTHON_INFO = re.compile(r"(?:python3?|py)(?:\s|$)")
OUTPUT_INFO = re.compile(r"text\b.*\btitle=(?P<q>[\"'])Output(?P=q)")
EMBED_LINE = re.compile(r"^\s*-+8<-+\s+(?P<q>[\"'])(?P<target>.+?)(?P=q)\s*$")

_FENCES = RawFencedCodeBlockLexer(info_pattern=re.compile(r"(?P<info>[^\n]*)$\n", re.MULTILINE))
_CHECKER = doctest.OutputChecker()


class HarnessError(Exception):
    """A page breaks one of the harness's rules (a missing snippet, a stray Output block...)."""


@dataclass(frozen=True)
class PythonBlock:
    """One Python block of a page, with the Output block shown under it, if any."""

    source: str
    first_line: int  # line of the page on which the block's body starts
    expected: str | None  # body of the Output block, None when there is none
    output_line: int | None


@dataclass(frozen=True)
class Segment:
    """A piece of a block compiled under one file name: inline page code, or one embedded snippet."""

    code: types.CodeType
    origin: str


# --------------------------------------------------------------------------------------------------
# Expanding --8<-- lines exactly as the site does


class SnippetExpander:
    """pymdownx.snippets' preprocessor, configured from a ``mkdocs.yml``, plus line-number mapping."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = Path(config_file).resolve()
        config = load_config(str(self.config_file))
        options = dict(config["mdx_configs"].get("pymdownx.snippets", {}))
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

    def compile_embed(self, embed_line: str) -> Segment:
        """Compile what an embed line expands to, under the snippet's path and real line numbers."""
        match = EMBED_LINE.match(embed_line)
        assert match is not None, embed_line
        lines = self.expand(embed_line)
        path = self.source_file(match["target"])
        if path is None:  # only reachable with check_paths off
            raise HarnessError(f"{embed_line.strip()}: the snippet could not be found")
        line_map = map_lines(lines, path.read_text(encoding="utf-8").split("\n"))
        return Segment(compile_mapped("\n".join(lines) + "\n", str(path), line_map), str(path))


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


def compile_mapped(text: str, filename: str, line_map: list[int]) -> types.CodeType:
    """Compile ``text`` as if each of its lines stood at ``line_map[i]`` in ``filename``."""

    def real(number: int) -> int:
        return line_map[min(number, len(line_map)) - 1] if line_map else number

    try:
        tree = ast.parse(text, filename)
    except SyntaxError as error:
        if error.lineno:
            error.lineno = real(error.lineno)
        if getattr(error, "end_lineno", None):
            error.end_lineno = real(error.end_lineno)
        raise
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) is not None:
            node.lineno = real(node.lineno)
        if getattr(node, "end_lineno", None) is not None:
            node.end_lineno = max(real(node.end_lineno), node.lineno)
    return compile(tree, filename, "exec", dont_inherit=True)


# --------------------------------------------------------------------------------------------------
# Parsing a page


def _line_of(document: Document, position: int) -> int:
    return document.text.count("\n", 0, position) + 1


def _body_line(document: Document, region: Region) -> int:
    """Page line on which a fenced block's body starts (the line after the opening fence)."""
    return _line_of(document, region.start) + 1


class PageParser:
    """A Sybil parser yielding one example per Python block, and one error per stray Output block."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = Path(config_file)
        self._modules: dict[int, types.ModuleType] = {}  # id(page namespace) -> its module

    def __call__(self, document: Document) -> Iterable[Region]:
        # One real module per page: __name__ is "__main__", and classes defined on the page can be
        # pickled by reference while a block runs, as they can in a reader's own session.
        module = types.ModuleType("__main__")
        module.__dict__.update(document.namespace)
        document.namespace = module.__dict__
        self._modules[id(module.__dict__)] = module
        fences = sorted(_FENCES(document), key=lambda region: region.start)
        paired_outputs: set[int] = set()
        for index, fence in enumerate(fences):
            info = fence.lexemes["info"].strip()
            if not PYTHON_INFO.match(info):
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
            block = PythonBlock(
                source=str(fence.lexemes["source"]),
                first_line=_body_line(document, fence),
                expected=None if output is None else str(output.lexemes["source"]),
                output_line=None if output is None else _body_line(document, output),
            )
            end = fence.end if output is None else output.end
            yield Region(fence.start, end, block, self.evaluate)
        for fence in fences:
            if OUTPUT_INFO.match(fence.lexemes["info"].strip()) and fence.start not in paired_outputs:
                line = _line_of(document, fence.start)
                yield Region(fence.start, fence.end, line, self.stray_output)

    # -- evaluation --------------------------------------------------------------------------------

    def segments(self, block: PythonBlock, page: str) -> Iterator[Segment]:
        """Split a block into inline code and embeds, each compiled under its own file name."""
        expander = expander_for(self.config_file)
        lines = block.source.split("\n")
        inline: list[str] = []
        inline_start = 0

        def flush() -> Iterator[Segment]:
            if any(line.strip() for line in inline):
                first = block.first_line + inline_start
                line_map = list(range(first, first + len(inline)))
                yield Segment(compile_mapped("\n".join(inline) + "\n", page, line_map), page)

        for number, line in enumerate(lines):
            if EMBED_LINE.match(line):
                yield from flush()
                inline = []
                yield expander.compile_embed(line)
            else:
                if not inline:
                    inline_start = number
                inline.append(line)
        yield from flush()

    def evaluate(self, example: Example) -> str | None:
        __tracebackhide__ = True
        block: PythonBlock = example.parsed
        page = example.path
        printed = io.StringIO()
        try:
            segments = list(self.segments(block, page))
            module = self._modules[id(example.namespace)]
            with _as_main_module(module), redirect_stdout(printed):
                for segment in segments:
                    exec(segment.code, example.namespace)
        except HarnessError as error:
            return f"{page}:{block.first_line}: {error}"
        except BaseException as error:
            if printed.getvalue():
                error.add_note(f"What the block printed before the error:\n{printed.getvalue()}")
            raise
        return check_output(block, printed.getvalue(), page)

    @staticmethod
    def stray_output(example: Example) -> str:
        return (
            f"{example.path}:{example.parsed}: this Output block follows no Python block, "
            "so nothing checks it. Put it right below the block whose output it shows."
        )


@contextmanager
def _as_main_module(module: types.ModuleType) -> Iterator[None]:
    """Make the page's module ``sys.modules['__main__']`` while its code runs."""
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = module
    try:
        yield
    finally:
        if saved is None:
            del sys.modules["__main__"]
        else:
            sys.modules["__main__"] = saved


def _normalise(text: str) -> str:
    """Trailing spaces and blank lines at either end do not count: editors strip them."""
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    return "\n".join(lines) + "\n" if any(lines) else ""


def check_output(block: PythonBlock, printed: str, page: str) -> str | None:
    """None when the printed text matches the Output block, else a message with a diff."""
    if block.expected is None:
        if not printed:
            return None
        return (
            f"{page}:{block.first_line}: the block printed output, but the page shows no Output block "
            f"under it. Add one, so the reader sees what the code prints:\n"
            f'```text title="Output"\n{printed}```'
        )
    want, got = _normalise(block.expected), _normalise(printed)
    if _CHECKER.check_output(want, got, doctest.ELLIPSIS):
        return None
    diff = difflib.unified_diff(
        want.splitlines(keepends=True),
        got.splitlines(keepends=True),
        fromfile=f"Output block ({page}:{block.output_line})",
        tofile="what the code printed",
    )
    return (
        f"{page}:{block.output_line}: the Output block does not match what the code printed "
        f"('...' matches anything):\n" + "".join(diff)
    )


def shown_code(block: PythonBlock, config_file: Path) -> str:
    """The code of a block as the site shows it and a reader copies it: embeds expanded."""
    expander = expander_for(Path(config_file))
    lines: list[str] = []
    for line in block.source.split("\n"):
        lines.extend(expander.expand(line) if EMBED_LINE.match(line) else [line])
    return "\n".join(lines).strip("\n")


def pasted_page(config_file: Path, page: Path) -> tuple[list[str], int]:
    """The blocks a reader pastes, in order, into one fresh Python to follow ``page``, and how many
    were left out: those under a skip directive (they need a GPU, or show another kind of machine)."""
    document = make_sybil(config_file, page.parent, (page.name,)).parse(page)
    blocks: list[str] = []
    skipped = 0
    after_skip = False
    for example in document.examples():
        if isinstance(example.parsed, PythonBlock):
            if after_skip:
                skipped += 1
            else:
                blocks.append(shown_code(example.parsed, config_file))
            after_skip = False
        elif isinstance(example.parsed, tuple) and example.parsed[0] == "next":  # a skip directive
            after_skip = True
    return blocks, skipped


# --------------------------------------------------------------------------------------------------
# Wiring


def make_sybil(config_file: Path, path: str | Path, patterns: tuple[str, ...] = ("*.md",)) -> Sybil:
    """A Sybil that tests every page under ``path`` against the site defined by ``config_file``."""
    return Sybil(
        parsers=[SkipParser(), PageParser(config_file)],
        path=str(path),
        patterns=list(patterns),
    )

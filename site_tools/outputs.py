"""Output blocks: how they are compared, and how ``--update-outputs`` rewrites one.

``make test PYTEST_ARGS=--update-outputs`` rewrites each Output block that does not match from what
its code really printed, as pydantic's docs harness does with ``--update-examples``:

* a block that matched is never touched, whatever it holds;
* a line with a ``...`` wildcard is kept as it is wherever it still matches the printed line that
  stands in its place, so machine-dependent values stay wildcards;
* a block that prints but has no Output block gets one.

Example values. Where a value depends on the machine (a CPU name, a core count, a time), an Output
block may show what one real machine printed, marked ``{{like this}}``: the test treats the marked
text as ``...`` (it matches anything), and the built page shows it without the braces
(``show_example_values``, called by the MkDocs hooks). The block's title says which machine it was,
e.g. ``title="Output on the site's test machine"``. A bare ``...`` stays for what no example would
make clearer.
"""

from __future__ import annotations

import doctest
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from site_tools.harness import PythonBlock

_CHECKER = doctest.OutputChecker()
OUTPUT_FENCE = '```text title="Output"'
# A fence whose info string is `text` with a title that starts with "Output".
OUTPUT_INFO = re.compile(
    r"text\b.*\btitle=(?P<q>[\"'])(?:Output\b|(?:(?!(?P=q)).)*输出)(?:(?!(?P=q)).)*(?P=q)"
)
EXAMPLE_VALUE = re.compile(r"\{\{(.*?)\}\}")
_OUTPUT_FENCE_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


class OutputUpdated(UserWarning):
    """An Output block was rewritten from what its code printed (``--update-outputs``)."""


def normalise(text: str) -> str:
    """Trailing spaces and blank lines at either end do not count: editors strip them."""
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    return "\n".join(lines) + "\n" if any(lines) else ""


def as_pattern(expected: str) -> str:
    """What an Output block means to the checker: each example value is a ``...`` wildcard."""
    return EXAMPLE_VALUE.sub("...", expected)


def matches(expected: str, printed: str) -> bool:
    return _CHECKER.check_output(as_pattern(expected), printed, doctest.ELLIPSIS)


def line_matches(want: str, got: str) -> bool:
    return matches(want + "\n", got + "\n")


def is_wildcard_line(line: str) -> bool:
    return "..." in line or bool(EXAMPLE_VALUE.search(line))


def show_example_values(markdown: str) -> str:
    """The page as readers see it: in Output blocks, ``{{value}}`` becomes ``value``."""
    lines = markdown.split("\n")
    closing = None  # the fence that closes the Output block we are in, if any
    for index, line in enumerate(lines):
        match = _OUTPUT_FENCE_LINE.match(line)
        if closing is not None:
            if match and match["fence"] == closing and not match["info"].strip():
                closing = None
            else:
                lines[index] = EXAMPLE_VALUE.sub(r"\1", line)
        elif match and OUTPUT_INFO.match(match["info"].strip()):
            closing = match["fence"]
    return "\n".join(lines)


def merged_lines(expected: list[str], printed: list[str]) -> list[str]:
    """The printed lines, except that a wildcard line of the old block that matches the printed
    line it is aligned with stays as it was. Alignment: the longest common subsequence under
    "the old line matches the new one" (exact, or through its wildcards)."""
    rows, cols = len(expected), len(printed)
    longest = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            if line_matches(expected[i], printed[j]):
                longest[i][j] = longest[i + 1][j + 1] + 1
            else:
                longest[i][j] = max(longest[i + 1][j], longest[i][j + 1])
    result, i, j = [], 0, 0
    while j < cols:
        if (
            i < rows
            and line_matches(expected[i], printed[j])
            and longest[i][j] == longest[i + 1][j + 1] + 1
        ):
            result.append(expected[i] if is_wildcard_line(expected[i]) else printed[j])
            i, j = i + 1, j + 1
        elif i < rows and longest[i + 1][j] >= longest[i][j + 1]:
            i += 1
        else:
            result.append(printed[j])
            j += 1
    return result


def updated_output(block: PythonBlock, printed: str) -> str:
    """The text that replaces ``block.output_span`` in the page: the new body of its Output block,
    or a whole new Output block when it had none."""
    printed_lines = normalise(printed).splitlines()
    indent = block.indent

    def indented(lines: list[str]) -> str:
        return "".join(f"{indent}{line}\n" if line else "\n" for line in lines)

    if block.expected is None:
        return f"\n\n{indent}{OUTPUT_FENCE}\n{indented(printed_lines)}{indent}```"
    return indented(merged_lines(normalise(block.expected).splitlines(), printed_lines))

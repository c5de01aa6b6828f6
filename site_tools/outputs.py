"""Output blocks: how they are compared, and how ``--update-outputs`` rewrites one.

``make test PYTEST_ARGS=--update-outputs`` rewrites each Output block that does not match from what
its code really printed, as pydantic's docs harness does with ``--update-examples``:

* a block that matched is never touched, whatever it holds;
* a line with a ``...`` wildcard is kept as it is wherever it still matches the printed line that
  stands in its place, so machine-dependent values stay wildcards;
* a block that prints but has no Output block gets one.
"""

from __future__ import annotations

import doctest
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from site_tools.harness import PythonBlock

_CHECKER = doctest.OutputChecker()
OUTPUT_FENCE = '```text title="Output"'


class OutputUpdated(UserWarning):
    """An Output block was rewritten from what its code printed (``--update-outputs``)."""


def normalise(text: str) -> str:
    """Trailing spaces and blank lines at either end do not count: editors strip them."""
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    return "\n".join(lines) + "\n" if any(lines) else ""


def line_matches(want: str, got: str) -> bool:
    return _CHECKER.check_output(want + "\n", got + "\n", doctest.ELLIPSIS)


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
            result.append(expected[i] if "..." in expected[i] else printed[j])
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

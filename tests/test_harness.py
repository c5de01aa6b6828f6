"""The harness's own tests: each rule of site_tools/harness.py, shown on a fixture page."""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from unittest import SkipTest

import pytest
from sybil.example import SybilFailure

from site_tools.harness import PythonBlock, check_output, make_sybil, map_lines, pasted_page

FIXTURES = Path(__file__).parent / "fixtures" / "harness"
ROOT = Path(__file__).parent.parent


@dataclass
class Outcome:
    line: int
    status: str  # passed, failed, skipped or error
    message: str = ""
    error: BaseException | None = None


def run_page(name: str) -> list[Outcome]:
    """Evaluate every example of a fixture page in order, as pytest would."""
    sybil = make_sybil(FIXTURES / "mkdocs.yml", FIXTURES / "docs")
    document = sybil.parse(FIXTURES / "docs" / name)
    outcomes = []
    for example in document.examples():
        try:
            example.evaluate()
        except SkipTest as skip:
            outcomes.append(Outcome(example.line, "skipped", str(skip)))
        except SybilFailure as failure:
            outcomes.append(Outcome(example.line, "failed", str(failure)))
        except Exception as error:  # noqa: BLE001 - the tests below look at it
            outcomes.append(Outcome(example.line, "error", str(error), error))
        else:
            outcomes.append(Outcome(example.line, "passed"))
    return outcomes


def test_every_rule_that_should_pass_passes():
    outcomes = run_page("passing.md")
    problems = [o for o in outcomes if o.status not in ("passed", "skipped")]
    assert not problems, "\n\n".join(f"line {o.line}: {o.message}" for o in problems)
    # The skip directive itself is an example; the skipped block is reported with its reason.
    skipped = [o for o in outcomes if o.status == "skipped"]
    assert [o.message for o in skipped] == ["needs hardware this machine lacks"]


def test_every_python_fence_is_collected_including_tabs_and_attributes():
    sybil = make_sybil(FIXTURES / "mkdocs.yml", FIXTURES / "docs")
    document = sybil.parse(FIXTURES / "docs" / "passing.md")
    blocks = [e.parsed for e in document.examples() if isinstance(e.parsed, PythonBlock)]
    fences = [line for line in document.text.splitlines() if line.strip().startswith(("```python", "```py"))]
    assert len(blocks) == len(fences) == 13
    tabbed = [b for b in blocks if b.source.startswith("--8<--") and b.expected == "hello from a snippet\n"]
    assert len(tabbed) == 2  # one at the top level, one indented in a content tab


def test_wrong_output_fails_with_a_diff():
    [outcome] = run_page("wrong_output.md")
    assert outcome.status == "failed"
    assert "wrong_output.md:9: the Output block does not match" in outcome.message
    assert "-the real answer is 41" in outcome.message
    assert "+the real answer is 42" in outcome.message
    assert " second line" in outcome.message  # context lines are kept


@pytest.mark.parametrize(
    "page, expected",
    [
        ("missing_snippet.md", "Snippet at path 'snippets/no_such_file.py' could not be found"),
        ("missing_section.md", "Snippet section 'no_such_section' could not be located"),
    ],
)
def test_missing_snippet_fails_with_its_name(page, expected):
    [outcome] = run_page(page)
    assert outcome.status == "failed"
    assert f"{page}:4:" in outcome.message
    assert expected in outcome.message


def _last_frame(error: BaseException) -> traceback.FrameSummary:
    return traceback.extract_tb(error.__traceback__)[-1]


def test_exception_in_a_snippet_points_at_the_snippet_line():
    whole_file, section = run_page("snippet_raises.md")

    assert whole_file.status == "error" and isinstance(whole_file.error, IndexError)
    frames = traceback.extract_tb(whole_file.error.__traceback__)[-2:]
    assert [(Path(f.filename).name, f.lineno, f.line) for f in frames] == [
        ("boom.py", 9, "print(third_item_of(values))"),
        ("boom.py", 6, "return items[3]"),
    ]

    # A section starts at line 7 of its file, and another section's markers were cut out of it:
    # the reported line is still the file's own.
    assert section.status == "error" and isinstance(section.error, ZeroDivisionError)
    frame = _last_frame(section.error)
    assert (Path(frame.filename).name, frame.lineno, frame.line) == (
        "boom_in_section.py",
        9,
        "print(1 / denominator)",
    )


def test_output_block_under_no_python_block_is_an_error():
    [outcome] = run_page("stray_output.md")
    assert outcome.status == "failed"
    assert "stray_output.md:7: this Output block follows no Python block" in outcome.message


def test_printing_without_an_output_block_is_an_error():
    [outcome] = run_page("unshown_output.md")
    assert outcome.status == "failed"
    assert "printed output, but the page shows no Output block" in outcome.message
    assert "the reader never sees this" in outcome.message


def test_pytest_reports_each_failure_readably(tmp_path):
    """Run the failing fixture pages through pytest itself and read what a contributor would see."""
    (tmp_path / "conftest.py").write_text(
        "from pathlib import Path\n"
        "from site_tools.harness import make_sybil\n"
        f"pytest_collect_file = make_sybil(Path({str(FIXTURES / 'mkdocs.yml')!r}), "
        f"Path({str(FIXTURES / 'docs')!r})).pytest()\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(FIXTURES / "docs"),
         "--rootdir", str(tmp_path), "-c", os.devnull, "--confcutdir", str(tmp_path),
         "-p", "conftest"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"},
        timeout=120,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 1, report
    assert "+the real answer is 42" in report
    assert "Snippet at path 'snippets/no_such_file.py' could not be found" in report
    assert "boom.py:6: IndexError" in report
    assert "boom_in_section.py:9: ZeroDivisionError" in report
    # 7 failures: wrong output, 2 missing, 2 raising, 1 stray, 1 unshown; passing.md all pass.
    assert "7 failed" in report and "skipped" in report


@pytest.mark.parametrize(
    "want, got, matches",
    [
        ("a\nb\n", "a\nb\n", True),
        ("a \nb\n\n", "a\nb   \n", True),  # trailing spaces and blank lines do not count
        ("took ... s\n", "took 0.123 s\n", True),
        ("took ... s\n", "took 0.123 ms\n", False),
        ("1\n", "2\n", False),
        ("", "", True),
    ],
)
def test_output_comparison(want, got, matches):
    block = PythonBlock(source="", first_line=1, expected=want, output_line=5)
    assert (check_output(block, got, "page.md") is None) is matches


def test_line_mapping_follows_the_source_file():
    source = ["import os", "", "# marker", "a = 1", "# marker", "b = 2", ""]
    assert map_lines(["a = 1", "b = 2"], source) == [4, 6]
    assert map_lines(["b = 2", "a = 1"], source) == [6, 4]  # ranges given out of order wrap around


def test_pasted_page_is_the_shown_code_without_skipped_blocks(tmp_path):
    blocks, skipped = pasted_page(FIXTURES / "mkdocs.yml", FIXTURES / "docs" / "passing.md")
    # 13 fences; two stand under a skip directive (one whose condition is false): both are left out
    assert (len(blocks), skipped) == (11, 2)
    assert not any("--8<--" in block for block in blocks)  # embeds are expanded, as the site shows
    assert any('print("hello from a snippet")' in block for block in blocks)
    result = subprocess.run([sys.executable, "-"], input="\n\n".join(blocks), cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr

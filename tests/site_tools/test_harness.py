"""The harness's own tests: each rule of site_tools/harness.py, shown on a fixture page."""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from unittest import SkipTest

import pytest
from sybil.example import SybilFailure

from site_tools.harness import Page, PythonBlock, check_output, make_sybil, map_lines
from site_tools.outputs import OutputUpdated, merged_lines, show_example_values

FIXTURES = Path(__file__).parent / "fixtures" / "harness"


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
        except Exception as error:  # the tests below look at it
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
    fences = [
        line
        for line in document.text.splitlines()
        if line.strip().startswith(("```python", "```py"))
    ]
    assert len(blocks) == len(fences) == 14
    tabbed = [
        b
        for b in blocks
        if b.source.startswith("--8<--") and b.expected == "hello from a snippet\n"
    ]
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


def test_exception_in_a_snippet_points_at_the_snippet_line():
    whole_file, section = run_page("snippet_raises.md")

    # Python's own traceback, from the page's Python: the snippet's file and lines, not the page's.
    assert whole_file.status == "failed"
    assert "snippet_raises.md:4: the block raised IndexError." in whole_file.message
    assert whole_file.message.index('boom.py", line 9, in <module>') < whole_file.message.index(
        'boom.py", line 6, in third_item_of'
    )
    assert "    print(third_item_of(values))" in whole_file.message
    assert "IndexError: list index out of range" in whole_file.message
    assert "page_process.py" not in whole_file.message  # the harness's own frames are left out

    # A section starts at line 7 of its file, and another section's markers were cut out of it:
    # the reported line is still the file's own.
    assert section.status == "failed"
    assert 'boom_in_section.py", line 9, in <module>' in section.message
    assert "    print(1 / denominator)" in section.message
    assert "ZeroDivisionError: division by zero" in section.message


def test_output_block_under_no_python_block_is_an_error():
    [outcome] = run_page("stray_output.md")
    assert outcome.status == "failed"
    assert "stray_output.md:7: this Output block follows no Python block" in outcome.message


def test_printing_without_an_output_block_is_an_error():
    [outcome] = run_page("unshown_output.md")
    assert outcome.status == "failed"
    assert "printed output, but the page shows no Output block" in outcome.message
    assert "the reader never sees this" in outcome.message


def test_a_page_stands_alone_in_a_fresh_python():
    """Names of another page, snippet modules and the repository's files are out of a page's reach;
    the site's snippets/ folder is there, as in a reader's clone."""
    run_page("passing.md")  # defines x and more, in a Python of its own
    other_page, snippet_module, files = run_page("stands_alone.md")
    assert (
        other_page.status == "failed"
        and "NameError: name 'name_from_another_page'" in other_page.message
    )
    assert snippet_module.status == "failed"
    assert "ModuleNotFoundError: No module named 'greet'" in snippet_module.message
    assert files.status == "passed", files.message


def test_a_block_may_not_end_with_a_value_that_only_jupyter_shows():
    returns_none, shows_a_list = run_page("displays_a_value.md")
    assert returns_none.status == "passed", returns_none.message
    assert shows_a_list.status == "failed"
    assert "displays_a_value.md:9: the block ends with an expression whose value (a list)" in (
        shows_a_list.message
    )


def test_skip_directives_that_cannot_be_honoured_are_errors():
    no_reason, a_range, raises, above_nothing, *rest = run_page("bad_skips.md")
    assert not rest
    assert no_reason.status == "failed" and "say why the block is skipped" in no_reason.message
    assert (
        a_range.status == "failed" and "only `skip: next` is used on this site" in a_range.message
    )
    assert raises.status == "failed" and "NameError: name 'undefined_name'" in raises.message
    assert above_nothing.status == "failed"
    assert (
        "bad_skips.md:21: this skip directive stands above no Python block" in above_nothing.message
    )


def test_pages_are_documents_of_their_own_type_with_a_python_started_on_demand():
    document = make_sybil(FIXTURES / "mkdocs.yml", FIXTURES / "docs").parse(
        FIXTURES / "docs" / "passing.md"
    )
    assert isinstance(document, Page)
    assert document._process is None  # parsing starts nothing
    examples = list(document.examples())
    examples[0].evaluate()
    assert document._process is not None
    for example in examples[1:]:
        try:
            example.evaluate()
        except SkipTest:
            pass
    assert document._process is None  # ended after the page's last example


def test_update_mode_rewrites_only_what_did_not_match(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "mkdocs.yml").write_text((FIXTURES / "mkdocs.yml").read_text(encoding="utf-8"))
    page = docs / "to_update.md"
    original = (FIXTURES / "docs" / "to_update.md").read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    document = make_sybil(tmp_path / "mkdocs.yml", docs).parse(page)
    document.namespace["update_outputs"] = True  # what Sybil puts there from the pytest option
    with pytest.warns(OutputUpdated) as updates:
        for example in document.examples():
            example.evaluate()
    assert len(updates) == 3
    assert page.read_text(encoding="utf-8") == original.replace(
        "pid ...\nanswer 41\n",
        "pid ...\nanswer 42\nnew line\n",  # the wildcard line is kept
    ).replace(
        "    tabbed 3\n",
        "    tabbed 2\n",  # indented as the tab's block is
    ).replace(
        'print("no Output block yet")\n```\n',
        'print("no Output block yet")\n```\n\n```text title="Output"\nno Output block yet\n```\n',
    )
    assert "this one ...\n" in page.read_text(encoding="utf-8")  # it matched: untouched
    # Run again: everything matches now, and nothing is rewritten.
    document = make_sybil(tmp_path / "mkdocs.yml", docs).parse(page)
    document.namespace["update_outputs"] = True
    with warnings.catch_warnings():
        warnings.simplefilter("error", OutputUpdated)
        for example in document.examples():
            example.evaluate()


def test_example_values_match_anything_and_are_shown_without_braces():
    block = PythonBlock(
        source="", first_line=1, expected="cores: {{2}} ({{AMD EPYC}})\n", output_line=5
    )
    assert check_output(block, "cores: 64 (Apple M3)\n", "page.md") is None
    message = check_output(block, "threads: 64 (Apple M3)\n", "page.md")
    assert message and "-cores: {{2}} ({{AMD EPYC}})" in message  # the rest of the line must match
    page = (
        'Text with {{braces}} stays.\n\n```text title="Output on the site\'s test machine"\n'
        "cores: {{2}}\n```\n\n```python\nprint({{1}})\n```\n"
    )
    shown = show_example_values(page)
    assert "cores: 2\n" in shown  # in an Output block: shown plain
    assert "Text with {{braces}}" in shown and "print({{1}})" in shown  # elsewhere: untouched


@pytest.mark.parametrize(
    "expected, printed, merged",
    [
        (["a", "took ... s", "b"], ["a", "took 3 s", "c"], ["a", "took ... s", "c"]),
        (["took ... s"], ["took 3 ms"], ["took 3 ms"]),  # no longer matches: the printed line
        (["x ..."], ["y", "x 1"], ["y", "x ..."]),  # aligned past an inserted line
        (["a", "b"], [], []),
        (["cpu: {{AMD EPYC}}", "x"], ["cpu: Apple M3", "y"], ["cpu: {{AMD EPYC}}", "y"]),
    ],
)
def test_update_mode_keeps_wildcard_lines_that_still_match(expected, printed, merged):
    assert merged_lines(expected, printed) == merged


def test_pytest_reports_each_failure_readably(pytester: pytest.Pytester):
    """Run the failing fixture pages through pytest itself and read what a contributor would see.
    pytest runs in this process (as pytest's own plugin tests run it): its pages run in this
    worker's warm fork server, as the suite's do, instead of a new one that imports torch again."""
    pytester.makepyfile(
        fixture_pages="from pathlib import Path\n"
        "pytest_plugins = ['site_tools.pytest_plugin']\n"
        "from site_tools.harness import make_sybil\n"
        f"pytest_collect_file = make_sybil(Path({str(FIXTURES / 'mkdocs.yml')!r}), "
        f"Path({str(FIXTURES / 'docs')!r})).pytest()\n"
    )
    pytester.syspathinsert()  # the plugin above, loaded by name
    result = pytester.runpytest_inprocess(
        "-p",
        "no:cacheprovider",
        "-q",
        str(FIXTURES / "docs"),
        "--rootdir",
        str(pytester.path),
        "-c",
        os.devnull,
        "--confcutdir",
        str(pytester.path),
        "-p",
        "fixture_pages",
    )
    report = result.stdout.str() + result.stderr.str()
    assert result.ret == 1, report
    assert "+the real answer is 42" in report
    assert "Snippet at path 'snippets/no_such_file.py' could not be found" in report
    assert 'boom.py", line 6, in third_item_of' in report
    assert 'boom_in_section.py", line 9, in <module>' in report
    # wrong output, 2 missing, 2 raising, 1 stray, 1 unshown, 2 leaning on what a page cannot
    # have, 4 bad skip directives, to_update.md's 3 blocks without --update-outputs, and a block
    # that ends with a value only Jupyter would show.
    assert "17 failed" in report and "skipped" in report


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

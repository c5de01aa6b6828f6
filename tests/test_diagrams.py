"""Diagrams are written as ```mermaid fences in the pages and shown as SVG drawn beforehand
(site_tools/diagrams.py). These checks need no build and no browser."""

from __future__ import annotations

import pytest

from site_tools.diagrams import SCHEMES, diagrams_of, problems, record, recorded_hash
from site_tools.paths import DOCS


def all_diagrams():
    return [
        d
        for md in sorted(DOCS.rglob("*.md"))
        for d in diagrams_of(md.relative_to(DOCS).as_posix(), md.read_text(encoding="utf-8"))
    ]


def test_every_diagram_is_drawn_from_its_current_source():
    """Each fence has its light and dark SVG next to its page, drawn from this very source (the SVG
    records its hash), with a title and a description: change a diagram, then run
    tools/render_diagrams.py."""
    diagrams = all_diagrams()
    assert diagrams, "no page has a diagram"
    found = [problem for diagram in diagrams for problem in problems(diagram, DOCS)]
    assert not found, "\n".join(dict.fromkeys(found))


def test_no_svg_is_left_from_a_diagram_that_is_gone():
    wanted = {DOCS / diagram.svg(scheme) for diagram in all_diagrams() for scheme in SCHEMES}
    orphans = sorted(
        str(path.relative_to(DOCS)) for path in set(DOCS.rglob("diagrams/*.svg")) - wanted
    )
    assert not orphans, f"SVGs no page shows (tools/render_diagrams.py deletes them): {orphans}"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            "```mermaid\nflowchart TD\n    accTitle: T\n    accDescr: D.\n    A --> B\n```\n",
            ("T", "D.", "T. D."),
        ),
        (
            "!!! note\n\n    ```mermaid\n    flowchart TD\n        accTitle: T.\n"
            "        accDescr {\n            one\n            two\n"
            "        }\n        A --> B\n    ```\n",
            ("T.", "one two", "T. one two"),
        ),
    ],
)
def test_fences_are_found_with_their_title_and_description(markdown, expected):
    (diagram,) = diagrams_of("part/page.md", markdown)
    assert (diagram.title, diagram.description, diagram.alt) == expected
    assert diagram.svg("dark") == "part/diagrams/page-1.dark.svg"
    assert markdown[slice(*diagram.span)].strip().endswith("```")


def test_a_changed_source_is_noticed(tmp_path):
    source = "```mermaid\nflowchart TD\n    accTitle: T\n    accDescr: D\n    A --> B\n```\n"
    (diagram,) = diagrams_of("page.md", source)
    for scheme in SCHEMES:
        (tmp_path / "diagrams").mkdir(exist_ok=True)
        (tmp_path / diagram.svg(scheme)).write_text(record("<svg/>\n", diagram))
    assert problems(diagram, tmp_path) == []
    assert recorded_hash((tmp_path / diagram.svg("light")).read_text()) == diagram.source_hash
    (changed,) = diagrams_of("page.md", source.replace("A --> B", "A --> C"))
    assert any("drawn from another source" in problem for problem in problems(changed, tmp_path))

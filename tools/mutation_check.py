"""Prove that the site-wide tests catch what they are meant to catch.

    .venv/bin/python tools/mutation_check.py            # every mutation (about 30 min on 2 cores)
    .venv/bin/python tools/mutation_check.py fonts copy  # only these, by name
    .venv/bin/python tools/mutation_check.py --list      # their names

Each mutation breaks the site in one way (links Google Fonts, draws no diagram, breaks a link...)
in a fresh copy of the repository's tracked files, runs the tests that must notice, and checks that
they fail, and fail for that reason: the failure message must contain a given text. A test that
still passes when its condition is broken proves nothing; this script makes that visible. It is
not part of `make test` (each mutation builds and loads the whole site again).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER = "tests/test_browser.py::"
BUILT = "tests/test_built_site.py::"
DIAGRAMS = "tests/test_diagrams.py::"


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        text = (root / path).read_text(encoding="utf-8")
        if old not in text:
            raise SystemExit(f"mutation is stale: {old!r} is not in {path}")
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def add_file(path: str, text: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")

    return apply


def add_to_list(key: str, item: str) -> Callable[[Path], None]:
    """Add ``item`` at the end of the top-level list ``key`` of mkdocs.yml (so that a style sheet
    comes after the site's own and wins), creating the list if there is none."""

    def apply(root: Path) -> None:
        config = root / "mkdocs.yml"
        lines = config.read_text(encoding="utf-8").split("\n")
        if f"{key}:" in lines:
            end = lines.index(f"{key}:") + 1
            while end < len(lines) and lines[end].startswith("  - "):
                end += 1
            lines.insert(end, f"  - {item}")
        else:
            lines.insert(lines.index("plugins:"), f"{key}:\n  - {item}\n")
        config.write_text("\n".join(lines), encoding="utf-8")

    return apply


def extra(kind: str, path: str, text: str) -> list[Callable[[Path], None]]:
    """A file in docs/ loaded by every page as extra_css or extra_javascript."""
    return [add_file(f"docs/{path}", text), add_to_list(kind, path)]


@dataclass
class Mutation:
    name: str
    what: str
    changes: list[Callable[[Path], None]]
    must_fail: dict[str, tuple[str, ...]]  # test id -> texts its failure message must contain


def noise_js(kilobytes: int) -> str:
    """Incompressible bytes (gzip cannot shrink them much), in a JavaScript comment."""
    import base64

    return "/* " + base64.b64encode(os.urandom(kilobytes * 1024 * 3 // 4)).decode() + " */\n"


MUTATIONS = [
    Mutation(
        "fonts",
        "the theme loads Roboto from Google Fonts (font: false removed)",
        [replace("mkdocs.yml", "  font: false\n", "  font:\n    text: Roboto\n")],
        {
            BROWSER + "test_every_page_requests_only_the_local_server": ("fonts.googleapis.com",),
            BUILT + "test_pages_load_nothing_from_other_hosts": ("fonts.googleapis.com",),
        },
    ),
    Mutation(
        "console",
        "a script logs an error on every page",
        extra("extra_javascript", "js/mutation.js", 'console.error("mutation: broken script");\n'),
        {BROWSER + "test_every_page_loads_without_console_errors": ("mutation: broken script",)},
    ),
    Mutation(
        "phone",
        "a style sheet makes the content 900 px wide",
        extra("extra_css", "css/mutation.css", ".md-main { min-width: 900px; }\n"),
        {BROWSER + "test_every_page_fits_a_phone_screen": ("wider than the screen",)},
    ),
    Mutation(
        "copy",
        "a script appends a prompt to every Python code block",
        extra(
            "extra_javascript",
            "js/mutation.js",
            'document$.subscribe(() => document.querySelectorAll("div.language-python code")'
            '.forEach(code => code.append(">>> ")));\n',
        ),
        {BROWSER + "test_copy_button_copies_exactly_the_code": ("copy something else", ">>>")},
    ),
    Mutation(
        "weight",
        "every page loads 600 KB more",
        extra("extra_javascript", "js/mutation.js", noise_js(600)),
        {BROWSER + "test_page_weights": ("over the budget", "/ transfers")},
    ),
    Mutation(
        "heavy-page",
        "one page (not the landing page) loads a 1 MB script",
        [
            add_file("docs/performance/heavy.js", noise_js(1024)),
            replace(
                "docs/performance/sync-points.md",
                "\n## ",
                '\n<script src="../heavy.js"></script>\n\n## ',
            ),
        ],
        {BROWSER + "test_page_weights": ("over the budget", "/performance/sync-points/ transfers")},
    ),
    Mutation(
        "contrast",
        "links in the light scheme are the old light orange (2.8:1 on white)",
        extra(
            "extra_css",
            "css/mutation.css",
            '[data-md-color-scheme="default"] { --md-typeset-a-color: #ff6e42; }\n',
        ),
        {BROWSER + "test_axe_finds_no_accessibility_problem[light]": ("color-contrast", "#ff6e42")},
    ),
    Mutation(
        "contrast-dark",
        "comments in code are dark grey in the dark scheme only",
        extra(
            "extra_css",
            "css/mutation.css",
            '[data-md-color-scheme="slate"] { --md-code-hl-comment-color: #555a66; }\n',
        ),
        {BROWSER + "test_axe_finds_no_accessibility_problem[dark]": ("color-contrast", "#555a66")},
    ),
    Mutation(
        "theme-aria",
        "the template no longer names the search dialog",
        [
            replace(
                "overrides/main.html",
                "if (search) search.setAttribute(",
                "if (false) search.setAttribute(",
            )
        ],
        {
            BROWSER + "test_axe_finds_no_accessibility_problem[light]": (
                "aria-dialog-name",
                ".md-search",
            )
        },
    ),
    Mutation(
        "wide-line",
        "the landing page shows a code line of 150 characters",
        [
            replace(
                "docs/index.md",
                "\n## ",
                '\n```python\nmutation_wide_line = "' + "x" * 127 + '"\n```\n\n## ',
            )
        ],
        {BROWSER + "test_no_code_block_scrolls_sideways": ("mutation_wide_line", "150 characters")},
    ),
    Mutation(
        "code-columns",
        "code is set larger: fewer than 100 characters fit at 1280 pixels",
        extra(
            "extra_css",
            "css/mutation.css",
            ".md-typeset pre > code { font-size: 1.4em !important; }\n",
        ),
        {BROWSER + "test_code_blocks_have_room_for_100_characters": ("room for fewer than 100",)},
    ),
    Mutation(
        "output-wrap",
        "Output blocks no longer wrap",
        extra(
            "extra_css",
            "css/mutation.css",
            ".md-typeset pre > code { white-space: pre !important; }\n",
        ),
        {BROWSER + "test_output_blocks_wrap_on_a_phone": ("Output blocks scroll sideways",)},
    ),
    Mutation(
        "alt",
        "a figure's alt text names it instead of saying what it shows",
        [
            replace(
                "docs/training/iris.md",
                "![Training loss of the Iris MLP over 2000 epochs: it falls fast from 1.12 "
                "during the first 250 epochs, then slowly, to 0.06 at epoch 2000.]",
                "![Loss curve]",
            )
        ],
        {
            BUILT + "test_every_image_has_a_text_alternative_and_a_size": (
                "iris_loss_curve.png",
                "'Loss curve'",
            )
        },
    ),
    Mutation(
        "search",
        "the search plugin is removed",
        [replace("mkdocs.yml", "plugins:\n  - search\n", "plugins:\n")],
        {BROWSER + "test_search_finds_a_deep_page_and_opens_it": ("has no search index",)},
    ),
    Mutation(
        "search-box",
        "a style sheet hides the search box (the index is still built)",
        extra("extra_css", "css/mutation.css", ".md-search { display: none !important; }\n"),
        {BROWSER + "test_search_finds_a_deep_page_and_opens_it": ("md-search__input",)},
    ),
    Mutation(
        "diagrams",
        "mermaid fences are no longer turned into pre-drawn images",
        [replace("mkdocs.yml", "  - site_tools/diagrams.py\n", "")],
        {
            BROWSER + "test_diagrams_are_shown_in_each_colour_scheme": (
                "no page of the site shows a diagram",
            ),
            BUILT + "test_diagrams_are_pre_drawn_svg_with_a_title_and_a_description": (
                "is not shown",
            ),
        },
    ),
    Mutation(
        "diagram-stale",
        "a diagram's source changes and its SVGs are not drawn again",
        [
            replace(
                "docs/training/moving-models.md",
                '"4. train<br/>as usual"',
                '"4. train<br/>as always"',
            )
        ],
        {
            DIAGRAMS + "test_every_diagram_is_drawn_from_its_current_source": (
                "moving-models-1.light.svg was drawn from another source",
                "tools/render_diagrams.py",
            )
        },
    ),
    Mutation(
        "toggle",
        "the light/dark toggle buttons are removed from both palettes",
        [
            replace(
                "mkdocs.yml",
                "      toggle:\n        icon: material/weather-night\n"
                "        name: Switch to dark mode\n",
                "",
            ),
            replace(
                "mkdocs.yml",
                "      toggle:\n        icon: material/weather-sunny\n"
                "        name: Switch to light mode\n",
                "",
            ),
        ],
        {BROWSER + "test_light_dark_toggle": ("palette",)},
    ),
    Mutation(
        "links",
        "the landing page links a missing page and a missing anchor (raw HTML, unseen by mkdocs)",
        [
            replace(
                "docs/index.md",
                "\n",
                '\n\n<a href="no-such-page/">x</a> <a href="#no-such-anchor">y</a>\n\n',
            )
        ],
        {
            BUILT + "test_every_internal_link_and_anchor_resolves": (
                "no-such-page/ -> no such file",
                "no id 'no-such-anchor'",
            )
        },
    ),
]


def copy_of_repository(target: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    for name in filter(None, files.decode().split("\0")):
        source, dest = ROOT / name, target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(source.read_bytes())
    cache = ROOT / ".cache"  # the verified mermaid package: no download per mutation
    if cache.is_dir():
        (target / ".cache").symlink_to(cache, target_is_directory=True)


def failures(junit: Path) -> dict[str, str]:
    """test id -> failure message (the exception, not the traceback, which quotes the test's own
    source), for every failed or erroring test in a JUnit XML report."""
    result = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        problems = [child for child in case if child.tag in ("failure", "error")]
        if problems:
            path = case.get("classname", "").replace(".", "/") + ".py"
            result[f"{path}::{case.get('name')}"] = "\n".join(
                p.get("message") or "" for p in problems
            )
    return result


def check(mutation: Mutation) -> list[str]:
    """Problems found; an empty list means every test that must fail did, for the right reason."""
    with tempfile.TemporaryDirectory(prefix=f"mutation-{mutation.name}-") as tmp:
        root = Path(tmp)
        copy_of_repository(root)
        for change in mutation.changes:
            change(root)
        junit = root / "junit.xml"
        # --runxfail: a check marked xfail (a known failure) must still fail, and for this reason.
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "--runxfail",
                f"--junitxml={junit}",
                *mutation.must_fail,
            ],
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(root)},
        )
        if not junit.exists():
            return ["pytest wrote no report"]
        failed = failures(junit)
    problems = []
    for test, texts in mutation.must_fail.items():
        if test not in failed:
            problems.append(f"{test} passed")
        elif missing := [text for text in texts if text not in failed[test]]:
            problems.append(
                f"{test} failed, but its message does not mention {missing}:\n{failed[test][:2000]}"
            )
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "names", nargs="*", help=f"mutations to run (default: all of {[m.name for m in MUTATIONS]})"
    )
    parser.add_argument(
        "--list", action="store_true", help="list the mutations and what each breaks"
    )
    args = parser.parse_args()
    if args.list:
        for mutation in MUTATIONS:
            print(f"{mutation.name:14} {mutation.what}")
        return 0
    names = args.names
    unknown = set(names) - {m.name for m in MUTATIONS}
    if unknown:
        parser.error(f"unknown mutations: {sorted(unknown)}")
    bad = 0
    for mutation in MUTATIONS:
        if names and mutation.name not in names:
            continue
        start = time.perf_counter()
        problems = check(mutation)
        status = "caught" if not problems else "NOT CAUGHT"
        print(
            f"{mutation.name:14} {status:10} {time.perf_counter() - start:5.0f} s  {mutation.what}",
            flush=True,
        )
        for problem in problems:
            print("    " + problem.replace("\n", "\n    "))
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

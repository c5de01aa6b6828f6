"""What a reader faces on each page: prose, code, the longest block, figures, bare-wildcard outputs.

    .venv/bin/python tools/page_stats.py            # the pages of this checkout
    .venv/bin/python tools/page_stats.py --total    # only the totals

Prose words are counted outside code fences, HTML comments and admonition titles; code lines are
the lines of Python blocks as the site shows them (embeds expanded); "longest" is the longest
Python block not inside a collapsed ``???`` block; figures are images and diagrams; "with ..."
counts Output blocks with a ``...`` wildcard, "mostly" those where half their lines or more have
one. Minutes: prose at 90 words a minute plus code at 10 lines a minute, the reading speed the
start route is held to.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_tools.harness import PythonBlock, make_sybil, shown_code
from site_tools.outputs import OUTPUT_INFO
from site_tools.paths import CONFIG, DOCS, pages, rel
from site_tools.reading import FENCE, collapsed, minutes, prose_words

IMAGE = re.compile(r"!\[[^\]]*\]\([^)]+\)|<img\b")


@dataclass
class Stats:
    words: int = 0
    blocks: int = 0
    code_lines: int = 0
    longest_expanded: int = 0
    figures: int = 0
    with_wildcards: int = 0
    mostly_wildcards: int = 0

    @property
    def minutes(self) -> float:
        return minutes(self.words, self.code_lines)


def page_stats(page: Path) -> Stats:
    text = page.read_text(encoding="utf-8")
    lines = text.split("\n")
    stats = Stats(words=prose_words(lines))
    fence, info, body = None, "", []
    for line in re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL).split("\n"):
        match = FENCE.match(line)
        if fence is None and match:
            fence, info, body = match["fence"], match["info"].strip(), []
            stats.figures += info.startswith("mermaid")
        elif fence is not None and match and match["fence"] == fence and not match["info"].strip():
            filled = [b for b in body if b.strip()]
            wild = sum("..." in b for b in filled)
            if OUTPUT_INFO.match(info) and wild:
                stats.with_wildcards += 1
                stats.mostly_wildcards += 2 * wild >= len(filled)
            fence = None
        elif fence is not None:
            body.append(line)
        else:
            stats.figures += len(IMAGE.findall(line))
    for example in make_sybil(CONFIG, DOCS).parse(page).examples():
        if isinstance(example.parsed, PythonBlock):
            code = shown_code(example.parsed, CONFIG).split("\n")
            stats.blocks += 1
            stats.code_lines += sum(1 for line in code if line.strip())
            if not collapsed(lines, example.line - 1):
                stats.longest_expanded = max(stats.longest_expanded, len(code))
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--total", action="store_true", help="print only the totals")
    args = parser.parse_args()
    total = Stats()
    header = f"{'page':42} {'words':>6} {'blocks':>6} {'lines':>6} {'longest':>7} {'figs':>4}"
    print(header + f" {'with ...':>8} {'mostly':>6} {'minutes':>7}")
    for page in pages():
        stats = page_stats(page)
        for name in (
            "words",
            "blocks",
            "code_lines",
            "figures",
            "with_wildcards",
            "mostly_wildcards",
        ):
            setattr(total, name, getattr(total, name) + getattr(stats, name))
        total.longest_expanded = max(total.longest_expanded, stats.longest_expanded)
        if not args.total:
            print(
                f"{rel(page):42} {stats.words:6} {stats.blocks:6} {stats.code_lines:6} "
                f"{stats.longest_expanded:7} {stats.figures:4} {stats.with_wildcards:8} "
                f"{stats.mostly_wildcards:6} "
                f"{stats.minutes:7.1f}"
            )
    print(
        f"{'total':42} {total.words:6} {total.blocks:6} {total.code_lines:6} "
        f"{total.longest_expanded:7} {total.figures:4} {total.with_wildcards:8} "
        f"{total.mostly_wildcards:6} "
        f"{total.minutes:7.1f}"
    )


if __name__ == "__main__":
    main()

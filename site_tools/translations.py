"""Does a page of the Chinese edition show exactly the code of the English page it translates?

A page of ``docs/zh/`` translates the page of ``docs/`` at the same path. Only the English page's
blocks are run (site_tools/harness.py); the Chinese page is proved to show the same thing instead:

* the same fenced blocks, in the same order, with the same text and indentation: code, Output
  blocks, ``--8<--`` embeds, shell commands. Only an Output block's title is translated
  (``OUTPUT_TITLES``), and a ``mermaid`` diagram's labels (its SVGs are drawn from the
  Chinese text);
* the same HTML comments (``<!-- skip: next ... -->``, ``<!-- benchmark-table: ... -->``);
* the English page's heading ids, in the same order, so that ``#pinned-memory`` works in both
  editions (a translation may add a section of its own);
* all the inline code of the English page (counted, as a translation may reorder a sentence; it may
  name code once more) and the same link targets;
* for a lab (``docs/labs/*.py``), the same code cells; only its Markdown cells are translated;
* and it says which version of the English page it translates: a line
  ``<!-- translation of docs/x.md, sha256:0123456789ab -->`` holds the hash of the English page it
  was made from. When the English page changes, the translation is out of date until it is updated
  and stamped again (``--stamp``).

    python -m site_tools.translations                      # check every translation
    python -m site_tools.translations docs/zh/x.md         # check one
    python -m site_tools.translations --stamp docs/zh/x.md # it is up to date: record that

Each difference names the block, with the line in both files and a diff.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import re
import sys
from collections import Counter
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import markdown

from site_tools import reading
from site_tools.paths import DOCS, ROOT, ZH_DOCS, english_of, pages, rel, translation_of
from site_tools.reading import FENCE

# An Output block's title, as each edition writes it. Nothing else in a block is translated.
OUTPUT_TITLES = {
    "Output": "输出",
    "Output on the site's test machine": "本站测试机上的输出",
    "Output on the site's test machine, which has no GPU": "本站测试机（没有 GPU）上的输出",
}
STAMP = re.compile(r"<!-- translation of (?P<path>\S+), sha256:(?P<hash>[0-9a-f]{12}) -->")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_CODE = re.compile(r"<code>(.*?)</code>", re.DOTALL)
_HREF = re.compile(r'<a [^>]*\bhref="([^"]*)"')
_CELL = re.compile(r"^# %%(?P<kind>.*)$", re.MULTILINE)
# Heading ids as the site computes them (mkdocs.yml's toc, with attr_list's explicit ids).
_HEADING_EXTENSIONS = [
    "toc",
    "attr_list",
    "admonition",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]


@dataclass(frozen=True)
class Block:
    number: int  # 1 for the page's first fenced block
    line: int  # 1-based, of its opening fence
    indent: str
    info: str  # what follows the opening backticks: "python title=...", "text title=..."
    body: tuple[str, ...]

    @property
    def opening(self) -> str:
        return f"{self.indent}```{self.info}"

    def describe(self) -> str:
        return f"block {self.number} (```{self.info})"


def blocks(text: str) -> list[Block]:
    """The page's fenced blocks, outermost only (a fence inside a fence is its text)."""
    found: list[Block] = []
    lines = text.split("\n")
    start = fence = None
    for number, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None and match:
            start, fence, indent, info = number, match["fence"], match["indent"], match["info"]
        elif fence is not None and match and match["fence"] == fence and not match["info"].strip():
            body = tuple(lines[start + 1 : number])
            found.append(Block(len(found) + 1, start + 1, indent, info.strip(), body))
            fence = None
    return found


def outside_fences(text: str) -> str:
    """The page's text with every fenced block removed (its prose, headings and comments)."""
    return "\n".join(reading.outside_fences(text.split("\n")))


def comments(text: str) -> list[str]:
    return [c for c in _COMMENT.findall(outside_fences(text)) if not STAMP.fullmatch(c)]


def _render(text: str) -> tuple[str, list[dict]]:
    """The page's prose as HTML (its fenced blocks left out) and its headings."""
    md = markdown.Markdown(extensions=_HEADING_EXTENSIONS)
    html = md.convert(_COMMENT.sub("", outside_fences(text)))
    return html, md.toc_tokens


def heading_ids(text: str) -> list[str]:
    def walk(tokens: list[dict]) -> list[str]:
        return [i for t in tokens for i in [t["id"], *walk(t["children"])]]

    return walk(_render(text)[1])


def inline_code(text: str) -> Counter[str]:
    html = _render(text)[0]
    return Counter(unescape(code).strip() for code in _CODE.findall(html))


def link_targets(text: str) -> Counter[str]:
    return Counter(unescape(href) for href in _HREF.findall(_render(text)[0]))


def code_cells(text: str) -> list[str]:
    """A jupytext percent-format lab's code cells, in order."""
    parts = _CELL.split(text)
    # parts: [before the first cell, kind, body, kind, body, ...]
    return [
        body.strip("\n")
        for kind, body in zip(parts[1::2], parts[2::2], strict=True)
        if "[markdown]" not in kind
    ]


def source_hash(english: Path) -> str:
    return hashlib.sha256(english.read_bytes()).hexdigest()[:12]


def stamp_line(english: Path, english_name: str | None = None) -> str:
    return f"<!-- translation of {english_name or rel(english)}, sha256:{source_hash(english)} -->"


def _translated_opening(block: Block) -> str:
    """What an English block's opening line must read in the Chinese page."""
    match = re.fullmatch(r'(?P<head>.*\btitle=")(?P<title>[^"]*)(?P<tail>".*)', block.info)
    if match and match["title"] in OUTPUT_TITLES:
        return f"{block.indent}```{match['head']}{OUTPUT_TITLES[match['title']]}{match['tail']}"
    return block.opening


def _block_differences(english: list[Block], chinese: list[Block], zh_name: str) -> list[str]:
    found = []
    matcher = difflib.SequenceMatcher(
        a=[(_translated_opening(b), b.body if "mermaid" not in b.info else ()) for b in english],
        b=[(b.opening, b.body if "mermaid" not in b.info else ()) for b in chinese],
        autojunk=False,
    )
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and a1 - a0 == b1 - b0:
            for en, zh in zip(english[a0:a1], chinese[b0:b1], strict=True):
                found.append(_one_block(en, zh, zh_name))
            continue
        for en in english[a0:a1]:
            found.append(
                f"{en.describe()} of the English page (line {en.line}) is missing from {zh_name}"
                f" (it would be the Chinese page's block {b0 + 1})"
            )
        for zh in chinese[b0:b1]:
            found.append(f"{zh_name} line {zh.line}: {zh.describe()} is not in the English page")
    return found


def _one_block(en: Block, zh: Block, zh_name: str) -> str:
    where = f"{en.describe()}, English line {en.line}, {zh_name} line {zh.line}"
    want = [_translated_opening(en), *en.body]
    got = [zh.opening, *zh.body]
    diff = difflib.unified_diff(want, got, "English", "Chinese", n=1, lineterm="")
    shown = list(diff)[2:]
    more = f"\n    ... {len(shown) - 20} more lines" if len(shown) > 20 else ""
    return f"{where} differs:\n" + "\n".join("    " + line for line in shown[:20]) + more


def _counted_differences(
    what: str, english: Counter[str], chinese: Counter[str], *, extra_allowed: bool = False
) -> list[str]:
    found = []
    missing, extra = english - chinese, chinese - english
    if missing:
        found.append(f"{what} missing: " + ", ".join(repr(x) for x in sorted(missing.elements())))
    if extra and not extra_allowed:
        found.append(
            f"{what} not in the English page: "
            + ", ".join(repr(x) for x in sorted(extra.elements()))
        )
    return found


def differences(
    translated: Path,
    *,
    english: Path | None = None,
    name: str | None = None,
    english_name: str | None = None,
) -> list[str]:
    """Everything in which the Chinese page ``translated`` differs from its English page, beyond
    its translated prose; an empty list when it shows the same code, ids and links.

    By default the English page is the one at the same path of ``docs/`` and both are named as the
    repository names them; ``english``, ``name`` (the Chinese page's) and ``english_name`` (the
    name its stamp records) say otherwise, for pages outside the repository (the unit tests)."""
    translated = Path(translated).resolve()
    english = Path(english).resolve() if english is not None else english_of(translated)
    name = name or rel(translated)
    english_name = english_name or rel(english)
    if not english.is_file():
        return [f"{name} translates {english_name}, which does not exist"]
    en_text = english.read_text(encoding="utf-8")
    zh_text = translated.read_text(encoding="utf-8")
    found: list[str] = []
    stamp = STAMP.search(zh_text)
    if stamp is None:
        found.append(
            f"{name} has no `{stamp_line(english, english_name)}` line (run this with --stamp)"
        )
    elif stamp["path"] != english_name or stamp["hash"] != source_hash(english):
        found.append(
            f"{name} translates an older {english_name} (sha256:{stamp['hash']}; it is now"
            f" sha256:{source_hash(english)}): see what changed with"
            f" `git log -p -- {english_name}`, update the translation, then run"
            f" `python -m site_tools.translations --stamp {name}`"
        )
    if translated.suffix == ".py":
        en_cells, zh_cells = code_cells(en_text), code_cells(zh_text)
        if en_cells != zh_cells:
            for number, (en, zh) in enumerate(zip(en_cells, zh_cells, strict=False), 1):
                if en != zh:
                    diff = difflib.unified_diff(en.split("\n"), zh.split("\n"), n=1, lineterm="")
                    found.append(
                        f"{name}: code cell {number} differs:\n"
                        + "\n".join("    " + line for line in list(diff)[2:22])
                    )
            if len(en_cells) != len(zh_cells):
                found.append(
                    f"{name} has {len(zh_cells)} code cells, the English lab {len(en_cells)}"
                )
        return found
    found += _block_differences(blocks(en_text), blocks(zh_text), name)
    if comments(en_text) != comments(zh_text):
        diff = difflib.unified_diff(comments(en_text), comments(zh_text), n=0, lineterm="")
        found.append(
            f"{name}: the HTML comments differ:\n"
            + "\n".join("    " + line for line in list(diff)[2:])
        )
    # A translation may add a section of its own (the glossary's table of Chinese terms); the
    # English ids are all there, in their order.
    en_ids = heading_ids(en_text)
    zh_ids = [i for i in heading_ids(zh_text) if i in en_ids]
    if en_ids != zh_ids:
        diff = difflib.unified_diff(en_ids, zh_ids, "English", "Chinese", n=0, lineterm="")
        found.append(
            f"{name}: the heading ids differ (write the English id: `## 标题 {{ #the-id }}`):\n"
            + "\n".join("    " + line for line in list(diff)[2:])
        )
    # A translation may name code once more (`forward`), never show less of it.
    found += _counted_differences(
        f"{name}: inline code", inline_code(en_text), inline_code(zh_text), extra_allowed=True
    )
    found += _counted_differences(
        f"{name}: link targets", link_targets(en_text), link_targets(zh_text)
    )
    return found


def sources() -> list[Path]:
    """Every English source that the Chinese edition translates: the pages and the labs."""
    return [*pages(), *sorted((DOCS / "labs").glob("*.py"))]


def stamp(
    translated: Path, *, english: Path | None = None, english_name: str | None = None
) -> None:
    """Record that ``translated`` is up to date with its English page (``english`` and
    ``english_name`` as for ``differences``)."""
    translated = Path(translated).resolve()
    line = stamp_line(english if english is not None else english_of(translated), english_name)
    text = translated.read_text(encoding="utf-8")
    if STAMP.search(text):
        text = STAMP.sub(line, text, count=1)
    elif translated.suffix == ".py":  # in the first Markdown cell, so no code cell changes
        text = re.sub(r"^(# %% \[markdown\]\n)", rf"\1# {line}\n", text, count=1, flags=re.M)
    else:
        text = text.rstrip("\n") + f"\n\n{line}\n"
    translated.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_tools.translations",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("pages", nargs="*", type=Path, help="pages of docs/zh/ (default: all)")
    parser.add_argument(
        "--stamp",
        action="store_true",
        help="record that each page translates the English page as it is now",
    )
    args = parser.parse_args(argv)
    targets = [p.resolve() for p in args.pages] or [translation_of(s) for s in sources()]
    failed = 0
    for target in targets:
        if not target.is_file():
            print(f"{target.relative_to(ROOT)}: missing (translate {rel(english_of(target))})")
            failed += 1
            continue
        if args.stamp:
            stamp(target)
        problems = differences(target)
        if args.stamp and problems:  # stamped, but not up to date: say why
            print(f"{rel(target)}: stamped, but it still differs from the English page:")
        for problem in problems:
            print(problem)
        failed += bool(problems)
        if not problems:
            print(f"{rel(target)}: OK")
    return 1 if failed else 0


if __name__ == "__main__":
    assert ZH_DOCS.is_relative_to(DOCS)
    sys.exit(main())

"""Diagrams: written as ``mermaid`` fences in the pages, shown as SVG images drawn beforehand.

A page keeps its diagram as text, a ```` ```mermaid ```` fence whose first lines after the diagram
type give it a title and a description (mermaid's own accessibility syntax)::

    ```mermaid
    flowchart TD
        accTitle: The four steps of training on a device
        accDescr: Pick the device, move the model, move the data, then train as usual.
        A["1. pick the device"] --> B["2. move the model"]
    ```

``tools/render_diagrams.py`` draws each fence with mermaid in Chromium, once with light colours and
once with dark ones, into ``diagrams/<page>-<n>.light.svg`` and ``.dark.svg`` next to the page; each
SVG records the hash of what it was drawn from. At build time this hook (listed under ``hooks:`` in
mkdocs.yml) replaces the fence with the two images (Material shows the one of the reader's colour
scheme: ``#only-light``, ``#only-dark``), whose alt text is the title and the description. Readers
load a few kilobytes of SVG instead of a 3.5 MB script, and a screen reader reads what the diagram
shows. A missing or out-of-date SVG is a build warning (an error under ``--strict``) that says what
to run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from site_tools.vendor import MERMAID

log = logging.getLogger("mkdocs.hooks.diagrams")

SCHEMES = ("light", "dark")
# Wide fonts: labels measured in one fit in the other.
FONT = '"DejaVu Sans", Verdana, Geneva, sans-serif'
# What mermaid draws with, per colour scheme (its "base" theme, in this site's deep orange).
THEMES = {
    "light": {
        "background": "#ffffff",
        "primaryColor": "#fbe9e7",
        "primaryBorderColor": "#bf360c",
        "primaryTextColor": "#1f1f1f",
        "lineColor": "#555555",
        "textColor": "#1f1f1f",
        "edgeLabelBackground": "#ffffff",
        "clusterBkg": "#f5f5f5",
        "clusterBorder": "#8a8a8a",
        "titleColor": "#1f1f1f",
        "fontFamily": FONT,
        "fontSize": "16px",
    },
    "dark": {
        "background": "#1e2129",
        "primaryColor": "#3b2a26",
        "primaryBorderColor": "#ff8a65",
        "primaryTextColor": "#eeeeee",
        "lineColor": "#bbbbbb",
        "textColor": "#eeeeee",
        "edgeLabelBackground": "#1e2129",
        "clusterBkg": "#272b35",
        "clusterBorder": "#9a9a9a",
        "titleColor": "#eeeeee",
        "fontFamily": FONT,
        "fontSize": "16px",
    },
}
CONFIG = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "deterministicIds": True,
    "htmlLabels": False,
    "flowchart": {
        "htmlLabels": False,
        "padding": 12,
        "useMaxWidth": False,
        "wrappingWidth": 170,
        "nodeSpacing": 24,
        "rankSpacing": 36,
        "subGraphTitleMargin": {"top": 8, "bottom": 4},
    },
    "theme": "base",
}

_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```mermaid[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_RECORD = re.compile(
    r"<!-- drawn by tools/render_diagrams\.py; source sha256: (?P<hash>[0-9a-f]{64}) -->"
)


@dataclass(frozen=True)
class Diagram:
    page: str  # the page's Markdown file, relative to docs/ ("modules/module-call.md")
    number: int  # 1 for the first diagram of the page
    source: str  # the fence's text, dedented
    span: tuple[int, int]  # where the fence is in the page's Markdown
    indent: str

    @property
    def title(self) -> str:
        return _accessibility_field(self.source, "accTitle")

    @property
    def description(self) -> str:
        return _accessibility_field(self.source, "accDescr")

    @property
    def alt(self) -> str:
        """The text a screen reader reads in place of the picture: its title, then what it shows."""
        title = self.title.rstrip(".")
        return f"{title}. {self.description}" if self.description else title

    def svg(self, scheme: str) -> str:
        """The SVG's path relative to docs/."""
        folder, _, name = self.page.rpartition("/")
        stem = name.removesuffix(".md")
        return (f"{folder}/" if folder else "") + f"diagrams/{stem}-{self.number}.{scheme}.svg"

    @property
    def source_hash(self) -> str:
        """What an SVG must record to be up to date: the source, mermaid's version, the drawing
        settings."""
        recipe = json.dumps([MERMAID.version, CONFIG, THEMES, self.source], sort_keys=True)
        return hashlib.sha256(recipe.encode()).hexdigest()


def _accessibility_field(source: str, name: str) -> str:
    """The value of ``accTitle: ...`` / ``accDescr: ...`` (or a multi-line ``accDescr { ... }``)."""
    if match := re.search(rf"^\s*{name}\s*:\s*(.+?)\s*$", source, re.MULTILINE):
        return match[1]
    if match := re.search(rf"^\s*{name}\s*\{{(.*?)\}}", source, re.MULTILINE | re.DOTALL):
        return " ".join(match[1].split())
    return ""


def diagrams_of(page: str, markdown: str) -> list[Diagram]:
    """The mermaid fences of a page, in order."""
    found = []
    for number, match in enumerate(_FENCE.finditer(markdown), start=1):
        indent = match["indent"]
        lines = [line.removeprefix(indent) for line in match["body"].splitlines()]
        found.append(Diagram(page, number, "\n".join(lines).strip() + "\n", match.span(), indent))
    return found


def recorded_hash(svg_text: str) -> str | None:
    match = _RECORD.search(svg_text[:500])
    return match["hash"] if match else None


def record(svg_text: str, diagram: Diagram) -> str:
    """The SVG with the hash of its source written at its top."""
    note = f"<!-- drawn by tools/render_diagrams.py; source sha256: {diagram.source_hash} -->\n"
    return note + svg_text


def problems(diagram: Diagram, docs_dir: Path) -> list[str]:
    """What is wrong with a diagram's SVGs (missing, drawn from another source) or its text."""
    found = []
    where = f"{diagram.page}, diagram {diagram.number}"
    if not diagram.title or not diagram.description:
        found.append(
            f"{where} needs `accTitle: ...` and `accDescr: ...` lines (what a screen reader reads)"
        )
    for scheme in SCHEMES:
        path = docs_dir / diagram.svg(scheme)
        if not path.is_file():
            found.append(f"{where}: {path.name} is missing")
        elif recorded_hash(path.read_text(encoding="utf-8")) != diagram.source_hash:
            found.append(f"{where}: {path.name} was drawn from another source")
    if found:
        found.append("run `.venv/bin/python tools/render_diagrams.py` to draw the diagrams again")
    return found


def _size(path: Path) -> tuple[str, str]:
    head = path.read_text(encoding="utf-8")[:2000] if path.is_file() else ""
    svg = re.search(r"<svg\b[^>]*>", head)
    width = re.search(r'\swidth="([\d.]+)"', svg[0]) if svg else None
    height = re.search(r'\sheight="([\d.]+)"', svg[0]) if svg else None
    return (width[1] if width else ""), (height[1] if height else "")


def image_markdown(diagram: Diagram, docs_dir: Path) -> str:
    """Both images of a diagram, for the page (paths relative to the page)."""
    alt = diagram.alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    images = []
    for scheme in SCHEMES:
        width, height = _size(docs_dir / diagram.svg(scheme))
        relative = diagram.svg(scheme).removeprefix(diagram.page.rpartition("/")[0] + "/")
        size = f' width="{width}" height="{height}"' if width and height else ""
        images.append(f'![{alt}]({relative}#only-{scheme}){{{size} loading="lazy" }}')
    return "\n".join(
        diagram.indent + line for line in ['<div class="diagram" markdown>', *images, "</div>"]
    )


def on_page_markdown(markdown: str, page, config, files) -> str:
    # The folder the page was read from: docs/, or docs/zh/ for a page of the Chinese edition,
    # whose diagrams are drawn from its own (translated) fences (site_tools/i18n.py).
    source = Path(page.file.abs_src_path)
    docs_dir = source.parents[len(Path(page.file.src_uri).parts) - 1]
    diagrams = diagrams_of(page.file.src_uri, markdown)
    for diagram in reversed(diagrams):
        for problem in problems(diagram, docs_dir):
            log.warning(problem)
        start, end = diagram.span
        markdown = markdown[:start] + image_markdown(diagram, docs_dir) + markdown[end:]
    return markdown

"""Every page as a Jupyter notebook: its prose as Markdown cells, its Python blocks as code cells.

``page_notebook(page)`` builds the notebook of one page from its Markdown source, the way the
harness reads it (``harness.make_sybil``): each Python block the harness collects becomes one code
cell holding exactly the code the site shows and the copy button copies (``harness.shown_code``:
embeds expanded), in the page's order, and the block's Output block becomes the cell's output (a
stream, example values ``{{x}}`` shown as ``x``), so the notebook opens showing what the page shows.
The prose between the blocks becomes Markdown cells (``jupyter_markdown.plain_markdown``); its
images are attached to the cells, so a downloaded notebook shows them offline.

A block under a skip directive that needs a GPU (its condition names ``cuda``) keeps its place, with
a note above it and the cell tag ``raises-exception``: nbclient, JupyterLab and nbconvert then carry
on past it when it fails on a machine without one, and "Run All" runs the rest.

The MkDocs hooks (``notebook_hooks.py``) write each page's notebook next to the page when the site
is built: ``notebook_uri`` says where.
"""

from __future__ import annotations

import base64
import functools
import mimetypes
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import nbformat
from mkdocs.config import load_config
from nbformat.notebooknode import NotebookNode

from site_tools.benchmark_tables import fill_tables
from site_tools.harness import PythonBlock, make_sybil, shown_code
from site_tools.jupyter_markdown import plain_markdown
from site_tools.outputs import EXAMPLE_VALUE, normalise
from site_tools.paths import CONFIG

GPU_CONDITION = re.compile(r"\bcuda\b", re.IGNORECASE)
SKIP = re.compile(r"^next\s+if\((?P<condition>.*),\s*reason=(?P<q>[\"'])(?P<reason>.*)(?P=q)\)\s*$")
GPU_TAG = "raises-exception"
_MARK = "\ue000"  # a private-use character, never on a page: it marks where a code cell goes
_MARKER = re.compile(rf"^(?P<prefix>[ \t>]*){_MARK}(?P<index>\d+){_MARK}[ \t]*$")
_HEADING = re.compile(
    r"^(#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]*\{:?[ \t]*#(?P<id>[\w-]+)[^}]*\})?[ \t]*$"
)


@dataclass(frozen=True)
class Site:
    """What a notebook's links need to know about the site."""

    config_file: Path
    docs_dir: Path
    site_url: str  # "" when mkdocs.yml sets none
    use_directory_urls: bool

    @classmethod
    def from_config(cls, config) -> Site:
        return cls(
            Path(config.config_file_path),
            Path(config.docs_dir),
            config.site_url or "",
            config.use_directory_urls,
        )


@functools.cache
def default_site(config_file: Path = CONFIG) -> Site:
    return Site.from_config(load_config(str(config_file)))


def notebook_uri(src_uri: str) -> str:
    """Where a page's notebook is on the site: ``modules/hooks.md`` -> ``modules/hooks.ipynb``,
    next to the page's URL ``modules/hooks/``; ``performance/index.md`` -> ``performance.ipynb``."""
    stem = posixpath.splitext(src_uri)[0]
    if posixpath.basename(stem) == "index" and "/" in stem:
        stem = posixpath.dirname(stem)
    return stem + ".ipynb"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL of a page relative to the site's root, as MkDocs makes it."""
    stem = posixpath.splitext(src_uri)[0]
    if not use_directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return stem + "/" if stem else ""


def jupyter_anchor(heading: str) -> str:
    """The id JupyterLab gives a heading: its text, with spaces as hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    return re.sub(r"[`*]", "", text).strip().replace(" ", "-")


def mkdocs_slug(heading: str) -> str:
    """The id MkDocs's toc extension gives a heading without an explicit one."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


class _Links:
    """Rewrites a page's link and image targets for its notebook, and collects the images."""

    def __init__(self, text: str, src_uri: str, site: Site) -> None:
        self.src_uri, self.site = src_uri, site
        self.images: dict[str, Path] = {}
        self.anchors: dict[str, str] = {}
        for line in text.split("\n"):
            if match := _HEADING.match(line):
                self.anchors[match["id"] or mkdocs_slug(match["text"])] = jupyter_anchor(
                    match["text"]
                )

    def __call__(self, url: str, image: bool) -> str:
        if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE) or url.startswith("/"):
            return url  # another site, mailto:, or already absolute
        if url.startswith("#"):
            return "#" + self.anchors.get(url[1:], url[1:])
        path, _, anchor = url.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.src_uri), path))
        if image and (file := self.site.docs_dir / target).is_file():
            name = posixpath.basename(target)
            self.images[name] = file
            return f"attachment:{name}"
        if target.endswith(".md"):
            target = page_url(target, self.site.use_directory_urls)
        anchor = f"#{anchor}" if anchor else ""
        if self.site.site_url:
            return self.site.site_url.rstrip("/") + "/" + target + anchor
        here = posixpath.dirname(notebook_uri(self.src_uri)) or "."
        relative = posixpath.relpath(target or ".", here)
        return relative + ("/" if target.endswith("/") and relative != "." else "") + anchor


def _attachments(source: str, links: _Links) -> dict:
    found = {}
    for name in re.findall(r"\(attachment:([^)\s]+)", source):
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        found[name] = {mime: base64.b64encode(links.images[name].read_bytes()).decode("ascii")}
    return found


def _markdown_cells(chunk: str, continued: str, links: _Links) -> list[NotebookNode]:
    """The Markdown cell of the prose between two code cells (none if it is empty). ``continued``
    is the indentation of the container (list item, blockquote) the previous code cell stood in:
    the lines that go on inside it lose that indentation, or Markdown would read code."""
    lines = chunk.split("\n")
    for index, line in enumerate(lines):
        if line.strip() and not line.startswith(continued):
            break
        lines[index] = line.removeprefix(continued)
    while lines and not lines[0].strip(" \t>"):
        lines.pop(0)
    while lines and not lines[-1].strip(" \t>"):
        lines.pop()
    source = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    if not source:
        return []
    cell = nbformat.v4.new_markdown_cell(source)
    if attachments := _attachments(source, links):
        cell.attachments = attachments
    return [cell]


def _code_cells(block: PythonBlock, site: Site) -> list[NotebookNode]:
    cell = nbformat.v4.new_code_cell(shown_code(block, site.config_file))
    if block.expected is not None and (printed := normalise(block.expected)):
        text = EXAMPLE_VALUE.sub(r"\1", printed)
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    if block.skip is None:
        return [cell]
    skip = SKIP.match(block.skip.strip())
    condition, reason = (skip["condition"], skip["reason"]) if skip else (block.skip.strip(), "")
    if GPU_CONDITION.search(block.skip):
        cell.metadata["tags"] = [GPU_TAG]
        title = reason[:1].upper() + reason[1:] if reason else "Needs a GPU"
        note = (
            f"> **{title}.** The site's tests skip the next cell where `{condition}`. It is "
            f"tagged `{GPU_TAG}`, so where it fails, *Run All* carries on with the cells after it."
        )
    else:
        note = f"> **Skipped by the site's tests** where `{condition}`: {reason}."
    return [nbformat.v4.new_markdown_cell(note), cell]


def page_notebook(page: Path, site: Site | None = None) -> NotebookNode:
    """The notebook of one page (``docs/x/y.md``), built from its Markdown source."""
    site = site or default_site()
    page = Path(page).resolve()
    docs = site.docs_dir.resolve()
    # A page of the Chinese edition (docs/zh/x/y.md) stands for x/y.md in its own site, and reads
    # its recorded data next to the English page (site_tools/i18n.py).
    src_uri = page.relative_to(docs / "zh" if page.is_relative_to(docs / "zh") else docs).as_posix()
    document = make_sybil(site.config_file, page.parent).parse(page)
    blocks = [
        (example.region, example.parsed)
        for example in document.examples()
        if isinstance(example.parsed, PythonBlock)
    ]
    text, position, pieces = document.text, 0, []
    for index, (region, block) in enumerate(blocks):
        pieces += [text[position : region.start], f"{block.indent}{_MARK}{index}{_MARK}"]
        position = region.end
    marked = fill_tables("".join([*pieces, text[position:]]), docs / src_uri, src_uri)
    links = _Links(text, src_uri, site)
    cells: list[NotebookNode] = []
    chunk: list[str] = []
    continued = ""
    for line in plain_markdown(marked, links).split("\n"):
        marker = _MARKER.match(line)
        if marker is None:
            chunk.append(line)
            continue
        cells += _markdown_cells("\n".join(chunk), continued, links)
        cells += _code_cells(blocks[int(marker["index"])][1], site)
        chunk, continued = [], re.match(r"[ \t]*", marker["prefix"])[0]
    cells += _markdown_cells("\n".join(chunk), continued, links)
    for number, cell in enumerate(cells, 1):
        cell.id = f"cell-{number}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    return notebook


def notebook_json(notebook: NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"

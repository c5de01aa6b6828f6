"""A page's prose as Markdown that Jupyter renders: pymdownx syntax turned into plain Markdown.

Jupyter renders CommonMark (with tables and fenced code), not the pymdownx extensions the site uses.
``plain_markdown`` rewrites, outside code fences:

* an admonition (``!!! note "Title"``), a collapsible block (``??? tip "Hint"``, ``???+``) and a
  content tab (``=== "Tab"``) as a blockquote whose first line is the title in bold; blocks nested
  inside stay nested (a blockquote in a blockquote);
* ``<!-- HTML comments -->`` (skip directives, placeholders): dropped;
* attribute lists after a heading (``## Title { #anchor }``) and abbreviation definitions
  (``*[CPU]: ...``): dropped;
* every link and image target, through a function the caller gives (``link``).

Code fences are copied as they are (Jupyter shows them, and draws ``mermaid`` ones).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from site_tools.reading import FENCE

CONTAINER = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)[\w \t-]*?"
    r"(?:[ \t]+\"(?P<title>[^\"]*)\")?|===[!+]?[ \t]+\"(?P<tab>[^\"]*)\")[ \t]*$"
)
HEADING_ATTRIBUTES = re.compile(r"^(?P<heading>#{1,6}[ \t].*?)[ \t]*\{:?[ \t]*[#.][^}]*\}[ \t]*$")
ABBREVIATION = re.compile(r"^[ \t]*\*\[[^\]]+\]:")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)")

Link = Callable[[str, bool], str]  # (url, is_image) -> the url to write in the notebook


def _width(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _fence_end(lines: list[str], start: int) -> int:
    """The index of the line that closes the fence opened at ``start`` (the last line if none)."""
    opening = FENCE.match(lines[start])
    assert opening is not None
    for index in range(start + 1, len(lines)):
        match = FENCE.match(lines[index])
        if (
            match
            and match["fence"][0] == opening["fence"][0]
            and len(match["fence"]) >= len(opening["fence"])
            and not match["info"].strip()
        ):
            return index
    return len(lines) - 1


def drop_comments(text: str) -> str:
    """``text`` without HTML comments outside code fences; a line that held only a comment goes."""
    lines, kept, index = text.split("\n"), [], 0
    while index < len(lines):
        if FENCE.match(lines[index]):
            end = _fence_end(lines, index)
            kept.extend(lines[index : end + 1])
            index = end + 1
            continue
        end, chunk = index, lines[index]
        while "<!--" in chunk and "-->" not in chunk.rsplit("<!--", 1)[1] and end + 1 < len(lines):
            end += 1
            chunk += "\n" + lines[end]
        stripped = COMMENT.sub("", chunk)
        if stripped.strip() or not chunk.strip():
            kept.extend(stripped.split("\n"))
        index = end + 1
    return "\n".join(kept)


def _prose_line(line: str, link: Link) -> str | None:
    if ABBREVIATION.match(line):
        return None
    if match := HEADING_ATTRIBUTES.match(line):
        line = match["heading"]
    return LINK.sub(
        lambda m: f"{m['bang']}[{m['text']}]({link(m['url'], bool(m['bang']))}{m['title'] or ''})",
        line,
    )


def _convert(lines: list[str], link: Link) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if FENCE.match(line):
            end = _fence_end(lines, index)
            out.extend(lines[index : end + 1])
            index = end + 1
            continue
        container = CONTAINER.match(line)
        if container is None:
            converted = _prose_line(line, link)
            if converted is not None:
                out.append(converted)
            index += 1
            continue
        indent, inner = container["indent"], len(container["indent"]) + 4
        end = index + 1
        while end < len(lines) and (not lines[end].strip() or _width(lines[end]) >= inner):
            end += 1
        while end > index + 1 and not lines[end - 1].strip():
            end -= 1  # blank lines after the body belong to what follows
        title = container["tab"] if container["kind"] is None else container["title"]
        if title is None:  # `!!! note` without a title: Material shows the kind
            title = container["kind"].title()
        body = _convert([body_line[inner:] for body_line in lines[index + 1 : end]], link)
        while body and not body[0].strip():
            body.pop(0)
        quoted = ([f"**{title}**", ""] if title else []) + body
        out.extend(f"{indent}> {part}".rstrip() for part in quoted)
        index = end
    return out


def plain_markdown(text: str, link: Link = lambda url, image: url) -> str:
    """``text`` (a page's Markdown, or part of it) as Markdown that Jupyter renders."""
    return "\n".join(_convert(drop_comments(text).split("\n"), link))

"""A lab's page like the rest of the site: mkdocs-jupyter's HTML, rewritten in Material's markup.

mkdocs-jupyter renders a lab with nbconvert's JupyterLab template, which brings everything a
notebook could need: JupyterLab's whole style sheet (575 kB, 86 kB compressed, inline in every lab
page), Pygments colours of its own (which fail WCAG AA on the dark background), a copy button with
its script and a hidden copy of each cell's code. A lab needs none of it; ``rewrite`` makes it look
and work like every other page of the site:

* every ``<style>`` and ``<script>`` of the notebook's HTML is removed (the labs use no widgets,
  MathJax or mermaid, and the site loads nothing from another host), and so are the cells' ids;
* each code cell becomes a Material code block (``language-python highlight``, ``pre > code``): the
  site's colours (docs/stylesheets/extra.css) and Material's own copy button, which copies the code;
* each printed output becomes an Output block, as under the code of the other pages (it wraps on a
  phone, each printed line apart);
* code and Output blocks stay out of the search index, as on the other pages;
* headings get Material's permalink (``headerlink``) instead of nbconvert's always-visible one;
* each image gets the text alternative that the run wrote into the PNG itself (the standard
  ``Description`` text chunk: ``fig.savefig(..., metadata={"Description": alt})``), and loads
  lazily. nbconvert writes no alt text (IPython's ``Image(alt=...)`` reaches Jupyter, not
  nbconvert's HTML), so the PNG is how the run's own words reach the page; ``width`` and
  ``height`` come from the output's metadata (``Image(..., retina=True)``). The PNG is stored in
  32 colours, as the site's other plots are (snippets/performance/run_benchmarks.py): a plot looks
  the same, at a third of the bytes, which the page's weight budget needs.

What cannot be done is returned as problems: the hook logs them as warnings, which fail the strict
build.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import struct
import zlib

from bs4 import BeautifulSoup, NavigableString, Tag

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DESCRIPTION = "Description"  # the PNG keyword for "description of image"
PNG_COLOURS = 32
_HIGHLIGHT_LANGUAGE = re.compile(r"^hl-(?P<language>[\w+-]+)$")


def png_text(data: bytes) -> dict[str, str]:
    """The text chunks of a PNG (tEXt, zTXt and iTXt): keyword -> text."""
    if not data.startswith(PNG_SIGNATURE):
        return {}
    found, position = {}, len(PNG_SIGNATURE)
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length  # length, type, data, CRC
        if kind == b"IEND":
            break
        keyword, _, rest = body.partition(b"\0")
        if kind == b"tEXt":
            found[keyword.decode("latin-1")] = rest.decode("latin-1")
        elif kind == b"zTXt":
            found[keyword.decode("latin-1")] = zlib.decompress(rest[1:]).decode("latin-1")
        elif kind == b"iTXt":
            compressed, rest = rest[0], rest[2:]  # the flag, then the method
            _language, _, rest = rest.partition(b"\0")
            _translated, _, text = rest.partition(b"\0")
            text = zlib.decompress(text) if compressed else text
            found[keyword.decode("latin-1")] = text.decode()
    return found


def _data_uri_bytes(src: str) -> bytes | None:
    head, comma, payload = src.partition(",")
    if not (head.startswith("data:image/png") and head.endswith(";base64") and comma):
        return None
    try:
        return base64.b64decode(payload, validate=True)
    except binascii.Error:
        return None


def fewer_colours(data: bytes) -> bytes:
    """The PNG in PNG_COLOURS colours, when that is smaller and the image is opaque (a transparent
    background would turn black)."""
    from PIL import Image  # matplotlib's own dependency: only needed when a lab shows a plot

    with Image.open(io.BytesIO(data)) as image:
        if "A" in image.getbands() and image.getextrema()[image.getbands().index("A")][0] < 255:
            return data
        if "transparency" in image.info:
            return data
        smaller = io.BytesIO()
        image.convert("RGB").quantize(colors=PNG_COLOURS).save(smaller, format="png", optimize=True)
    return smaller.getvalue() if smaller.tell() < len(data) else data


def _code_block(soup: BeautifulSoup, pre: Tag, classes: list[str], title: str | None = None) -> Tag:
    """What ``pre`` held, in the markup of a fenced code block in Material, kept out of the search
    index as on the other pages (site_tools/mkdocs_hooks.py):
    ``<div class="{classes}" data-search-exclude>[<span class="filename">title</span>]<pre>...``"""
    block = soup.new_tag("div", attrs={"class": classes, "data-search-exclude": ""})
    if title:
        filename = soup.new_tag("span", attrs={"class": "filename"})
        filename.string = title
        block.append(filename)
    new_pre, code = soup.new_tag("pre"), soup.new_tag("code")
    new_pre.append(soup.new_tag("span"))  # as Pygments starts every block
    contents = list(pre.contents)
    first = contents[0] if contents else None
    if isinstance(first, Tag) and first.name == "span" and not first.contents:
        contents = contents[1:]  # Pygments' own empty first span
    for child in contents:
        code.append(child.extract())
    new_pre.append(code)
    block.append(new_pre)
    return block


def _code_cells(soup: BeautifulSoup, problems: list[str]) -> None:
    for editor in soup.select("div.jp-InputArea-editor"):
        highlighted = editor.select_one("div.highlight-ipynb")
        pre = highlighted.find("pre") if highlighted else None
        if pre is None:
            problems.append("a code cell without highlighted code")
            continue
        classes = highlighted.get("class", [])
        languages = [m["language"] for c in classes if (m := _HIGHLIGHT_LANGUAGE.match(c))]
        language = languages[0] if languages else "python"
        editor.replace_with(_code_block(soup, pre, [f"language-{language}", "highlight"]))


def _text_outputs(soup: BeautifulSoup, title: str) -> None:
    """Printed text as an Output block; each printed line in a span of its own, as pymdownx writes
    them (``line_spans``), so that a wrapped line is indented (docs/stylesheets/extra.css)."""
    for number, output in enumerate(soup.select("div.jp-RenderedText"), 1):
        pre = output.find("pre", recursive=False)
        if pre is None:
            continue
        if all(isinstance(child, NavigableString) for child in pre.contents):
            lines = pre.get_text().splitlines(keepends=True)
            pre.clear()
            for index, line in enumerate(lines, 1):
                span = soup.new_tag("span", attrs={"id": f"__span-output-{number}-{index}"})
                span.string = line
                pre.append(span)
        block = _code_block(soup, pre, ["language-text", "highlight"], title=title)
        pre.replace_with(*list(block.contents))
        output["class"] = [*output.get("class", []), "language-text", "highlight"]
        output["data-search-exclude"] = ""


def _images(soup: BeautifulSoup, problems: list[str]) -> None:
    for number, image in enumerate(soup.select(".jp-OutputArea-output img"), 1):
        where = f"image {number} of the outputs"
        data = _data_uri_bytes(image.get("src", ""))
        if data is None:
            problems.append(f"{where}: not a PNG of the run's (a data: URI)")
            continue
        description = " ".join(png_text(data).get(DESCRIPTION, "").split())
        if description:
            image["alt"] = description
        else:
            problems.append(f"{where}: no text alternative: save the figure with "
                            f'metadata={{"{DESCRIPTION}": alt}} (what it shows, with its numbers)')
        if not (str(image.get("width", "")).isdigit() and str(image.get("height", "")).isdigit()):
            problems.append(f"{where}: no width and height: show it with IPython's "
                            "Image(png, retina=True), which sets them from the PNG")
        image["src"] = "data:image/png;base64," + base64.b64encode(fewer_colours(data)).decode()
        if not image.get("class"):
            image.attrs.pop("class", None)
        image["loading"] = "lazy"


def rewrite(html: str, output_title: str = "Output") -> tuple[str, list[str]]:
    """The lab's HTML in Material's markup (see the module's docstring), and what went wrong.
    ``output_title`` names the Output blocks in the page's language (``"输出"``)."""
    soup = BeautifulSoup(html, "html.parser")
    problems: list[str] = []
    for tag in soup.find_all(["style", "script"]):
        tag.decompose()
    for collapser in soup.select("div.jp-Collapser"):
        collapser.decompose()
    # Material names each code block after the closest element with an id ("__code_<id>") and
    # finds it again by that name: a cell's id ("cell-id=9d6e7a04") is no valid selector, and the
    # code and the output of one cell would get the same name. Nothing links to a cell.
    for cell in soup.select("div.jp-Cell[id]"):
        del cell["id"]
    # nbconvert makes every cell and output a stop for the keyboard, where there is nothing to do
    for focusable in soup.select(".jp-Cell-inputWrapper, .jp-OutputArea-output"):
        focusable.attrs.pop("tabindex", None)
    _code_cells(soup, problems)
    _text_outputs(soup, output_title)
    _images(soup, problems)
    for anchor in soup.select("a.anchor-link"):
        anchor["class"] = ["headerlink"]
        anchor["title"] = "Permanent link"
    return str(soup), problems

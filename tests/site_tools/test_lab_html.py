"""site_tools/lab_html.py: a lab's HTML from mkdocs-jupyter, rewritten in the site's own markup."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from site_tools.lab_html import fewer_colours, png_text, rewrite


def _png(description: str | None) -> bytes:
    fig, ax = plt.subplots(figsize=(2, 1))
    ax.plot([0, 1], [1, 0])
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=100, metadata={"Description": description})
    plt.close(fig)
    return out.getvalue()


def _cell(png: bytes, size: str = 'width="100" height="50"') -> str:
    """A code cell with a printed line and an image, as nbconvert writes them."""
    data = base64.b64encode(png).decode()
    return f"""<style>.jupyter-wrapper {{}}</style><script>alert(1)</script>
<div class="jp-Cell jp-CodeCell" id="cell-id=9d6e7a04">
<div class="jp-Cell-inputWrapper" tabindex="0">
<div class="jp-Collapser"></div><div class="jp-CodeMirrorEditor jp-Editor jp-InputArea-editor">
<div class="CodeMirror"><div class="zeroclipboard-container"><clipboard-copy for="cell-1">
</clipboard-copy></div><div class="highlight-ipynb hl-python">
<pre><span></span><span class="nb">print</span>
</pre></div><div class="clipboard-copy-txt" id="cell-1">print</div></div></div></div>
<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain" tabindex="0">
<pre>first line
second &lt;line&gt;
</pre></div>
<div class="jp-RenderedImage jp-OutputArea-output"><img alt="No description" class=""
src="data:image/png;base64,{data}" {size}></div></div>
<h2 id="a">A<a class="anchor-link" href="#a">¶</a></h2>"""


@pytest.mark.parametrize("text", ["1.5 s on the CPU", "1.5 s → 2 µs, on the GPU"])
def test_png_text_reads_what_matplotlib_writes(text: str):
    """Latin-1 text goes in a tEXt chunk, anything else in an iTXt chunk."""
    assert png_text(_png(text))["Description"] == text
    assert "Description" not in png_text(_png(None))
    assert png_text(b"not a png") == {}


def test_a_cell_in_materials_markup():
    html, problems = rewrite(_cell(_png("A line from 1 down to 0, in 2 points.")))
    assert problems == []
    assert "<style" not in html and "<script" not in html and "clipboard" not in html
    assert "tabindex" not in html and "jp-Collapser" not in html and "cell-id" not in html
    code = '<div class="language-python highlight" data-search-exclude=""><pre><span></span><code>'
    assert code + '<span class="nb">print' in html
    assert 'language-text highlight" data-mime-type="text/plain" data-search-exclude=""' in html
    assert ('<span class="filename">Output</span><pre><span></span><code>'
            '<span id="__span-output-1-1">first line\n</span>'
            '<span id="__span-output-1-2">second &lt;line&gt;\n</span></code></pre>') in html
    assert 'class="jp-RenderedText jp-OutputArea-output language-text highlight"' in html
    assert '<a class="headerlink" href="#a" title="Permanent link">¶</a>' in html
    assert 'alt="A line from 1 down to 0, in 2 points."' in html
    assert 'loading="lazy"' in html and 'class=""' not in html


def test_an_image_without_a_description_or_a_size_is_a_problem():
    _, problems = rewrite(_cell(_png(None), size=""))
    assert len(problems) == 2
    assert "no text alternative" in problems[0] and "no width and height" in problems[1]


def test_an_opaque_plot_is_stored_in_fewer_colours():
    png = _png("x")
    smaller = fewer_colours(png)
    assert len(smaller) < len(png)
    from PIL import Image

    with Image.open(io.BytesIO(smaller)) as image:
        assert image.mode == "P" and image.size == (200, 100)

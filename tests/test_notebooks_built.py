"""The notebooks in the built site (the session's `site_build`): every page links its notebook,
which is the one site_tools/notebooks.py builds; the labs are rendered with the outputs of their run
and load nothing from another host. The download in a browser: tests/test_notebooks_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import jupytext
import nbformat
import pytest
import torch

from site_tools.notebook_hooks import LAB_ENVIRONMENT
from site_tools.notebooks import notebook_json, notebook_uri, page_notebook, page_url
from site_tools.paths import DOCS, pages, rel

LABS = sorted((DOCS / "labs").glob("*.py"))
DOWNLOAD = re.compile(
    r"<a\s+href=\"(?P<href>[^\"]+)\"\s+download=\"(?P<name>[^\"]+)\"[^>]*?"
    r"aria-label=\"(?P<label>[^\"]+)\""
)


def links(html: str) -> dict[str, tuple[str, str]]:
    """The page's download links: aria-label -> (href, download name)."""
    return {m["label"]: (m["href"], m["name"]) for m in DOWNLOAD.finditer(html)}


def html_of(site_dir: Path, src_uri: str) -> tuple[str, str]:
    url = page_url(src_uri)
    return url, (site_dir / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("source", [*pages(), *LABS], ids=rel)
def test_page_links_its_notebook(site_dir: Path, source: Path):
    src_uri = source.relative_to(DOCS).as_posix()
    url, html = html_of(site_dir, src_uri)
    href, name = links(html)["Download notebook"]
    assert not href.startswith(("/", "http")), "a site-relative link breaks under a sub-path"
    assert urljoin("/" + url, href) == "/" + notebook_uri(src_uri)
    assert name == Path(notebook_uri(src_uri)).name
    built = (site_dir / notebook_uri(src_uri)).read_text(encoding="utf-8")
    nbformat.validate(nbformat.reads(built, as_version=4))
    if source.suffix == ".md":
        assert built == notebook_json(page_notebook(source))
    else:  # a lab: its source as a notebook, to run; and the source itself
        assert len(json.loads(built)["cells"]) == len(jupytext.read(source).cells)
        source_href, _ = links(html)["Download source"]
        assert (site_dir / url / source_href).read_text(encoding="utf-8") == source.read_text()


@pytest.mark.parametrize("lab", LABS, ids=lambda path: path.name)
def test_lab_is_rendered_with_its_outputs(site_dir: Path, lab: Path):
    _, html = html_of(site_dir, lab.relative_to(DOCS).as_posix())
    cells = jupytext.read(lab).cells
    printing = [c for c in cells if re.search(r"\bprint\(|plt\.show\(", c.source)]
    assert html.count("jp-OutputArea-output") >= len(printing), "cells without their outputs"
    assert not re.search(r"<div[^>]*data-mime-type=\"application/vnd\.jupyter\.stderr", html)
    assert "Traceback" not in html
    assert not re.search(r"<script[^>]*\bsrc=\"(https?:)?//|<script[^>]*\bsrc=\"\"", html)
    assert not re.search(r"import\(\s*[\"'](https?:)?//", html), "a script imported from a CDN"


def test_labs_ran_here_with_the_build_settings(site_dir: Path):
    """The outputs are this build's: this machine's torch, and the build's shorter homework."""
    _, machine = html_of(site_dir, "labs/check-your-machine.py")
    assert f"PyTorch {torch.__version__}" in machine
    _, homework = html_of(site_dir, "labs/homework.py")
    assert f"{LAB_ENVIRONMENT['HOMEWORK_EPOCHS']} epochs per run" in homework
    assert re.search(r"<img [^>]*src=\"data:image/png;base64,", homework), "the plot is missing"

"""The notebooks in the built site (the session's `site_build`): every page links its notebook,
which is the one site_tools/notebooks.py builds; the labs are rendered with the outputs of their run
and load nothing from another host. The download in a browser: tests/test_notebooks_browser.py.

Both editions: the Chinese one (``zh/`` of the built site, site_tools/i18n.py) has a notebook of
every page and lab built from its translation (docs/zh/), in its own words, and labels its links
in Chinese."""

from __future__ import annotations

import dataclasses
import functools
import html as html_text
import re
from pathlib import Path
from urllib.parse import urljoin

import jupytext
import nbformat
import pytest
import torch

from site_tools.notebook_hooks import LAB_ENVIRONMENT
from site_tools.notebooks import (
    Site,
    default_site,
    notebook_json,
    notebook_uri,
    page_notebook,
    page_url,
)
from site_tools.paths import CONFIG, DOCS, ROOT, ZH_DOCS, pages, rel, zh_pages


@dataclasses.dataclass(frozen=True)
class Edition:
    folder: str  # where the built site has it: "" or "zh/"
    docs: Path  # its sources: docs/ or docs/zh/
    config: Path
    download_notebook: str  # the download links' labels (overrides/partials/notebook-download.html)
    download_source: str

    def pages(self) -> list[Path]:
        return pages() if self.docs == DOCS else zh_pages()

    def labs(self) -> list[Path]:
        return sorted((self.docs / "labs").glob("*.py"))


ENGLISH = Edition("", DOCS, CONFIG, "Download notebook", "Download source")
CHINESE = Edition("zh/", ZH_DOCS, ROOT / "mkdocs.zh.yml", "下载 notebook", "下载源文件")
EDITIONS = [ENGLISH, CHINESE]
SOURCES = [
    pytest.param(edition, source, id=rel(source))
    for edition in EDITIONS
    for source in [*edition.pages(), *edition.labs()]
]
EDITION_LABS = [
    pytest.param(edition, lab, id=rel(lab)) for edition in EDITIONS for lab in edition.labs()
]


@functools.cache
def site_of(edition: Edition) -> Site:
    """The edition's site as its build sees it: a translated edition is published under its
    folder of the English site's URL (site_tools/i18n.py's on_post_build)."""
    site = default_site(edition.config)
    english_url = default_site(CONFIG).site_url
    url = english_url.rstrip("/") + "/" + edition.folder if english_url else ""
    return dataclasses.replace(site, site_url=url)


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


@pytest.mark.parametrize(("edition", "source"), SOURCES)
def test_page_links_its_notebook(site_dir: Path, edition: Edition, source: Path):
    site_dir = site_dir / edition.folder
    src_uri = source.relative_to(edition.docs).as_posix()
    url, html = html_of(site_dir, src_uri)
    assert edition.download_notebook in links(html), (
        f"{url}: no link labelled {edition.download_notebook!r}: {list(links(html))}"
    )
    href, name = links(html)[edition.download_notebook]
    assert not href.startswith(("/", "http")), "a site-relative link breaks under a sub-path"
    assert urljoin("/" + url, href) == "/" + notebook_uri(src_uri)
    assert name == Path(notebook_uri(src_uri)).name
    built = (site_dir / notebook_uri(src_uri)).read_text(encoding="utf-8")
    nbformat.validate(nbformat.reads(built, as_version=4))
    if source.suffix == ".md":
        assert built == notebook_json(page_notebook(source, site_of(edition)))
    else:  # a lab: its source as a notebook, to run; and the source itself
        cells = [cell.source for cell in nbformat.reads(built, as_version=4).cells]
        assert cells == [cell.source for cell in jupytext.read(source).cells], (
            f"{notebook_uri(src_uri)} is not {rel(source)} as a notebook"
        )
        source_href, _ = links(html)[edition.download_source]
        assert (site_dir / url / source_href).read_text(encoding="utf-8") == source.read_text(
            encoding="utf-8"
        ), f"{url}{source_href} is not {rel(source)}"


@pytest.mark.parametrize(("edition", "lab"), EDITION_LABS)
def test_lab_is_rendered_with_its_outputs(site_dir: Path, edition: Edition, lab: Path):
    url, html = html_of(site_dir / edition.folder, lab.relative_to(edition.docs).as_posix())
    cells = jupytext.read(lab).cells
    title = next(line for line in cells[0].source.split("\n") if line.startswith("# "))[2:]
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
    assert h1 and title in html_text.unescape(re.sub(r"<[^>]+>", "", h1[1])), (
        f"{edition.folder}{url} is not rendered from {rel(lab)} (its title is {title!r})"
    )
    printing = [c for c in cells if re.search(r"\bprint\(|plt\.show\(", c.source)]
    assert html.count("jp-OutputArea-output") >= len(printing), "cells without their outputs"
    assert not re.search(r"<div[^>]*data-mime-type=\"application/vnd\.jupyter\.stderr", html)
    assert "Traceback" not in html
    assert not re.search(r"<script[^>]*\bsrc=\"(https?:)?//|<script[^>]*\bsrc=\"\"", html)
    assert not re.search(r"import\(\s*[\"'](https?:)?//", html), "a script imported from a CDN"


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda edition: edition.folder.strip("/") or "en")
def test_labs_ran_here_with_the_build_settings(site_dir: Path, edition: Edition):
    """The outputs are this build's: this machine's torch, and the build's shorter homework."""
    _, machine = html_of(site_dir / edition.folder, "labs/check-your-machine.py")
    assert f"PyTorch {torch.__version__}" in machine
    _, homework = html_of(site_dir / edition.folder, "labs/homework.py")
    assert f"{LAB_ENVIRONMENT['HOMEWORK_EPOCHS']} epochs per run" in homework
    assert re.search(r"<img [^>]*src=\"data:image/png;base64,", homework), "the plot is missing"

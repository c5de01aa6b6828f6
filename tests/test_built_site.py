"""Checks on the built HTML, without a browser: every internal link and #anchor resolves, the pages
reference nothing on other hosts (external links are listed in test-artifacts/, never fetched),
every image has a text alternative and a size, diagrams are pre-drawn SVG, and the site knows its
URL."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from served_site import CONFIG, file_of_url, site_path, url_of_file, url_of_source

from site_tools.diagrams import SCHEMES, diagrams_of

SITE = "http://site.invalid" + site_path()  # where the pages are, to resolve relative URLs against
# Attributes holding a URL: of another document (a link), or of something the browser fetches to
# show the page (a resource).
RESOURCES = {
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),
    ("use", "href"),
    ("use", "xlink:href"),
    ("link", "imagesrcset"),
}
DOCUMENTS = {("a", "href"), ("area", "href"), ("form", "action")}
# <link rel=...> values that name a related document instead of loading anything.
RELATED_DOCUMENT = {
    "canonical",
    "alternate",
    "prev",
    "next",
    "author",
    "license",
    "help",
    "search",
    "me",
}


@dataclass(frozen=True)
class Reference:
    tag: str
    attribute: str
    url: str
    loaded: bool  # fetched while the page is shown (a stylesheet, a script, an image...)


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rel = set((dict(attrs).get("rel") or "").lower().split())
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.page.ids.add(value)
            if (tag, name) in DOCUMENTS:
                self.page.references.append(Reference(tag, name, value, loaded=False))
            elif (tag, name) in RESOURCES:
                loaded = not (tag == "link" and rel and rel <= RELATED_DOCUMENT)
                urls = (
                    [c.split()[0] for c in value.split(",") if c.strip()]
                    if "srcset" in name
                    else [value]
                )
                self.page.references.extend(Reference(tag, name, url, loaded) for url in urls)


@dataclass
class LinkReport:
    pages: int = 0
    internal_links: int = 0
    anchors: int = 0
    search_locations: int = 0
    search_anchors: int = 0
    broken: list[str] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    loaded_off_site: list[str] = field(default_factory=list)


def _absolute_url(site_dir: Path, path: Path) -> str:
    return SITE + url_of_file(site_dir, path)


def _target_file(site_dir: Path, url_path: str) -> Path | None:
    return file_of_url(site_dir, unquote(url_path).removeprefix(urlsplit(SITE).path))


@pytest.fixture(scope="module")
def link_report(site_dir: Path, artifacts: Path) -> LinkReport:
    parsed: dict[Path, ParsedPage] = {}
    for path in sorted(site_dir.rglob("*.html")):
        collector = _Collector()
        collector.feed(path.read_text(encoding="utf-8"))
        parsed[path] = collector.page

    def ids_of(path: Path) -> set[str]:
        if path not in parsed:  # only HTML pages have anchors
            return set()
        return parsed[path].ids

    report = LinkReport(pages=len(parsed))

    def check(source: str, url: str) -> bool:
        """`url` is on SITE: record what is wrong with it; True when it has an #anchor (a fragment
        of an HTML page: on an image, `#only-dark` is no anchor but Material's colour-scheme
        marker)."""
        parts = urlsplit(url)
        target = _target_file(site_dir, parts.path)
        anchor = bool(parts.fragment) and (target is None or target.suffix == ".html")
        if target is None:
            report.broken.append(f"{source}: {url.removeprefix(SITE)} -> no such file")
        elif anchor and unquote(parts.fragment) not in ids_of(target):
            report.broken.append(f"{source}: {url.removeprefix(SITE)} -> no id {parts.fragment!r}")
        return anchor

    for path, page in parsed.items():
        page_url = _absolute_url(site_dir, path)
        source = page_url.removeprefix(SITE) or "(landing page)"
        for ref in page.references:
            value = ref.url.strip()
            if not value or value == "#" or value.startswith(("javascript:", "data:")):
                continue
            url = urljoin(page_url, value)
            if url.startswith(SITE):
                report.internal_links += 1
                report.anchors += check(source, url)
            else:
                report.external[url].add(source)
                if ref.loaded:
                    report.loaded_off_site.append(
                        f"{source}: <{ref.tag} {ref.attribute}={value!r}>"
                    )

    # Search results link to these locations (a page, or a heading on it). Without the search plugin
    # there is no index: the browser's search test says so.
    index_file = site_dir / "search" / "search_index.json"
    index = (
        json.loads(index_file.read_text(encoding="utf-8")) if index_file.is_file() else {"docs": []}
    )
    for doc in index["docs"]:
        report.search_locations += 1
        report.search_anchors += check("search index", SITE + doc["location"])

    lines = [f"{url}\t{', '.join(sorted(pages))}" for url, pages in sorted(report.external.items())]
    (artifacts / "external-links.txt").write_text(
        "# external links of the built site (listed, not fetched): url<TAB>pages\n"
        + "".join(line + "\n" for line in lines),
        encoding="utf-8",
    )
    summary = (
        f"{report.pages} pages: {report.internal_links} internal links and references checked, "
        f"{report.anchors} of them with an #anchor; "
        f"{report.search_locations} search-index locations checked, "
        f"{report.search_anchors} of them with an #anchor; "
        f"{len(report.external)} external links listed (not fetched) "
        f"in test-artifacts/external-links.txt"
    )
    (artifacts / "link-check.txt").write_text(summary + "\n", encoding="utf-8")
    print(summary)
    return report


def test_every_internal_link_and_anchor_resolves(link_report: LinkReport):
    assert link_report.pages > 0 and link_report.internal_links > 0
    assert not link_report.broken, f"{len(link_report.broken)} broken:\n" + "\n".join(
        link_report.broken
    )


def test_pages_load_nothing_from_other_hosts(link_report: LinkReport):
    """No stylesheet, script, font or image is referenced on another host (Google Fonts, a
    CDN...)."""
    assert not link_report.loaded_off_site, "\n".join(link_report.loaded_off_site)


def test_stylesheets_import_nothing_from_other_hosts(site_dir: Path):
    """A stylesheet could still pull a web font or an @import from a CDN."""
    offenders = []
    for css in sorted(site_dir.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        for match in re.finditer(
            r"""(?:url\(\s*|@import\s+)["']?((?:https?:)?//[^"')\s]+)""", text
        ):
            offenders.append(f"{css.relative_to(site_dir)}: {match[1]}")
    assert not offenders, "\n".join(offenders)


class _Images(HTMLParser):
    """The <img> elements of a page's article (its content), with their attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag == "article"
        if tag == "img" and self.depth:
            self.images.append({name: value or "" for name, value in attrs})

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "article"


def _images(path: Path) -> list[dict[str, str]]:
    parser = _Images()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.images


def test_every_image_has_a_text_alternative_and_a_size(site_dir: Path):
    """Every figure and diagram says what it shows to a reader who cannot see it (a plot states its
    result, with its numbers), reserves its space before it arrives (width, height) and loads only
    when scrolled to (loading="lazy")."""
    problems, count = [], 0
    for page in sorted(site_dir.rglob("*.html")):
        for image in _images(page):
            count += 1
            src = image.get("src", "")
            where = f"/{url_of_file(site_dir, page)}: {src[:80]}"
            alt = " ".join(image.get("alt", "").split())
            # a plot: a PNG file, or a PNG embedded in the page (a lab's, as its run drew it)
            plot = src.endswith(".png") or src.startswith("data:image/png")
            if len(alt) < 40:
                problems.append(f"{where}: the alt text {alt!r} does not say what it shows")
            elif plot and not re.search(r"\d", alt):
                problems.append(
                    f"{where}: the alt text of a plot states no result (no number): {alt!r}"
                )
            if not (image.get("width", "").isdigit() and image.get("height", "").isdigit()):
                problems.append(f"{where}: no width and height")
            if image.get("loading") != "lazy":
                problems.append(f'{where}: not loading="lazy"')
    assert count > 0, "no page has an image"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_diagrams_are_pre_drawn_svg_with_a_title_and_a_description(site_dir: Path):
    """No page loads mermaid (3.5 MB): each ```mermaid fence is shown as SVG images drawn
    beforehand, one per colour scheme, whose alt text and whose <title> and <desc> say what the
    diagram shows."""
    scripts = [p.name for p in site_dir.rglob("*.js") if "mermaid" in p.name.lower()]
    assert not scripts, f"the site ships a mermaid script: {scripts}"
    raw = [
        url_of_file(site_dir, p)
        for p in site_dir.rglob("*.html")
        if 'class="mermaid"' in p.read_text("utf-8")
    ]
    assert not raw, f"pages with a diagram left to mermaid (drawn in the browser): {raw}"
    docs = CONFIG.parent / "docs"
    diagrams = [
        d
        for md in sorted(docs.rglob("*.md"))
        for d in diagrams_of(md.relative_to(docs).as_posix(), md.read_text(encoding="utf-8"))
    ]
    assert diagrams, "no page has a diagram, so none can be checked"
    problems = []
    for diagram in diagrams:
        page = file_of_url(site_dir, url_of_source(diagram.page))
        shown = {image.get("src", "").rsplit("/", 1)[-1]: image for image in _images(page)}
        for scheme in SCHEMES:
            name = diagram.svg(scheme).rsplit("/", 1)[-1]
            image = shown.get(f"{name}#only-{scheme}")
            svg = (site_dir / diagram.svg(scheme)).read_text(encoding="utf-8")
            title = re.search(r"<title[^>]*>(.*?)</title>", svg, re.S)
            desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S)
            if image is None:
                problems.append(f"{diagram.page}: diagram {diagram.number} ({scheme}) is not shown")
            elif " ".join(image.get("alt", "").split()) != diagram.alt:
                problems.append(
                    f"{diagram.page}: diagram {diagram.number} ({scheme}) alt: {image.get('alt')!r}"
                )
            if (
                not title
                or not desc
                or " ".join(title[1].split()) != diagram.title
                or " ".join(desc[1].split()) != diagram.description
            ):
                problems.append(
                    f"{diagram.svg(scheme)}: its <title> and <desc> are not the diagram's"
                )
    assert not problems, "\n".join(problems)


def test_the_site_knows_its_url(site_dir: Path):
    """site_url gives a sitemap of every page and a canonical link on each; the 404 page links its
    styles under the site's path, so that it works under a GitHub project's sub-path."""
    from mkdocs.config import load_config

    site_url = load_config(str(CONFIG))["site_url"]
    pages = [url_of_file(site_dir, p) for p in site_dir.rglob("*.html") if p.name != "404.html"]
    # Each edition is a site of its own, with its own sitemap: / lists the English pages, /zh/
    # the Chinese ones (site_tools/i18n.py).
    for edition in ("", "zh/"):
        sitemap = (site_dir / edition / "sitemap.xml").read_text(encoding="utf-8")
        listed = re.findall(r"<loc>(.*?)</loc>", sitemap)
        expected = (
            [page for page in pages if page.startswith(edition) and not page.startswith("zh/")]
            if not edition
            else [page for page in pages if page.startswith(edition)]
        )
        assert site_url and sorted(listed) == sorted(site_url + page for page in expected), (
            edition,
            listed,
        )
    for page in pages:
        html = file_of_url(site_dir, page).read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{site_url + page}">' in html, (
            f"/{page} has no canonical link"
        )
    not_found = (site_dir / "404.html").read_text(encoding="utf-8")
    assert f'href="{site_path()}assets/stylesheets/' in not_found, (
        "404.html does not link its styles under the site's path"
    )

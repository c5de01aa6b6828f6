"""Checks on the built HTML, without a browser: every internal link and #anchor resolves, and the pages
reference nothing on other hosts (external links are listed in test-artifacts/, never fetched)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from served_site import site_path

SITE = "http://site.invalid" + site_path()  # where the pages are, to resolve relative URLs against
# Attributes holding a URL: of another document (a link), or of something the browser fetches to show
# the page (a resource).
RESOURCES = {("link", "href"), ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"),
             ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"),
             ("iframe", "src"), ("embed", "src"), ("object", "data"), ("image", "href"),
             ("use", "href"), ("use", "xlink:href"), ("link", "imagesrcset")}
DOCUMENTS = {("a", "href"), ("area", "href"), ("form", "action")}
# <link rel=...> values that name a related document instead of loading anything.
RELATED_DOCUMENT = {"canonical", "alternate", "prev", "next", "author", "license", "help", "search", "me"}


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
                urls = [c.split()[0] for c in value.split(",") if c.strip()] if "srcset" in name else [value]
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


def _url_of(site_dir: Path, path: Path) -> str:
    rel = path.relative_to(site_dir).as_posix()
    return SITE + (rel.removesuffix("index.html") if path.name == "index.html" else rel)


def _target_file(site_dir: Path, url_path: str) -> Path | None:
    path = site_dir / unquote(url_path).removeprefix(urlsplit(SITE).path)
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


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
        """`url` is on SITE: record what is wrong with it; True when it has an #anchor."""
        parts = urlsplit(url)
        target = _target_file(site_dir, parts.path)
        if target is None:
            report.broken.append(f"{source}: {url.removeprefix(SITE)} -> no such file")
        elif parts.fragment and unquote(parts.fragment) not in ids_of(target):
            report.broken.append(f"{source}: {url.removeprefix(SITE)} -> no id {parts.fragment!r}")
        return bool(parts.fragment)

    for path, page in parsed.items():
        page_url = _url_of(site_dir, path)
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
                    report.loaded_off_site.append(f"{source}: <{ref.tag} {ref.attribute}={value!r}>")

    # Search results link to these locations (a page, or a heading on it). Without the search plugin
    # there is no index: the browser's search test says so.
    index_file = site_dir / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8")) if index_file.is_file() else {"docs": []}
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
        f"{report.anchors} of them with an #anchor; {report.search_locations} search-index locations "
        f"checked, {report.search_anchors} of them with an #anchor; {len(report.external)} external "
        f"links listed (not fetched) in test-artifacts/external-links.txt"
    )
    (artifacts / "link-check.txt").write_text(summary + "\n", encoding="utf-8")
    print(summary)
    return report


def test_every_internal_link_and_anchor_resolves(link_report: LinkReport):
    assert link_report.pages > 0 and link_report.internal_links > 0
    assert not link_report.broken, f"{len(link_report.broken)} broken:\n" + "\n".join(link_report.broken)


def test_pages_load_nothing_from_other_hosts(link_report: LinkReport):
    """No stylesheet, script, font or image is referenced on another host (Google Fonts, a CDN...)."""
    assert not link_report.loaded_off_site, "\n".join(link_report.loaded_off_site)


def test_stylesheets_import_nothing_from_other_hosts(site_dir: Path):
    """A stylesheet could still pull a web font or an @import from a CDN."""
    offenders = []
    for css in sorted(site_dir.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        for match in re.finditer(r"""(?:url\(\s*|@import\s+)["']?((?:https?:)?//[^"')\s]+)""", text):
            offenders.append(f"{css.relative_to(site_dir)}: {match[1]}")
    assert not offenders, "\n".join(offenders)


def test_mermaid_is_served_by_the_site_and_only_where_needed(site_dir: Path):
    """Pages with a diagram load mermaid from the site (assets/vendor/), not from a CDN; pages without
    one do not load its 3.5 MB at all."""
    bundles = sorted((site_dir / "assets" / "vendor").glob("mermaid-*.min.js"))
    assert len(bundles) == 1 and bundles[0].stat().st_size > 1_000_000, bundles
    bundle_url = SITE + f"assets/vendor/{bundles[0].name}"
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        collector = _Collector()
        collector.feed(html)
        page_url = _url_of(site_dir, page)
        scripts = [urljoin(page_url, ref.url) for ref in collector.page.references if ref.tag == "script"]
        if 'class="mermaid"' in html:
            assert bundle_url in scripts, f"{page_url} draws a diagram but does not load {bundle_url}"
        else:
            assert bundle_url not in scripts, f"{page_url} has no diagram but loads mermaid"

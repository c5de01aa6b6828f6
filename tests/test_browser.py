"""The site as readers get it: every page in a real headless Chromium, served from 127.0.0.1.

One Chromium for the session (see conftest.py). The sweep loads every page once, as a first visit,
and records what happened: every request (workers included), console errors, what the copy buttons
copy, the layout at a phone's width. The tests below assert on that record. Search, diagrams and the
colour toggle are driven like a reader would, each in a fresh browser context. Screenshots and page
weights go to test-artifacts/.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from served_site import CONFIG, ROOT, SiteServer, page_file, site_pages

from site_tools.harness import PythonBlock, make_sybil, shown_code

LANDING_BUDGET = 400 * 1024  # bytes transferred for the landing page, search index included
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
PARALLEL_LOADS = 3  # pages loading at the same time in the sweep
TIMEOUT_MS = 15_000
CLIPBOARD = ["clipboard-read", "clipboard-write"]
NOTHING_COPIED = "(nothing copied)"

# Material draws diagrams into a closed shadow root; open it so that the tests can see the SVG.
OPEN_SHADOW_ROOTS = """
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attachShadow.call(this, {...init, mode: "open"}); };
"""
# Widths after the layout has settled at the current viewport size.
PAGE_WIDTHS = """
() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => resolve({
    body: [document.body.scrollWidth, document.body.clientWidth],
    html: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
}))))
"""
# What kind of Python block each is: a block of a kind not seen yet on the page gets its copy button
# tested (in a content tab, in a collapsible block, with a title, highlighted lines, annotations).
BLOCK_KINDS = """
() => [...document.querySelectorAll("div.language-python")].map(block => JSON.stringify([
    !!block.closest(".tabbed-block"), !!block.closest("details"), !!block.querySelector(".filename"),
    !!block.querySelector(".hll"), !!block.querySelector(".md-annotation, .md-annotation__index"),
]))
"""
# Make a block visible: open its collapsible ancestors, select the content tabs that hold it.
REVEAL = """
block => {
    for (let node = block; node; node = node.parentElement) {
        if (node.tagName === "DETAILS") node.open = true;
        if (node.classList && node.classList.contains("tabbed-block")) {
            const index = [...node.parentElement.children].indexOf(node);
            node.closest(".tabbed-set").querySelector(".tabbed-labels").children[index].click();
        }
    }
}
"""
READ_CLIPBOARD = f"""
async () => {{
    for (let i = 0; i < 50; i++) {{
        const text = await navigator.clipboard.readText();
        if (text !== "{NOTHING_COPIED}") return text;
        await new Promise(resolve => setTimeout(resolve, 20));
    }}
    return "{NOTHING_COPIED}";
}}
"""


@dataclass
class Copy:
    block: int  # 1-based position among the page's Python blocks
    expected: str
    copied: str


@dataclass
class PageLoad:
    page: str  # URL path relative to the site root; "" is the landing page
    requests: list[str] = field(default_factory=list)  # every URL the page asked for, workers included
    console_errors: list[str] = field(default_factory=list)  # console errors, uncaught exceptions
    failures: list[str] = field(default_factory=list)  # failed requests, HTTP errors
    widths_at_phone: dict = field(default_factory=dict)
    python_blocks: tuple[int, int] = (0, 0)  # (on the page, in its Markdown source)
    copies: list[Copy] = field(default_factory=list)
    browser_sizes: dict[str, int] = field(default_factory=dict)  # URL -> body size as Chromium received it
    finished: list = field(default_factory=list, repr=False)  # requests with a response (Playwright objects)


def _listen(page, load: PageLoad) -> None:
    page.on("request", lambda request: load.requests.append(request.url))
    page.on("requestfinished", lambda request: load.finished.append(request))
    page.on("requestfailed", lambda request: load.failures.append(f"{request.url}: {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and load.failures.append(
        f"{response.url}: HTTP {response.status}"))
    page.on("console", lambda msg: msg.type == "error" and load.console_errors.append(f"console: {msg.text}"))
    page.on("pageerror", lambda error: load.console_errors.append(f"uncaught: {error}"))


def _off_site(urls: list[str], server: SiteServer) -> list[str]:
    return [url for url in urls if not url.startswith((server.base_url, "data:", "blob:"))]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _url_of(md: str) -> str:
    """The URL path of a page's Markdown file (relative to docs/), with directory URLs."""
    md = md.removesuffix(".md")
    if md == "index":
        return ""
    return md.removesuffix("index") if md.endswith("/index") else md + "/"


def nav_first_pages() -> list[tuple[str, str]]:
    """(name, URL path) of the landing page and of the first page of each top-level nav section."""
    from mkdocs.config import load_config

    def first_page(item) -> str | None:
        if isinstance(item, str):
            return item if item.endswith(".md") else None
        if isinstance(item, dict):
            return next((found for value in item.values() if (found := first_page(value))), None)
        if isinstance(item, list):
            return next((found for entry in item if (found := first_page(entry))), None)
        return None

    result = [("home", "")]
    for entry in load_config(str(CONFIG))["nav"]:
        if isinstance(entry, dict) and (md := first_page(entry)) and _url_of(md):
            result.append((next(iter(entry)), _url_of(md)))
    return result


def screenshot_names() -> dict[str, str]:
    pages = nav_first_pages()
    return {url: f"{index:02d}-{_slug(name) or 'part'}" for index, (name, url) in enumerate(pages)}


def python_blocks_by_page() -> dict[str, list[str]]:
    """URL path -> the code of each Python block of the page, as the site shows it (embeds expanded)."""
    docs = ROOT / "docs"
    sybil = make_sybil(CONFIG, docs)
    pages = {}
    for md in sorted(docs.rglob("*.md")):
        blocks = [shown_code(example.parsed, CONFIG) for example in sybil.parse(md).examples()
                  if isinstance(example.parsed, PythonBlock)]
        pages[_url_of(md.relative_to(docs).as_posix())] = blocks
    return pages


def _copy_blocks(page, expected_blocks: list[str], load: PageLoad) -> None:
    """Click the copy button of the first Python block of each kind and of the last block, and record
    what it copied."""
    blocks = page.locator("div.language-python")
    kinds = page.evaluate(BLOCK_KINDS)
    load.python_blocks = (len(kinds), len(expected_blocks))
    if len(kinds) != len(expected_blocks):
        return
    seen = set()
    for index, (kind, expected) in enumerate(zip(kinds, expected_blocks)):
        if kind in seen and index != len(kinds) - 1:
            continue
        seen.add(kind)
        block = blocks.nth(index)
        block.evaluate(REVEAL)
        page.evaluate(f"navigator.clipboard.writeText('{NOTHING_COPIED}')")
        block.locator('button[data-md-type="copy"], button.md-clipboard').first.click()
        load.copies.append(Copy(index + 1, expected, page.evaluate(READ_CLIPBOARD)))


@pytest.fixture(scope="module")
def page_loads(browser, site_server: SiteServer, site_dir: Path, artifacts: Path) -> dict[str, PageLoad]:
    """Load every page once and record what happened; screenshot the landing page and each part's first."""
    pages = site_pages(site_dir)
    sources = python_blocks_by_page()
    shots = screenshot_names()
    shot_dir = artifacts / "screenshots"
    shot_dir.mkdir(exist_ok=True)
    for old in shot_dir.glob("*.png"):
        old.unlink()
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", permissions=CLIPBOARD)
    context.set_default_timeout(TIMEOUT_MS)
    loads: dict[str, PageLoad] = {}
    for start in range(0, len(pages), PARALLEL_LOADS):
        batch = []
        for page_path in pages[start : start + PARALLEL_LOADS]:
            page = context.new_page()
            load = loads[page_path] = PageLoad(page_path)
            _listen(page, load)
            page.goto(site_server.base_url + page_path, wait_until="commit")
            batch.append((page, load))
        for page, load in batch:  # one page at a time from here: the clipboard is shared
            page.wait_for_load_state("networkidle")
            if load.page == "":
                load.browser_sizes = {r.url: r.sizes()["responseBodySize"] for r in load.finished}
            if load.page in shots:
                page.screenshot(path=shot_dir / f"{shots[load.page]}.png")
            if load.page in sources:
                _copy_blocks(page, sources[load.page], load)
            page.set_viewport_size(PHONE)
            page.evaluate("window.scrollTo(0, 0)")
            load.widths_at_phone = page.evaluate(PAGE_WIDTHS)
            if load.page == "":
                page.screenshot(path=shot_dir / f"{shots['']}-phone.png")
            load.finished.clear()
            page.close()
    context.close()
    return loads


# --------------------------------------------------------------------------------------------------
# Every page


def test_every_page_was_loaded(page_loads: dict[str, PageLoad], site_dir: Path):
    assert set(page_loads) == set(site_pages(site_dir))
    assert "" in page_loads and len(page_loads) >= 2


def test_every_page_loads_without_console_errors(page_loads: dict[str, PageLoad]):
    problems = [f"/{p}: {e}" for p, load in page_loads.items() for e in load.console_errors + load.failures]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_every_page_requests_only_the_local_server(page_loads: dict[str, PageLoad], site_server: SiteServer):
    """No Google Fonts, no CDN (mermaid, Material's polyfills from unpkg): nothing but this site."""
    off_site = [
        f"/{p}: {url}" for p, load in page_loads.items() for url in _off_site(load.requests, site_server)
    ]
    assert not off_site, f"{len(off_site)} requests to other hosts:\n" + "\n".join(off_site)
    assert all(load.requests for load in page_loads.values())


def test_every_page_fits_a_phone_screen(page_loads: dict[str, PageLoad]):
    """At 375 CSS pixels wide, the page body does not scroll sideways (code blocks scroll inside)."""
    too_wide = [
        f"/{p}: {load.widths_at_phone}"
        for p, load in page_loads.items()
        if any(scroll > client for scroll, client in load.widths_at_phone.values())
    ]
    assert not too_wide, "wider than the screen ([scrollWidth, clientWidth]):\n" + "\n".join(too_wide)


def test_copy_button_copies_exactly_the_code(page_loads: dict[str, PageLoad]):
    """What the copy button puts on the clipboard is the code of the source: no prompt, no line number,
    no Output. Tested on every page, for the first Python block of each kind on it, and the last one."""
    with_code = {p: load for p, load in page_loads.items() if load.python_blocks[1]}
    assert with_code, "no page has a Python block"
    miscounted = [f"/{p}: {load.python_blocks}" for p, load in with_code.items()
                  if load.python_blocks[0] != load.python_blocks[1]]
    assert not miscounted, "Python blocks (on the page, in the source) differ:\n" + "\n".join(miscounted)
    copies = [(p, copy) for p, load in with_code.items() for copy in load.copies]
    wrong = [
        f"/{p} block {copy.block}:\n--- copied\n{copy.copied}\n--- code\n{copy.expected}"
        for p, copy in copies
        if copy.copied != copy.expected.rstrip()
    ]
    assert not wrong, f"{len(wrong)} of {len(copies)} blocks copy something else:\n" + "\n".join(wrong)
    print(f"copy button checked on {len(copies)} Python blocks of {len(with_code)} pages")


def test_page_weights(page_loads: dict[str, PageLoad], site_server: SiteServer, artifacts: Path):
    """Bytes transferred per first visit, written to test-artifacts/; the landing page stays in budget."""
    weights = {}
    for page_path, load in page_loads.items():
        local = [urlsplit(url).path for url in load.requests if url.startswith(site_server.base_url)]
        weights[page_path] = (
            sum(site_server.body_size(path, compressed=True) for path in local),
            sum(site_server.body_size(path, compressed=False) for path in local),
            len(local),
        )
    landing = weights[""]
    heaviest = max(weights, key=lambda page_path: weights[page_path][0])
    lines = [
        "# Bytes of the response bodies of a first visit (every request: styles, scripts, the search",
        "# worker and its index, images, diagrams), sent gzip-compressed as GitHub Pages, Netlify or",
        "# nginx send them, and uncompressed.",
        f"# landing page budget: {LANDING_BUDGET} bytes transferred",
        "# page\ttransferred\tuncompressed\trequests",
    ]
    lines += [f"/{p}\t{w[0]}\t{w[1]}\t{w[2]}" for p, w in sorted(weights.items(), key=lambda kv: -kv[1][0])]
    lines.append(f"# landing page: {landing[0]} bytes transferred ({landing[1]} uncompressed)")
    top = weights[heaviest]
    lines.append(f"# heaviest page: /{heaviest}: {top[0]} bytes transferred ({top[1]} uncompressed)")
    (artifacts / "page-weights.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[-2:]))

    # The sizes counted are the ones Chromium received, wherever it reports one (it reports none for
    # the search worker's script).
    compared = {url: size for url, size in page_loads[""].browser_sizes.items() if size}
    assert site_server.base_url in compared, page_loads[""].browser_sizes
    for url, size in compared.items():
        assert size == site_server.body_size(urlsplit(url).path, compressed=True), url
    assert any(url.endswith("/search/search_index.json") for url in page_loads[""].requests)
    assert landing[0] < LANDING_BUDGET, f"the landing page transfers {landing[0]} bytes > {LANDING_BUDGET}"


def test_screenshots_of_each_part_are_saved(page_loads: dict[str, PageLoad], artifacts: Path):
    """Look at them: test-artifacts/screenshots/ (the landing page, and each part's first page)."""
    expected = {f"{name}.png" for name in screenshot_names().values()}
    saved = {path.name: path.stat().st_size for path in (artifacts / "screenshots").glob("*.png")}
    assert len(expected) >= 2 and expected <= set(saved), (expected, saved)
    assert all(size > 10_000 for size in saved.values()), f"an empty-looking screenshot: {saved}"


# --------------------------------------------------------------------------------------------------
# Driving the site like a reader


@dataclass
class Reader:
    page: object  # a Playwright Page
    load: PageLoad  # what it requested, and what went wrong, while the test drove it


@pytest.fixture
def reader(browser, site_server: SiteServer):
    """A fresh tab in its own context (no storage, no cache); it fails the test on off-site requests,
    console errors or failed requests."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(OPEN_SHADOW_ROOTS)
    page = context.new_page()
    reader = Reader(page, PageLoad(""))
    _listen(page, reader.load)
    yield reader
    context.close()
    assert not _off_site(reader.load.requests, site_server), reader.load.requests
    problems = reader.load.console_errors + reader.load.failures
    assert not problems, problems


def _tokens(html: str, prose_only: bool = False, raw_only: bool = False) -> list[str]:
    """Words of a search-index text, split as lunr splits them (on whitespace and hyphens)."""
    if prose_only:
        html = re.sub(r"<(pre|code)\b.*?</\1>", " ", html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", html)
    raw = [token.lower() for token in re.split(r"[\s\-]+", text)]
    # Both the raw tokens (what the index holds, HTML entities and punctuation included) and their
    # bare words, so that a word counts as "elsewhere" however it is written there.
    return raw if raw_only else raw + [token.strip(".,:;!?()\"'") for token in raw]


def search_target(site_dir: Path) -> tuple[str, str, str]:
    """(URL path, title, a word found on that page only) of the deepest page, the last in the nav."""
    path = site_dir / "search" / "search_index.json"
    assert path.is_file(), "the built site has no search index (search/search_index.json): is `search` in plugins?"
    index = json.loads(path.read_text(encoding="utf-8"))
    words: dict[str, set[str]] = defaultdict(set)
    prose: dict[str, set[str]] = defaultdict(set)  # words outside code
    titles: dict[str, str] = {}
    for doc in index["docs"]:
        location = doc["location"].split("#")[0]
        titles.setdefault(location, doc["title"])
        words[location].update(_tokens(doc["title"] + " " + doc["text"]))
        prose[location].update(_tokens(doc["title"] + " " + doc["text"], prose_only=True, raw_only=True))
    depth = max(location.count("/") for location in titles)
    target = [location for location in titles if location.count("/") == depth][-1]
    elsewhere = set().union(*(words[p] for p in titles if p != target))
    # Only a token that is a bare word in the index (no quotes, no entities, no punctuation) is
    # sure to be found by typing it.
    unique = [word for word in prose[target] - elsewhere if re.fullmatch(r"[a-z]{8,}", word)]
    assert unique, f"every word of /{target} is on another page too"
    return target, titles[target], max(unique, key=lambda word: (len(word), word))


def test_search_finds_a_deep_page_and_opens_it(reader: Reader, site_server: SiteServer, site_dir: Path):
    target, title, word = search_target(site_dir)
    page = reader.page
    page.goto(site_server.base_url, wait_until="networkidle")
    query = page.locator("input.md-search__input")  # in the header at desktop width
    query.click()
    query.press_sequentially(word, delay=20)
    # The first result on that page whose excerpt shows the word (marked), as a reader would pick.
    results = page.locator(f'a.md-search-result__link[href*="{target}"]')
    result = results.filter(has=page.locator("mark")).first
    result.wait_for(state="visible")
    result.click()
    page.wait_for_url(lambda url: urlsplit(url).path == site_server.path + target)
    page.wait_for_load_state("networkidle")
    heading = page.locator("h1").first.inner_text().replace("\N{PILCROW SIGN}", "")
    assert " ".join(heading.split()) == " ".join(re.sub(r"<[^>]+>", "", title).split())
    assert word in page.locator("article").inner_text().lower()
    assert page.locator("mark[data-md-highlight]").count() > 0, "the search term is not highlighted"


def test_mermaid_diagram_is_drawn_as_svg(reader: Reader, site_server: SiteServer, site_dir: Path):
    html = {page: page_file(site_dir, page).read_text(encoding="utf-8") for page in site_pages(site_dir)}
    diagram_pages = [page for page, text in html.items() if 'class="mermaid"' in text]
    assert diagram_pages, "no page of the site has a mermaid diagram, so none can be checked"
    page = reader.page
    for page_path in diagram_pages:
        expected = html[page_path].count('class="mermaid"')
        page.goto(site_server.base_url + page_path, wait_until="load")
        page.wait_for_function(
            "n => document.querySelectorAll('div.mermaid').length >= n && [...document.querySelectorAll("
            "'div.mermaid')].every(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))",
            arg=expected,
        )
        svgs = page.locator("div.mermaid svg")
        assert svgs.count() == expected, f"/{page_path}: {svgs.count()} of {expected} diagrams drawn"
        for index in range(expected):
            box = svgs.nth(index).bounding_box()
            assert box and box["width"] > 50 and box["height"] > 20, f"/{page_path}: diagram {index} is {box}"
            assert svgs.nth(index).locator("text, foreignObject").count() > 0, "a diagram without labels"
    assert any("/assets/vendor/mermaid-" in url for url in reader.load.requests), reader.load.requests


def test_light_dark_toggle(reader: Reader, site_server: SiteServer):
    page = reader.page

    def scheme() -> str:
        return page.evaluate("document.body.getAttribute('data-md-color-scheme')")

    def background() -> str:
        return page.evaluate("getComputedStyle(document.body).backgroundColor")

    toggle = page.locator('form[data-md-component="palette"] label:visible')
    page.goto(site_server.base_url, wait_until="load")
    assert scheme() == "default"
    light = background()
    toggle.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert background() != light, "the colour scheme changed but the page looks the same"
    page.reload(wait_until="load")
    assert scheme() == "slate", "the reader's choice is not kept from one page to the next"
    toggle.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert background() == light

"""The site as readers get it: every page in a real headless Chromium, served from 127.0.0.1.

One Chromium for the session (see conftest.py), one browser context for the sweep. The sweep visits
every page once, as a first visit, in a few tabs that take turns, and records what happened: every
request (workers included), console errors, what the copy buttons copy, what axe-core finds in the
light and in the dark colour scheme, which code blocks scroll sideways at 1280 pixels, and the
layout at a phone's width. The tests below assert on that record. Search, the diagrams and the
colour toggle are driven like a reader would, each in a fresh browser context. Screenshots, page
weights and the code blocks that do not fit go to test-artifacts/.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jupytext
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from served_site import (
    CONFIG,
    ROOT,
    SiteServer,
    axe_source,
    file_of_url,
    site_pages,
    url_of_file,
    url_of_source,
)

from site_tools.harness import PythonBlock, make_sybil, shown_code
from site_tools.notebooks import page_url

PAGE_BUDGET = 300 * 1024  # bytes a first visit of any page transfers, everything it loads included
# characters of code a line may have (ruff's line length): they fit at 1280 pixels
CODE_COLUMNS = 100
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
IN_FLIGHT = 4  # tabs of the sweep: pages loading and being checked at the same time
TIMEOUT_MS = 15_000
CLIPBOARD = ["clipboard-read", "clipboard-write"]
NOTHING_COPIED = "(nothing copied)"
MISSING_PAGE = "no-such-page/anywhere/"  # the server answers it with 404.html, as GitHub Pages does
HOMES = ("", "zh/")  # each edition's landing page
SEARCH_INDEX = "/search/search_index.json"
# axe-core rules whose violations are accepted, with the reason. None today: keep it that way.
AXE_ACCEPTED: dict[str, str] = {}
# In the dark scheme only the colours change, not the document: the rules that depend on colour.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# axe-core's options: every rule; every rule but the colour rules; the colour rules only.
AXE_ALL = {"resultTypes": ["violations"]}
AXE_NOT_COLOUR = AXE_ALL | {"rules": {rule: {"enabled": False} for rule in AXE_COLOUR_RULES}}
AXE_ONLY_COLOUR = AXE_ALL | {"runOnly": AXE_COLOUR_RULES}

# In the scripts below, a backslash at the end of a line joins the next line to it (Python drops
# both): the lines stay within ruff's length, and the scripts are unchanged.
# Start axe-core on the page (injected into every page of the sweep) without waiting for it, not
# even for the part of its work that it does at once: the sweep collects the result later with
# COLLECT_AXE, while the other pages do their own work.
START_AXE = """
options => { window.__axe = new Promise(resolve => {
        const channel = new MessageChannel();\
  // a task of its own, which no timer throttling delays
        channel.port1.onmessage = resolve;
        channel.port2.postMessage(0);
    })
    .then(() => axe.run(document, options))
    .then(result => result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 160),
                                  why: (n.failureSummary || "").split("\\n").slice(1)\
.join(" ").slice(0, 240)})),
    }))); }
"""
COLLECT_AXE = "() => window.__axe"
DARK = "() => document.body.setAttribute('data-md-color-scheme', 'slate')"
# What axe looks at has settled: no colour half-way through one of Material's transitions (the
# "Copied to clipboard" message fading in, a change of colour scheme).
NO_TRANSITIONS = """
() => {
    const style = document.createElement("style");
    style.textContent = "*, *::before, *::after { transition: none !important; }";
    document.head.append(style);
}
"""
# Everything a reader can reveal is shown, so that its code blocks are measured: collapsed blocks
# opened, every content tab displayed.
# The page's diagrams in its colour scheme (site_tools/diagrams.py): the variant of the scheme is
# shown, loaded (it is lazy: it is asked for now) and of a readable size; the other is hidden.
DIAGRAMS = """
async () => {
    const scheme = document.body.dataset.mdColorScheme === "slate" ? "dark" : "light";
    const images = [...document.querySelectorAll('article img[src*="diagrams/"]')];
    const shown = images.filter(image => image.src.endsWith("#only-" + scheme));
    const problems = [];
    for (const image of shown) {
        image.loading = "eager";
        if (!(image.complete && image.naturalWidth)) {
            await Promise.race([
                new Promise(done => {
                    image.addEventListener("load", done, {once: true});
                    image.addEventListener("error", done, {once: true});
                }),
                new Promise(done => setTimeout(done, 10000)),
            ]);
        }
        const box = image.getBoundingClientRect();
        const name = image.src.split("/").pop();
        if (!image.naturalWidth) problems.push(name + " did not load");
        else if (box.width <= 100 || box.height <= 100) {
            problems.push(`${name} is ${box.width}x${box.height} pixels`);
        }
        if (!image.checkVisibility()) problems.push(name + " is hidden");
    }
    for (const image of images.filter(image => !shown.includes(image))) {
        if (image.checkVisibility()) problems.push(image.src.split("/").pop() + " is shown too");
    }
    return {scheme, images: images.length, shown: shown.length, problems};
}
"""
REVEAL_ALL = """
() => {
    document.querySelectorAll("details").forEach(details => details.open = true);
    const style = document.createElement("style");
    style.textContent = \
".tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }";
    document.head.append(style);
}
"""
# Code blocks that scroll sideways, and how many characters fit in each (at the current width).
CODE_BLOCKS = """
() => {
    const canvas = document.createElement("canvas").getContext("2d");
    const blocks = [];
    for (const code of document.querySelectorAll("article div.highlight pre > code")) {
        const style = getComputedStyle(code);
        canvas.font = `${style.fontSize} ${style.fontFamily}`;
        const inner = code.clientWidth - parseFloat(style.paddingLeft) \
- parseFloat(style.paddingRight);
        const lines = code.textContent.replace(/\\n$/, "").split("\\n");
        const block = code.closest("div.highlight").parentElement;
        blocks.push({
            title: (block.querySelector(".filename") || {}).textContent || \
block.className.split(" ")[0],
            first: lines[0], longest: Math.max(...lines.map(line => line.length)),
            columns: Math.floor(inner / (canvas.measureText("0".repeat(100)).width / 100)),
            scrolls: code.scrollWidth > code.clientWidth + 1,
        });
    }
    return blocks;
}
"""
# Widths at the current viewport size (reading them lays the page out).
PAGE_WIDTHS = """
() => ({
    body: [document.body.scrollWidth, document.body.clientWidth],
    html: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
})
"""
# At a phone's width: Output blocks that scroll, and how large each image of the page is shown.
PHONE_LAYOUT = """
() => ({
    outputs: [...document.querySelectorAll("article .language-text")].filter(block => \
block.querySelector(
        ".filename")).map(block => block.querySelector("pre > code")).filter(code => \
code.scrollWidth >
        code.clientWidth + 1).map(code => code.textContent.split("\\n")[0]),
    images: [...document.querySelectorAll("article img")].filter(img => img.offsetParent)\
.map(img => ({
        src: img.getAttribute("src"), shown: img.getBoundingClientRect().width,
        width: +img.getAttribute("width") || null})),
})
"""
IMAGES = "() => [...document.querySelectorAll('img')].map(img => img.src.split('#')[0])"
# What kind of Python block each is: a block of a kind not seen yet on the page gets its copy button
# tested (in a content tab, in a collapsible block, with a title, highlighted lines, annotations).
BLOCK_KINDS = """
() => [...document.querySelectorAll("div.language-python")].map(block => JSON.stringify([
    !!block.closest(".tabbed-block"), !!block.closest("details"), \
!!block.querySelector(".filename"),
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
    # every URL the page asked for, workers included
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)  # console errors, uncaught exceptions
    failures: list[str] = field(default_factory=list)  # failed requests, HTTP errors
    widths_at_phone: dict = field(default_factory=dict)
    python_blocks: tuple[int, int] = (0, 0)  # (on the page, in its Markdown source)
    copies: list[Copy] = field(default_factory=list)
    # URL -> body size as Chromium received it
    browser_sizes: dict[str, int] = field(default_factory=dict)
    # every <img> of the page, loaded yet or not (lazy)
    images: list[str] = field(default_factory=list)
    code_blocks: list[dict] = field(default_factory=list)  # at 1280 pixels: see CODE_BLOCKS
    # colour scheme -> axe-core's violations
    axe: dict[str, list[dict]] = field(default_factory=dict)
    phone: dict = field(default_factory=dict)  # see PHONE_LAYOUT
    diagrams: list[dict] = field(default_factory=list)  # in light, then in dark: see DIAGRAMS
    # requests with a response (Playwright objects)
    finished: list = field(default_factory=list, repr=False)
    settled: list[str] = field(default_factory=list, repr=False)  # requests finished or failed


def _listen(page, current: Callable[[], PageLoad]) -> None:
    """Record what happens in a tab into the record of the page it shows now. A request belongs to
    the page that asked for it: what happens to it after the tab has moved on to another page (a
    request that leaving the page cancels, say) is no failure of either page."""
    asked_by: dict[object, PageLoad] = {}  # request -> the record of the page that asked for it

    def asked(request) -> None:
        asked_by[request] = current()
        current().requests.append(request.url)

    def ended(request, failure: str | None = None) -> None:
        load = asked_by.pop(request, None)
        if load is not current():
            return
        if failure is None:
            load.finished.append(request)
        else:
            load.failures.append(f"{request.url}: {failure}")
        load.settled.append(request.url)

    def answered(response) -> None:
        load = asked_by.get(response.request)
        if load is current() and response.status >= 400:
            load.failures.append(f"{response.url}: HTTP {response.status}")

    page.on("request", asked)
    page.on("requestfinished", ended)
    page.on("requestfailed", lambda request: ended(request, request.failure or "failed"))
    page.on("response", answered)
    page.on(
        "console",
        lambda msg: msg.type == "error" and current().console_errors.append(f"console: {msg.text}"),
    )
    page.on("pageerror", lambda error: current().console_errors.append(f"uncaught: {error}"))


def _off_site(urls: list[str], server: SiteServer) -> list[str]:
    return [url for url in urls if not url.startswith((server.base_url, "data:", "blob:"))]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


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
        if isinstance(entry, dict) and (md := first_page(entry)) and url_of_source(md):
            result.append((next(iter(entry)), url_of_source(md)))
    return result


def screenshot_names() -> dict[str, str]:
    """URL path -> screenshot name: the landing page and each part's first page, in English and in
    Chinese (zh-00-home.png...: a Chinese page shows characters, not boxes, where the CJK fonts are
    installed)."""
    pages = nav_first_pages()
    names = {url: f"{index:02d}-{_slug(name) or 'part'}" for index, (name, url) in enumerate(pages)}
    return names | {f"zh/{url}": f"zh-{name}" for url, name in names.items()}


def python_blocks_by_page() -> dict[str, list[str]]:
    """URL path -> the code of each Python block of the page, as the site shows it (embeds
    expanded); a lab's are its code cells."""
    docs = ROOT / "docs"
    sybil = make_sybil(CONFIG, docs)
    pages = {}
    for md in sorted(docs.rglob("*.md")):
        blocks = [
            shown_code(example.parsed, CONFIG)
            for example in sybil.parse(md).examples()
            if isinstance(example.parsed, PythonBlock)
        ]
        pages[url_of_source(md.relative_to(docs).as_posix())] = blocks
    for lab in sorted([*(docs / "labs").glob("*.py"), *(docs / "zh" / "labs").glob("*.py")]):
        cells = jupytext.read(lab).cells
        pages[page_url(lab.relative_to(docs).as_posix())] = [
            cell.source for cell in cells if cell.cell_type == "code"
        ]
    return pages


class _Kinds(HTMLParser):
    """The kinds of element of a page, for its colours: each element's tag and classes, with those
    of its nearest ancestor that has a class (a link in a warning, a token in a code block...)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.kinds: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        kind = tag + "".join(f".{name}" for name in sorted(classes))
        context = next((outer for outer in reversed(self.stack) if "." in outer), "")
        self.kinds.add(f"{context} > {kind}")
        if tag not in VOID_ELEMENTS:
            self.stack.append(kind)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop().split(".")[0] != tag:
            pass


VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
    "path",
    "rect",
    "circle",
    "line",
    "polygon",
    "use",
}


def colour_sample(site_dir: Path) -> set[str]:
    """URL paths of a few pages that together show every kind of element of the site (a greedy set
    cover). An element's colours come from the site's one stylesheet by its kind, so checking the
    colour rules on these pages checks every colour pair a page of the site can show; the other
    rules run on every page."""
    pages = {}
    for path in site_dir.rglob("*.html"):
        parser = _Kinds()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[url_of_file(site_dir, path)] = parser.kinds
    left, chosen = set().union(*pages.values()), set()
    while left:
        best = max(sorted(pages), key=lambda page: len(pages[page] & left))
        chosen.add(best)
        left -= pages[best]
    return chosen


def is_plot(src: str) -> bool:
    """A PNG: a file, or one embedded in the page (a lab's plot, as its run drew it)."""
    return src.split("#")[0].endswith(".png") or src.startswith("data:image/png")


def _copy_blocks(page, expected_blocks: list[str], load: PageLoad) -> None:
    """Click the copy button of the first Python block of each kind and of the last block, and
    record what it copied."""
    blocks = page.locator("div.language-python")
    kinds = page.evaluate(BLOCK_KINDS)
    load.python_blocks = (len(kinds), len(expected_blocks))
    if len(kinds) != len(expected_blocks):
        return
    seen = set()
    for index, (kind, expected) in enumerate(zip(kinds, expected_blocks, strict=True)):
        if kind in seen and index != len(kinds) - 1:
            continue
        seen.add(kind)
        block = blocks.nth(index)
        block.evaluate(REVEAL)
        page.evaluate(f"navigator.clipboard.writeText('{NOTHING_COPIED}')")
        # The button's own click handler, without moving a mouse to it: what it copies is the
        # question.
        block.locator('button[data-md-type="copy"], button.md-clipboard').first.dispatch_event(
            "click"
        )
        load.copies.append(Copy(index + 1, expected, page.evaluate(READ_CLIPBOARD)))


def _settle(page, load: PageLoad) -> None:
    """Wait until the page has asked for the search index (its worker does, on every page) and no
    request is left unanswered: then everything the page loads has been seen."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline and (
        len(load.settled) < len(load.requests)
        or not any(url.endswith(SEARCH_INDEX) for url in load.requests)
    ):
        page.wait_for_timeout(20)


@dataclass
class _Sweep:
    server: SiteServer
    sources: dict[str, list[str]]  # URL path -> the code of its Python blocks
    shots: dict[str, str]  # URL path -> screenshot name
    shot_dir: Path
    frames: set[str]  # URL paths of each edition's landing page and parts' first pages
    colours: set[str]  # URL paths of the pages whose colours axe-core checks (colour_sample)


def _serve_search_index(page, server: SiteServer) -> None:
    """Every page asks for its edition's search index, and the search worker indexes all of it: a
    fifth of the browser's time in these tests, for the same file and the same work on every page
    of an edition. So each edition's landing page, where the search tests search, gets the real
    index; every other page gets the index's own config with no documents. The page still asks
    for the index, its worker still starts, loads the same language scripts and builds an index,
    and Material highlights a searched term with the same config; the weights count the real
    file."""

    def answer(route, request) -> None:
        if urlsplit(page.url).path.removeprefix(server.path) in HOMES:
            route.continue_()
        else:
            route.fulfill(json=_index_without_documents(server, urlsplit(request.url).path))

    page.route(f"**{SEARCH_INDEX}", answer)


@cache
def _index_without_documents(server: SiteServer, url_path: str) -> dict:
    real = json.loads(server.file_for(url_path).read_text(encoding="utf-8"))
    return {"config": real["config"], "docs": []}


class _Tab:
    """A tab of the sweep. It shows one page after another; its listeners record into the current
    one."""

    def __init__(self, context, server: SiteServer) -> None:
        self.page = context.new_page()
        self.load = PageLoad("about:blank")
        _listen(self.page, lambda: self.load)
        _serve_search_index(self.page, server)


def _axe(page, options: dict) -> Generator[None, None, list[dict]]:
    """axe-core's violations on the page; it yields while axe runs. A page with problems is looked
    at once more: a problem of the page is there again, a passing state of a busy browser (seen
    under heavy load: a sidebar's colours half-drawn) is not."""
    found: list[dict] = []
    for _ in range(2):
        page.evaluate(START_AXE, options)
        yield
        found = page.evaluate(COLLECT_AXE)
        if not found:
            break
    return found


def _visit(tab: _Tab, load: PageLoad, sweep: _Sweep) -> Iterator[None]:
    """Check one page in steps; it yields while the page works on its own (loading, running axe)."""
    page, name = tab.page, sweep.shots.get(load.page)
    tab.load = load
    page.set_viewport_size(DESKTOP)
    page.goto(sweep.server.base_url + load.page, wait_until="commit")
    yield
    # At 1280 pixels, light: screenshot, copy buttons, axe
    page.wait_for_load_state("load")
    if name:
        page.screenshot(path=sweep.shot_dir / f"{name}.png")
    page.evaluate(NO_TRANSITIONS)
    # A Chinese page's code is the English page's (tests/test_translations.py): its copy buttons
    # are clicked on the pages of its frame.
    english = not load.page.startswith("zh/")
    if load.page in sweep.sources and (english or load.page in sweep.frames):
        _copy_blocks(page, sweep.sources[load.page], load)
    load.diagrams.append(page.evaluate(DIAGRAMS))
    colour = load.page in sweep.colours
    # axe looks at the page as a reader first sees it: at its top. Scrolled to the end (the copy
    # buttons above scroll), the sidebar's last links, clipped out of its box, lie over the dark
    # footer, and axe takes the footer for their background.
    page.evaluate("window.scrollTo(0, 0)")
    load.axe["light"] = yield from _axe(page, AXE_ALL if colour else AXE_NOT_COLOUR)
    # Dark: the rules that depend on colour (the document is the same)
    page.evaluate(DARK)
    load.diagrams.append(page.evaluate(DIAGRAMS))
    load.axe["dark"] = (yield from _axe(page, AXE_ONLY_COLOUR)) if colour else []
    if load.page in HOMES:
        page.screenshot(path=sweep.shot_dir / f"{name}-dark.png")
    # Every code block, at 1280 pixels, then a phone
    page.evaluate(REVEAL_ALL)
    load.code_blocks = page.evaluate(CODE_BLOCKS)
    load.images = page.evaluate(IMAGES)
    page.set_viewport_size(PHONE)
    page.evaluate("window.scrollTo(0, 0)")
    load.widths_at_phone = page.evaluate(PAGE_WIDTHS)
    load.phone = page.evaluate(PHONE_LAYOUT)
    if load.page in HOMES:
        page.screenshot(path=sweep.shot_dir / f"{name}-phone.png")
    _settle(page, load)
    if load.page == "":
        load.browser_sizes = {r.url: r.sizes()["responseBodySize"] for r in load.finished}
    load.finished.clear()
    # The tab stays on the page until it opens the next one: a navigation to about:blank between
    # pages would cost the browser a new renderer each time.
    tab.load = PageLoad("about:blank")


@pytest.fixture(scope="module")
def page_loads(
    browser, site_server: SiteServer, site_dir: Path, artifacts: Path
) -> dict[str, PageLoad]:
    """Visit every page once (and a missing one) and record what happened; screenshot the landing
    page and each part's first page. IN_FLIGHT tabs take turns, one step each, so that a page's
    axe-core runs while the other tabs load or check their own page."""
    shot_dir = artifacts / "screenshots"
    shot_dir.mkdir(exist_ok=True)
    for old in shot_dir.glob("*.png"):
        old.unlink()
    shots = screenshot_names()
    # The cover picks English pages (a Chinese page shows the same kinds of element); the Chinese
    # landing page is checked for colour too, in its own right.
    colours = colour_sample(site_dir) | {"zh/"}
    sweep = _Sweep(site_server, python_blocks_by_page(), shots, shot_dir, set(shots), colours)
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", permissions=CLIPBOARD)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(axe_source())
    loads = {page_path: PageLoad(page_path) for page_path in [*site_pages(site_dir), MISSING_PAGE]}
    waiting = deque(loads.values())
    free = [_Tab(context, site_server) for _ in range(min(IN_FLIGHT, len(waiting)))]
    busy: list[tuple[_Tab, Iterator[None]]] = []
    while waiting or busy:
        while free and waiting:
            tab = free.pop()
            busy.append((tab, _visit(tab, waiting.popleft(), sweep)))
        for tab, visit in list(busy):
            if next(visit, StopIteration) is StopIteration:
                busy.remove((tab, visit))
                free.append(tab)
    context.close()
    return loads


# --------------------------------------------------------------------------------------------------
# Every page


def test_every_page_was_loaded(page_loads: dict[str, PageLoad], site_dir: Path):
    assert set(page_loads) == {*site_pages(site_dir), MISSING_PAGE}
    assert "" in page_loads and len(page_loads) >= 3


def test_every_page_loads_without_console_errors(
    page_loads: dict[str, PageLoad], site_server: SiteServer
):
    """Nothing fails, on any page; a missing page gets the site's 404 page, whose own styles,
    scripts and links work under the site's path."""
    missing = site_server.base_url + MISSING_PAGE
    problems = [
        f"/{p}: {e}"
        for p, load in page_loads.items()
        for e in load.console_errors + load.failures
        if not (p == MISSING_PAGE and (e.startswith(missing) or "404 (Not Found)" in e))
    ]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
    assert len(page_loads[MISSING_PAGE].requests) > 3, "the 404 page loads no styles or scripts"


def test_every_page_requests_only_the_local_server(
    page_loads: dict[str, PageLoad], site_server: SiteServer
):
    """No Google Fonts, no CDN (mermaid, Material's polyfills from unpkg): nothing but this site."""
    off_site = [
        f"/{p}: {url}"
        for p, load in page_loads.items()
        for url in _off_site(load.requests, site_server)
    ]
    assert not off_site, f"{len(off_site)} requests to other hosts:\n" + "\n".join(off_site)
    assert all(load.requests for load in page_loads.values())


def test_every_page_fits_a_phone_screen(page_loads: dict[str, PageLoad]):
    """At 375 CSS pixels wide, the page body does not scroll sideways (code blocks scroll
    inside)."""
    too_wide = [
        f"/{p}: {load.widths_at_phone}"
        for p, load in page_loads.items()
        if any(scroll > client for scroll, client in load.widths_at_phone.values())
    ]
    assert not too_wide, "wider than the screen ([scrollWidth, clientWidth]):\n" + "\n".join(
        too_wide
    )


def test_output_blocks_wrap_on_a_phone(page_loads: dict[str, PageLoad]):
    """What the code printed is read without scrolling sideways, on a phone too: Output blocks
    wrap."""
    scrolling = [
        f"/{p}: {first!r}" for p, load in page_loads.items() for first in load.phone["outputs"]
    ]
    assert not scrolling, (
        f"{len(scrolling)} Output blocks scroll sideways at 375 pixels:\n" + "\n".join(scrolling)
    )


def test_figures_are_readable_on_a_phone(page_loads: dict[str, PageLoad]):
    """A plot (a PNG, a lab's embedded one too) is drawn for a column about 500 pixels wide (its
    width attribute): on a phone it is shown at no less than 60% of that, so that its labels stay
    readable."""
    shrunk = [
        f"/{p}: {image['src'][:80]} shown {image['shown']:.0f} pixels wide for "
        f"width={image['width']}"
        for p, load in page_loads.items()
        for image in load.phone["images"]
        if is_plot(image["src"]) and (not image["width"] or image["shown"] < 0.6 * image["width"])
    ]
    assert not shrunk, "figures too small to read on a phone (375 pixels):\n" + "\n".join(shrunk)
    shown = {
        p
        for p, load in page_loads.items()
        for image in load.phone["images"]
        if is_plot(image["src"])
    }
    assert any(p.startswith("labs/") for p in shown), shown  # a lab's plot was measured
    assert any(not p.startswith("labs/") for p in shown), shown


def test_copy_button_copies_exactly_the_code(page_loads: dict[str, PageLoad]):
    """What the copy button puts on the clipboard is the code of the source: no prompt, no line
    number, no Output. Tested on every page, for the first Python block of each kind on it, and the
    last one."""
    with_code = {p: load for p, load in page_loads.items() if load.python_blocks[1]}
    assert with_code, "no page has a Python block"
    miscounted = [
        f"/{p}: {load.python_blocks}"
        for p, load in with_code.items()
        if load.python_blocks[0] != load.python_blocks[1]
    ]
    assert not miscounted, "Python blocks (on the page, in the source) differ:\n" + "\n".join(
        miscounted
    )
    copies = [(p, copy) for p, load in with_code.items() for copy in load.copies]
    wrong = [
        f"/{p} block {copy.block}:\n--- copied\n{copy.copied}\n--- code\n{copy.expected}"
        for p, copy in copies
        if copy.copied != copy.expected.rstrip()
    ]
    assert not wrong, f"{len(wrong)} of {len(copies)} blocks copy something else:\n" + "\n".join(
        wrong
    )
    print(f"copy button checked on {len(copies)} Python blocks of {len(with_code)} pages")


def _axe_report(page_loads: dict[str, PageLoad], scheme: str) -> list[str]:
    found = []
    for page_path, load in page_loads.items():
        for violation in load.axe.get(scheme, []):
            if violation["id"] in AXE_ACCEPTED:
                continue
            for node in violation["nodes"]:
                found.append(
                    f"{violation['id']} ({violation['impact']}: {violation['help']}) "
                    f"on /{page_path}: "
                    f"{node['target']}  {node['html']}\n    {node['why']}"
                )
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_accessibility_problem(page_loads: dict[str, PageLoad], scheme: str):
    """axe-core (the engine of Lighthouse's accessibility score) on every page of both editions,
    the 404 page included, every rule. The rules that depend on colour (contrast, links told apart
    from text: two thirds of axe's time) run, in both schemes, on the pages that together show
    every kind of element of the site (``colour_sample``)."""
    assert all(scheme in load.axe for load in page_loads.values()), (
        "axe-core did not run on every page"
    )
    found = _axe_report(page_loads, scheme)
    assert not found, f"{len(found)} accessibility problems in the {scheme} scheme:\n" + "\n".join(
        found
    )


def _code_report(blocks: list[tuple[str, dict]]) -> str:
    return "\n".join(
        f"/{p} [{b['title']}] {b['longest']} characters, {b['columns']} fit: {b['first'][:80]!r}"
        for p, b in blocks
    )


def test_code_blocks_have_room_for_100_characters(page_loads: dict[str, PageLoad], artifacts: Path):
    """At 1280 pixels, every code block (in an admonition or a content tab too) has room for a line
    of CODE_COLUMNS characters, the line length of the code."""
    blocks = [(p, block) for p, load in page_loads.items() for block in load.code_blocks]
    narrow = [(p, block) for p, block in blocks if block["columns"] < CODE_COLUMNS]
    fewest = min(block["columns"] for _, block in blocks)
    scrolling = [(p, block) for p, block in blocks if block["scrolls"]]
    (artifacts / "code-overflow.txt").write_text(
        f"# at 1280 pixels: {len(blocks)} code blocks, at least {fewest} characters fit in each; "
        f"{len(scrolling)} scroll sideways:\n" + _code_report(scrolling) + "\n",
        encoding="utf-8",
    )
    print(
        f"{fewest} columns of code fit at 1280 pixels; "
        f"{len(scrolling)} of {len(blocks)} blocks scroll"
    )
    assert not narrow, (
        f"{len(narrow)} code blocks have room for fewer than {CODE_COLUMNS} characters:\n"
        + (_code_report(narrow))
    )


def test_no_code_block_scrolls_sideways(page_loads: dict[str, PageLoad]):
    """At 1280 pixels no code block scrolls sideways: a reader reads every line."""
    scrolling = [
        (p, block)
        for p, load in page_loads.items()
        for block in load.code_blocks
        if block["scrolls"]
    ]
    assert not scrolling, (
        f"{len(scrolling)} code blocks scroll sideways at 1280 pixels:\n" + _code_report(scrolling)
    )


def test_page_weights(page_loads: dict[str, PageLoad], site_server: SiteServer, artifacts: Path):
    """Bytes transferred per first visit of every page, everything it loads (its lazy images too),
    written to test-artifacts/; every page stays in budget."""
    weights = {}
    for page_path, load in page_loads.items():
        if page_path == MISSING_PAGE:
            continue
        local = {
            urlsplit(url).path
            for url in load.requests + load.images
            if url.startswith(site_server.base_url)
        }
        weights[page_path] = (
            sum(site_server.body_size(path, compressed=True) for path in local),
            sum(site_server.body_size(path, compressed=False) for path in local),
            len(local),
        )
    heaviest = max(weights, key=lambda page_path: weights[page_path][0])
    lines = [
        "# Bytes of the response bodies of a first visit (every request: styles, scripts, "
        "the search",
        "# worker and its index, images, diagrams, lazy images included), sent gzip-compressed as",
        "# GitHub Pages, Netlify or nginx send them, and uncompressed.",
        f"# budget of every page: {PAGE_BUDGET} bytes transferred",
        "# page\ttransferred\tuncompressed\tfiles",
    ]
    lines += [
        f"/{p}\t{w[0]}\t{w[1]}\t{w[2]}"
        for p, w in sorted(weights.items(), key=lambda kv: -kv[1][0])
    ]
    top = weights[heaviest]
    lines.append(
        f"# heaviest page: /{heaviest}: {top[0]} bytes transferred ({top[1]} uncompressed)"
    )
    (artifacts / "page-weights.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(lines[-1])

    # The sizes counted are the ones Chromium received, wherever it reports one (it reports none for
    # the search worker's script).
    compared = {url: size for url, size in page_loads[""].browser_sizes.items() if size}
    assert site_server.base_url in compared, page_loads[""].browser_sizes
    for url, size in compared.items():
        assert size == site_server.body_size(urlsplit(url).path, compressed=True), url
    without_index = [
        p
        for p, load in page_loads.items()
        if p != MISSING_PAGE and not any(url.endswith(SEARCH_INDEX) for url in load.requests)
    ]
    assert not without_index, f"pages that never asked for the search index: {without_index}"
    over = [f"/{p} transfers {w[0]} bytes" for p, w in weights.items() if w[0] > PAGE_BUDGET]
    assert not over, f"over the budget of {PAGE_BUDGET} bytes:\n" + "\n".join(over)


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


def _quiet(page, load: PageLoad) -> None:
    """Wait until every request of the tab has an answer (Material asks for both editions'
    sitemaps after a page has loaded: the language switcher's lookup), or the timeout."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline and len(load.settled) < len(load.requests):
        page.wait_for_timeout(20)


@pytest.fixture
def reader(browser, site_server: SiteServer):
    """A fresh tab in its own context (no storage, no cache); it fails the test on off-site
    requests, console errors or failed requests."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    reader = Reader(page, PageLoad(""))
    _listen(page, lambda: reader.load)
    _serve_search_index(page, site_server)
    yield reader
    _quiet(page, reader.load)  # closing the tab would cancel what it still loads
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
    """(URL path, title, a word found on that page only) of the deepest page, the last in the
    nav."""
    path = site_dir / "search" / "search_index.json"
    assert path.is_file(), (
        "the built site has no search index (search/search_index.json): is `search` in plugins?"
    )
    index = json.loads(path.read_text(encoding="utf-8"))
    words: dict[str, set[str]] = defaultdict(set)
    prose: dict[str, set[str]] = defaultdict(set)  # words outside code
    titles: dict[str, str] = {}
    for doc in index["docs"]:
        location = doc["location"].split("#")[0]
        titles.setdefault(location, doc["title"])
        words[location].update(_tokens(doc["title"] + " " + doc["text"]))
        prose[location].update(
            _tokens(doc["title"] + " " + doc["text"], prose_only=True, raw_only=True)
        )
    depth = max(location.count("/") for location in titles)
    target = [location for location in titles if location.count("/") == depth][-1]
    elsewhere = set().union(*(words[p] for p in titles if p != target))
    # Only a token that is a bare word in the index (no quotes, no entities, no punctuation) is
    # sure to be found by typing it.
    unique = [word for word in prose[target] - elsewhere if re.fullmatch(r"[a-z]{8,}", word)]
    assert unique, f"every word of /{target} is on another page too"
    return target, titles[target], max(unique, key=lambda word: (len(word), word))


def test_search_finds_a_deep_page_and_opens_it(
    reader: Reader, site_server: SiteServer, site_dir: Path
):
    target, title, word = search_target(site_dir)
    page = reader.page
    page.goto(site_server.base_url, wait_until="load")
    query = page.locator("input.md-search__input")  # in the header at desktop width
    query.click()
    query.press_sequentially(word, delay=20)
    # The first result on that page whose excerpt shows the word (marked), as a reader would pick.
    results = page.locator(f'a.md-search-result__link[href*="{target}"]')
    result = results.filter(has=page.locator("mark")).first
    result.wait_for(state="visible")
    result.click()
    page.wait_for_url(lambda url: urlsplit(url).path == site_server.path + target)
    page.wait_for_load_state("load")
    heading = page.locator("h1").first.inner_text().replace("\N{PILCROW SIGN}", "")
    assert " ".join(heading.split()) == " ".join(re.sub(r"<[^>]+>", "", title).split())
    assert word in page.locator("article").inner_text().lower()
    # Material marks the term with a script after the page has loaded: wait for it, not for a time.
    try:
        page.locator("mark[data-md-highlight]").first.wait_for(state="attached")
    except PlaywrightTimeout:
        pytest.fail("the search term is not highlighted")


# The Chinese edition (site_tools/i18n.py): its own search index, its UI in Chinese, a language
# switcher that links each page to itself in the other edition.

# A term typed into the Chinese site's search -> the page about it.
ZH_SEARCHES = {
    "显存": "zh/hardware/gpu/",
    "钩子": "zh/modules/hooks/",
    "同步": "zh/performance/sync-points/",
    "鸢尾花": "zh/training/iris/",
}
HAN = re.compile(r"[\u4e00-\u9fff]")
# The search's results: each link's page (URL path), and the terms the search looked for (the
# link's ?h=, which Material sets from the terms it searched).
SEARCH_RESULTS = """
() => [...document.querySelectorAll("a.md-search-result__link")].map(link => {
    const url = new URL(link.href);
    return [url.pathname, url.searchParams.get("h") || ""];
})
"""
# How long the search may take to be ready: the browser builds the index from its JSON on each
# page load (the Chinese one, 400 KB, takes seconds on a busy 2-core machine).
SEARCH_READY_MS = 60_000
# True when the results shown are those of the whole term (typing shows results as it goes).
RESULTS_FOR = f"term => ({SEARCH_RESULTS})().some(([_, searched]) => searched === term)"


# Until its index is built, the search shows "Initializing search" and drops what is typed; once
# it is ready, "Type to start searching" (or the results of what is in the box).
SEARCH_READY = """
() => {
    const shown = document.querySelector(".md-search-result__meta").textContent.trim();
    const strings = JSON.parse(document.getElementById("__config").textContent).translations;
    return shown === strings["search.result.placeholder"] ||
        document.querySelectorAll(".md-search-result__item").length > 0;
}
"""


def _wait_for_search(page) -> None:
    try:
        page.wait_for_function(SEARCH_READY, timeout=SEARCH_READY_MS)
    except PlaywrightTimeout:
        pytest.fail(f"the search of {page.url} was not ready after {SEARCH_READY_MS / 1000} s")


def _type(query, text: str) -> None:
    """Type ``text`` into the search box as a reader does. Playwright inserts a Chinese character
    as text, without the key events that an input method sends when it commits a word; Material
    reads the box on a key event, so the last key is End (the cursor stays where it is)."""
    query.press_sequentially(text, delay=20)
    query.press("End")


def _search(page, term: str) -> list[tuple[str, str]]:
    """Type ``term`` into the header's search box as a reader does; (URL path, terms searched) of
    each result, once the results shown are those of the whole term. A term the search turns into
    another fails the test, with what it searched instead."""
    _wait_for_search(page)
    query = page.locator("input.md-search__input")
    query.click()
    _type(query, term)
    try:
        page.wait_for_function(RESULTS_FOR, arg=term, timeout=SEARCH_READY_MS)
    except PlaywrightTimeout:
        shown = page.evaluate(SEARCH_RESULTS)
        meta = page.locator(".md-search-result__meta").inner_text()
        pytest.fail(
            f"typing {term!r} shows no results for {term!r} ({meta!r}); the search looked for "
            f"{sorted({searched for _, searched in shown})}, and found: "
            f"{list(dict.fromkeys(path for path, _ in shown))[:5]}"
        )
    return [tuple(result) for result in page.evaluate(SEARCH_RESULTS)]


def _translation(lang: str) -> dict[str, str]:
    """Material's UI strings in ``lang`` (its partials/languages/<lang>.html)."""
    import material

    path = Path(material.__file__).parent / "templates/partials/languages" / f"{lang}.html"
    return dict(re.findall(r'^\s*"([\w.]+)": "(.*)",?$', path.read_text(encoding="utf-8"), re.M))


def test_chinese_search_opens_the_page_about_a_term(reader: Reader, site_server: SiteServer):
    """On /zh/, each Chinese word of ZH_SEARCHES typed into the search box finds the Chinese page
    about it first (jieba's words, the zh separator: mkdocs.zh.yml); its result opens that page
    with the word highlighted. One tab: the browser builds the Chinese index once, as for a reader
    who searches several times."""
    page = reader.page
    page.goto(site_server.base_url + "zh/", wait_until="load")
    query = page.locator("input.md-search__input")
    opened = {}
    for term, target in ZH_SEARCHES.items():
        query.fill("")
        results = _search(page, term)
        pages = list(dict.fromkeys(path.removeprefix(site_server.path) for path, _ in results))
        assert pages[0] == target, f"{term!r}'s first result is /{pages[0]}, not /{target}: {pages}"
        opened[term] = page.locator("a.md-search-result__link").first.get_attribute("href")
    for term, href in opened.items():
        target = ZH_SEARCHES[term]
        _quiet(page, reader.load)
        page.goto(urljoin(site_server.base_url + "zh/", href), wait_until="load")
        assert urlsplit(page.url).path == site_server.path + target, page.url
        heading = page.locator("h1").first.inner_text()
        assert HAN.search(heading), f"/{target} has an English title: {heading!r}"
        assert term in page.locator("article").inner_text()
        marks = page.locator("mark[data-md-highlight]")
        try:
            marks.first.wait_for(state="attached")
        except PlaywrightTimeout:
            pytest.fail(f"{term!r} is not highlighted on /{target}")
        marked = set(marks.all_inner_texts())
        assert term in marked, f"on /{target} the search highlights {marked}, not {term!r}"
        _wait_for_search(page)  # its worker has loaded what it asked for: leaving cancels nothing


def test_english_search_finds_only_english_pages(reader: Reader, site_server: SiteServer):
    """Each edition has its own index: the English site's search finds nothing for a Chinese word,
    and English pages only for an English one."""
    page = reader.page
    page.goto(site_server.base_url, wait_until="load")
    # The Chinese word first: after a search with results, Material shows a term that finds nothing
    # as "Type to start searching" rather than "No matching documents".
    _wait_for_search(page)
    query = page.locator("input.md-search__input")
    query.click()
    _type(query, "显存")
    none = page.evaluate(
        "JSON.parse(document.getElementById('__config').textContent)"
        ".translations['search.result.none']"
    )
    try:
        page.wait_for_function(
            "none => document.querySelector('.md-search-result__meta').textContent.trim() === none",
            arg=none,
            timeout=SEARCH_READY_MS,
        )
    except PlaywrightTimeout:
        meta = page.locator(".md-search-result__meta").inner_text()
        found = list(dict.fromkeys(path for path, _ in page.evaluate(SEARCH_RESULTS)))
        pytest.fail(f"the English search for '显存' finds something ({meta!r}): {found}")
    found = list(dict.fromkeys(path for path, _ in page.evaluate(SEARCH_RESULTS)))
    assert not found, f"the English search for '显存' finds {found}"
    query.fill("")
    pages = {path.removeprefix(site_server.path) for path, _ in _search(page, "hooks")}
    assert "modules/hooks/" in pages, pages
    chinese = sorted(path for path in pages if path.startswith("zh/"))
    assert not chinese, f"the English search finds pages of the Chinese edition: {chinese}"


def _switch_language(reader: Reader, lang: str, site_server: SiteServer, expected: str) -> None:
    """Open the header's language switcher (the translate button), choose ``lang``, and check that
    it leads to ``expected`` (a URL path relative to the site)."""
    page = reader.page
    _quiet(page, reader.load)
    before = urlsplit(page.url).path.removeprefix(site_server.path)
    page.locator(".md-header .md-select > button").click()
    with page.expect_navigation(wait_until="load"):
        page.locator(f'.md-header a.md-select__link[hreflang="{lang}"]').click()
    reached = urlsplit(page.url).path.removeprefix(site_server.path)
    assert reached == expected, f"the switcher leads from /{before} to /{reached}, not /{expected}"


def test_language_switcher_keeps_the_page(reader: Reader, site_server: SiteServer):
    """The switcher leads from an English page to the same page in Chinese and back; a heading's
    anchor (the same id in both editions) scrolls to that heading on the Chinese page."""
    english = "training/devices/"
    page = reader.page
    # Material's script reads both editions' sitemaps, then takes over a click on a link into the
    # other edition (the switcher's links opt out): the clicks below come after it is ready.
    with page.expect_response(lambda response: response.url.endswith("/zh/sitemap.xml")):
        page.goto(site_server.base_url + english, wait_until="load")
    ids = page.locator("article h2[id]").evaluate_all("headings => headings.map(h => h.id)")
    assert len(ids) >= 3, f"/{english} has too few headings to scroll to: {ids}"
    anchor = ids[len(ids) // 2]  # halfway down the page: reaching it takes a scroll

    _switch_language(reader, "zh", site_server, "zh/" + english)
    assert page.locator("html").get_attribute("lang") == "zh"
    heading = page.locator("h1").first.inner_text()
    assert HAN.search(heading), f"/zh/{english} has an English title: {heading!r}"
    _switch_language(reader, "en", site_server, english)
    assert page.locator("html").get_attribute("lang") == "en"

    _quiet(page, reader.load)
    page.goto(f"{site_server.base_url}zh/{english}#{anchor}", wait_until="load")
    target = page.locator(f"article h2#{anchor}")
    assert target.count() == 1, f"/zh/{english} has no heading #{anchor} (English ids: {ids})"
    # The browser scrolls to the heading: it is near the top of the window (below the header).
    page.wait_for_function(
        "id => { const top = document.getElementById(id).getBoundingClientRect().top;"
        " return scrollY > 0 && top >= 0 && top < innerHeight / 3; }",
        arg=anchor,
    )
    assert HAN.search(target.inner_text()), target.inner_text()


def test_chinese_edition_speaks_chinese(reader: Reader, site_server: SiteServer):
    """The Chinese edition's UI is Material's Chinese: <html lang="zh">, the search box's
    placeholder, the "Table of contents" label, the copy button's title."""
    zh, en = _translation("zh"), _translation("en")
    for key in ("search.placeholder", "toc", "clipboard.copy"):
        assert zh[key] != en[key] and HAN.search(zh[key]), (key, zh.get(key))
    page = reader.page
    page.goto(site_server.base_url + "zh/training/devices/", wait_until="load")
    toc = page.locator("nav.md-nav--secondary").first
    copy = page.locator(
        'article div.language-python :is(button[data-md-type="copy"], button.md-clipboard)'
    ).first
    copy.wait_for(state="attached")  # Material's script adds the copy buttons
    shown = {
        "<html lang>": page.locator("html").get_attribute("lang"),
        "search box placeholder": page.locator("input.md-search__input").get_attribute(
            "placeholder"
        ),
        "table of contents (aria-label)": toc.get_attribute("aria-label"),
        "table of contents (label)": toc.locator("label.md-nav__title").text_content().strip(),
        "copy button title": copy.get_attribute("title"),
    }
    expected = dict(
        zip(
            shown,
            ["zh", zh["search.placeholder"], zh["toc"], zh["toc"], zh["clipboard.copy"]],
            strict=True,
        )
    )
    wrong = {key: (shown[key], expected[key]) for key in shown if shown[key] != expected[key]}
    assert not wrong, f"not Chinese on /zh/training/devices/ (shown, expected): {wrong}"


def test_diagrams_are_shown_in_each_colour_scheme(page_loads: dict[str, PageLoad], site_dir: Path):
    """Every diagram is an SVG image drawn beforehand (no mermaid script): the reader's colour
    scheme shows its variant, which loads (lazily) and has a readable size, and hides the other.
    Each page with a diagram is seen in both schemes, in both editions (the Chinese pages show
    their own SVGs)."""
    with_diagrams = [
        page
        for page in site_pages(site_dir)
        if "diagrams/" in file_of_url(site_dir, page).read_text(encoding="utf-8")
    ]
    assert with_diagrams, "no page of the site shows a diagram, so none can be checked"
    chinese = [page for page in with_diagrams if page.startswith("zh/")]
    assert chinese and len(chinese) < len(with_diagrams), (
        f"the diagrams are not shown in both editions: {with_diagrams}"
    )
    problems = []
    for page in with_diagrams:
        seen = page_loads[page].diagrams
        if [result["scheme"] for result in seen] != ["light", "dark"]:
            problems.append(f"/{page}: seen in {[result['scheme'] for result in seen]}")
        for result in seen:
            if not result["shown"] or result["shown"] * 2 != result["images"]:
                problems.append(f"/{page}: {result}")
            problems += [f"/{page} ({result['scheme']}): {p}" for p in result["problems"]]
    assert not problems, "\n".join(problems)
    requests = [url for load in page_loads.values() for url in load.requests]
    assert not any("mermaid" in url for url in requests), "a page loads mermaid"


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

"""Draw the site's diagrams: every ```mermaid fence of docs/ into a light and a dark SVG next to its
page.

    .venv/bin/python tools/render_diagrams.py           # draw what is missing or out of date
    .venv/bin/python tools/render_diagrams.py --all     # draw every diagram again

Mermaid's own browser bundle (fetched once into .cache/, checked against the npm registry's sha512)
draws them in the headless Chromium that the browser tests use (see site_tools/browser.py), with the
settings in site_tools/diagrams.py. Each SVG records the hash of its source, and SVGs that no fence
needs any more are deleted. Commit the SVGs with the page: the site does not load mermaid at all.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_tools.browser import CHROMIUM_ARGS, INSTALL_HELP, chromium_executable  # noqa: E402
from site_tools.diagrams import CONFIG, SCHEMES, THEMES, Diagram, diagrams_of, problems, record  # noqa: E402
from site_tools.vendor import MERMAID, npm_file  # noqa: E402

DOCS = ROOT / "docs"

DRAW = """
async ({source, config, id}) => {
    mermaid.initialize(config);
    const {svg} = await mermaid.render(id, source);
    return svg;
}
"""


def all_diagrams(docs: Path = DOCS) -> list[Diagram]:
    found = []
    for md in sorted(docs.rglob("*.md")):
        found += diagrams_of(md.relative_to(docs).as_posix(), md.read_text(encoding="utf-8"))
    return found


def finish(svg: str, diagram: Diagram) -> str:
    """Fixed width and height (the page reserves the space before the image arrives), no max-width
    style, a trailing newline, and the source's hash."""
    viewbox = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"', svg)
    if not viewbox:
        raise SystemExit(
            f"{diagram.page}, diagram {diagram.number}: mermaid drew an SVG without a viewBox"
        )
    width, height = (round(float(value)) for value in viewbox.group(3, 4))
    root = re.match(r"<svg\b[^>]*>", svg)[0]
    new_root = re.sub(r'\s(width|height|style)="[^"]*"', "", root)
    new_root = new_root.replace("<svg", f'<svg width="{width}" height="{height}"', 1)
    return record(svg.replace(root, new_root, 1).strip() + "\n", diagram)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--all", action="store_true", help="draw every diagram, not only those out of date"
    )
    args = parser.parse_args(argv)

    diagrams = all_diagrams()
    wanted = {DOCS / diagram.svg(scheme) for diagram in diagrams for scheme in SCHEMES}
    for orphan in sorted(set(DOCS.rglob("diagrams/*.svg")) - wanted):
        orphan.unlink()
        print("deleted", orphan.relative_to(ROOT))
    todo = [
        d
        for d in diagrams
        if args.all or any("missing" in p or "another source" in p for p in problems(d, DOCS))
    ]
    if not todo:
        print(f"{len(diagrams)} diagrams, all up to date")
        return 0

    executable = chromium_executable()
    if executable is None:
        raise SystemExit(f"no Chromium found. {INSTALL_HELP}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(path=str(npm_file(MERMAID)))
        for diagram in todo:
            for scheme in SCHEMES:
                config = {**CONFIG, "themeVariables": THEMES[scheme]}
                name = f"{Path(diagram.page).stem}-{diagram.number}-{scheme}"
                svg = page.evaluate(DRAW, {"source": diagram.source, "config": config, "id": name})
                path = DOCS / diagram.svg(scheme)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(finish(svg, diagram), encoding="utf-8")
                print("drew", path.relative_to(ROOT))
        browser.close()
    left = [problem for diagram in diagrams for problem in problems(diagram, DOCS)]
    for problem in left:
        print("problem:", problem)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())

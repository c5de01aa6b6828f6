"""The Chinese edition (docs/zh/) translates every page and lab of the English one, shows the very
same code, Output blocks, heading ids and links (site_tools/translations.py), and says which version
of the English page it translates. The English blocks are run; these checks prove that the Chinese
pages show what was run, so their blocks are not run a second time."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_tools.paths import CONFIG, ROOT, ZH_DOCS, english_of, rel, translation_of, zh_pages
from site_tools.translations import differences, sources

ZH_CONFIG = ROOT / "mkdocs.zh.yml"


@pytest.mark.parametrize("english", sources(), ids=rel)
def test_the_chinese_edition_shows_the_same_code(english: Path):
    translated = translation_of(english)
    assert translated.is_file(), (
        f"{rel(english)} has no Chinese page: translate it into {rel(translated)} (README: "
        "How to add a page)"
    )
    problems = differences(translated)
    assert not problems, "\n".join(problems)


def test_every_chinese_page_translates_an_english_one():
    orphans = [rel(page) for page in zh_pages() if not english_of(page).is_file()]
    assert not orphans, f"pages of docs/zh/ with no English page at the same path: {orphans}"


def _nav_files(nav) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    return [f for item in nav for f in _nav_files(item)]


def _load(path: Path) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV, !relative
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def test_the_chinese_navigation_lists_the_same_pages_in_the_same_order():
    english, chinese = _nav_files(_load(CONFIG)["nav"]), _nav_files(_load(ZH_CONFIG)["nav"])
    assert chinese == english, (
        "mkdocs.zh.yml's nav must list mkdocs.yml's pages, in the same order, with Chinese titles"
    )


def test_the_chinese_edition_changes_only_what_a_language_changes():
    """mkdocs.zh.yml restates its plugin list (a child's list replaces its parent's): the
    plugins other than search are configured as in mkdocs.yml."""
    english, chinese = _load(CONFIG)["plugins"], _load(ZH_CONFIG)["plugins"]

    def without_search(plugins):
        return [
            p
            for p in plugins
            if p != "search" and "search" not in (p if isinstance(p, dict) else {})
        ]

    assert without_search(chinese) == without_search(english)
    assert _load(ZH_CONFIG)["theme"] == {"language": "zh"}
    assert ZH_DOCS.is_dir()


def test_the_chinese_search_worker_is_corrected():
    """site_tools/i18n.py corrects Material's Chinese query segmentation in the Chinese edition's
    search worker (a query's last character was never part of a word: 同步 was searched as 同): the
    correction finds its one loop in the installed Material's worker."""
    import material

    from site_tools.i18n import fix_query_segmentation

    workers = Path(material.__file__).parent / "templates/assets/javascripts/workers"
    [worker] = workers.glob("search.*.min.js")
    source = worker.read_text(encoding="utf-8")
    fixed = fix_query_segmentation(source)
    assert len(fixed) == len(source) + 1 and ".length;" in fixed
    with pytest.raises(ValueError, match="segment"):
        fix_query_segmentation(fixed)  # applied once only

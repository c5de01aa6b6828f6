"""The Chinese edition: ``docs/zh/`` laid over ``docs/``, built as a site of its own under ``/zh/``.

Each edition is a whole MkDocs site, as FastAPI builds its languages: its own search index (with
the separator and the ``jieba`` word splitting that Chinese needs: one index shared with English
would split Chinese on English's separator and find nothing), its own UI language, its own sitemap.

* ``mkdocs.yml`` builds the English site. Its ``on_post_build`` (here) builds ``mkdocs.zh.yml``,
  which inherits everything from ``mkdocs.yml``, into ``<site>/zh/``: ``mkdocs build`` and
  ``mkdocs serve`` make both editions, and a change to a Chinese page reloads ``serve`` too.
* The Chinese build reads the same ``docs/`` folder; ``on_files`` (here) then points every file
  that has a translation at it: ``docs/zh/training/iris.md`` stands in for
  ``docs/training/iris.md``, ``docs/zh/training/diagrams/*.svg`` for the English diagrams. Every
  relative link, image, snippet and ``#anchor`` of a page therefore works in both editions, and a
  page not translated yet falls back to English (the tests do not let one land:
  tests/test_translations.py).
* A line break between two Chinese characters is removed before the page is converted: a writer
  may wrap Chinese prose like English, and Chromium would show each break as a space.
* The Chinese search index is written again, smaller (``compact_search_index``): as UTF-8 rather
  than ``\\uXXXX`` escapes, and without the word breaks (U+200B) that jieba puts next to
  punctuation and spaces, which the search splits on anyway. Every page loads the index: it
  counts in its weight.
* The language switcher (``overrides/partials/alternate.html``) links each page to the same page
  in the other edition.
* The Chinese edition's search worker is corrected (``fix_query_segmentation``): Material cuts a
  Chinese query into words of the index, but never tries a word that ends at the query's last
  character, so 同步 was searched as 同 (and 设备 as 设) whenever the first characters alone are
  a word of the index.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from site_tools.paths import ROOT

log = logging.getLogger("mkdocs.hooks.i18n")

# Han characters and CJK punctuation (、。，：；？！（）「」 and the full-width forms).
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")

# The editions. A translated one is built from its config file into <site>/<language>/, from the
# pages of docs/<language>/.
DEFAULT = "en"
TRANSLATIONS = {"zh": ROOT / "mkdocs.zh.yml"}
ABBREVIATIONS = {"zh": "includes/abbreviations.zh.md"}


def language(config: MkDocsConfig) -> str:
    return config.theme.get("language") or DEFAULT


def translation_dir(config: MkDocsConfig, lang: str) -> Path:
    return Path(config.docs_dir) / lang


@event_priority(100)  # before the search plugin loads jieba's word list
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """A translated edition shows the glossary's hover definitions in its own language, and its
    search's word list (``jieba_dict_user``) is found from the config file's folder, not the
    current directory."""
    lang = language(config)
    search = config.plugins.get("material/search")
    words = search and search.config.get("jieba_dict_user")
    if words and not Path(words).is_absolute():
        search.config["jieba_dict_user"] = str(Path(config.config_file_path).parent / words)
    if lang in ABBREVIATIONS:
        snippets = config.mdx_configs.get("pymdownx.snippets", {})
        snippets["auto_append"] = [
            ABBREVIATIONS[lang] if name == "includes/abbreviations.md" else name
            for name in snippets.get("auto_append", [])
        ]
    return config


@event_priority(100)  # before mkdocs-jupyter and the notebook hook read the labs' sources
def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = language(config)
    if lang == DEFAULT:
        return files
    folder = translation_dir(config, lang)
    for file in files:
        translated = folder / file.src_uri
        if translated.is_file():
            file.abs_src_path = str(translated)
        elif file.is_documentation_page():
            log.info("%s has no translation into %s yet: shown in English", file.src_uri, lang)
    return files


def join_cjk_lines(markdown: str) -> str:
    """``markdown`` with the line breaks between two Chinese characters removed, outside code."""
    out, prose, fence = [], [], None
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match[1]
            if prose:
                out.append(_CJK_BREAK.sub("", "\n".join(prose)))
            prose = []
            out.append(line)
        elif fence is not None:
            out.append(line)
            if match and match[1] == fence and not line.strip()[len(fence) :]:
                fence = None
        else:
            prose.append(line)
    if prose:
        out.append(_CJK_BREAK.sub("", "\n".join(prose)))
    return "\n".join(out)


def on_page_markdown(markdown: str, config: MkDocsConfig, **kwargs) -> str:
    return join_cjk_lines(markdown) if language(config) == "zh" else markdown


def compact_search_index(index: dict) -> dict:
    """The index with the word breaks (U+200B) removed where the search's separator splits anyway:
    next to its punctuation and spaces."""
    separator = index["config"]["separator"]
    punctuation = re.sub(r"\\u200b|\[|\]\+?$", "", separator)  # the separator's other characters
    around = re.compile(rf"\u200b*([{punctuation}]+)\u200b*")
    for doc in index["docs"]:
        for field in ("title", "text"):
            text = around.sub(r"\1", doc[field])
            doc[field] = re.sub("\u200b{2,}", "\u200b", text).strip("\u200b")
    return index


# In Material's search worker (minified), segment(): `for (let j = i + 1; j < query.length; j++)
# if (query.slice(i, j) in index) ...`, which never tries the slices that end at the query's end.
_SEGMENT_LOOP = re.compile(
    r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in "
)


def fix_query_segmentation(worker: str) -> str:
    """Material's search worker with its Chinese query segmentation trying every slice of the query
    (``j <= query.length``). Unfixed, a query whose first characters are a word of the index is
    searched as those characters only: 同步 as 同, 设备 as 设 (Material 9.8's ``segment``)."""
    fixed, count = _SEGMENT_LOOP.subn(
        lambda m: m[0].replace(f"{m[1]}<{m[3]}.length", f"{m[1]}<={m[3]}.length"), worker
    )
    if count != 1:
        raise ValueError(
            "Material's search worker has changed: its query segmentation (segment) was not found "
            "to be fixed; check whether it still skips a query's last character"
        )
    return fixed


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    """Build each translated edition into its folder of the site just built; a translated edition
    writes its search index again, smaller, and corrects its search worker's query segmentation."""
    if language(config) != DEFAULT:
        path = Path(config.site_dir) / "search" / "search_index.json"
        if path.is_file():
            index = compact_search_index(json.loads(path.read_text(encoding="utf-8")))
            path.write_text(
                json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
            )
        workers = Path(config.site_dir) / "assets" / "javascripts" / "workers"
        for worker in workers.glob("search.*.min.js"):
            worker.write_text(
                fix_query_segmentation(worker.read_text(encoding="utf-8")), encoding="utf-8"
            )
        return
    if Path(config.config_file_path).resolve() in TRANSLATIONS.values():
        raise PluginError(
            f"{config.config_file_path} builds a translated edition: set its theme.language"
        )
    for lang, config_file in TRANSLATIONS.items():
        site_url = config.site_url or ""
        translated = load_config(
            config_file=str(config_file),
            site_dir=str(Path(config.site_dir) / lang),
            site_url=(site_url.rstrip("/") + f"/{lang}/") if site_url else None,
            strict=config.strict,
            use_directory_urls=config.use_directory_urls,
        )
        log.info("Building the %s edition into %s", lang, translated.site_dir)
        build(translated)

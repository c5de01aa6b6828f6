"""The Chinese edition's two text transforms (site_tools/i18n.py), on small inputs.

* ``join_cjk_lines``: a writer wraps Chinese prose like English, and Chromium shows each line
  break inside a paragraph as a space: 张量 张量. The break between two Chinese characters goes;
  a break next to Latin text is a real space and stays; code is never touched.
* ``compact_search_index``: the word breaks (U+200B) that jieba puts next to the separator's
  punctuation and spaces go, as the search splits there anyway; the ones between two Chinese words
  are how the search finds a word, and stay.
"""

from __future__ import annotations

import re

import pytest
import yaml

from site_tools.i18n import compact_search_index, join_cjk_lines
from site_tools.paths import ROOT

ZWSP = "\u200b"


# join_cjk_lines


def test_a_break_between_two_chinese_characters_is_removed():
    assert join_cjk_lines("张量是多维\n数组。\n\n下一段。") == "张量是多维数组。\n\n下一段。"


def test_a_break_next_to_chinese_punctuation_is_removed():
    assert join_cjk_lines("第一句，\n第二句（括号）\n。") == "第一句，第二句（括号）。"


def test_a_break_in_an_admonition_is_removed_with_the_next_lines_indentation():
    text = '!!! note "注意"\n    张量是多维\n    数组。\n\n    下一段。'
    assert join_cjk_lines(text) == '!!! note "注意"\n    张量是多维数组。\n\n    下一段。'


def test_a_list_items_continuation_is_joined_to_it():
    assert join_cjk_lines("- 第一项写得\n  很长。\n- 第二项") == "- 第一项写得很长。\n- 第二项"


@pytest.mark.parametrize(
    "text",
    [
        "使用 PyTorch\n训练模型。",  # Latin before the break
        "训练模型时使用\nPyTorch。",  # Latin after it
        "调用 `model(x)`\n会运行钩子。",  # inline code
        "见[钩子](hooks.md)\n一节。",  # a link's target
        "第一段。\n\n第二段。",  # a blank line: two paragraphs
    ],
)
def test_a_break_next_to_latin_text_or_between_paragraphs_stays(text: str):
    assert join_cjk_lines(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "```text\n张量\n数组\n```",
        "~~~text\n张量\n数组\n~~~",
        '!!! note "注意"\n    ```python\n    print("张量")\n    print("数组")\n    ```',
        # A longer fence holds a shorter one, whose closing line does not close it.
        "````markdown\n```text\n示例\n```\n张量\n数组\n````",
        # A fence line with an info string opens no fence inside a fence, and closes none.
        "```text\n张量\n```python\n数组\n```",
    ],
)
def test_a_fence_is_never_changed(text: str):
    assert join_cjk_lines(text) == text


def test_prose_after_a_fence_is_joined_again():
    text = "前面的\n文字\n\n```text\n张量\n数组\n```\n\n后面的\n文字"
    want = "前面的文字\n\n```text\n张量\n数组\n```\n\n后面的文字"
    assert join_cjk_lines(text) == want


def test_english_markdown_is_unchanged():
    text = "A tensor is an\narray.\n\n```python\nprint(1)\n```\n"
    assert join_cjk_lines(text) == text


# compact_search_index


def chinese_separator() -> str:
    """The Chinese edition's search separator, as mkdocs.zh.yml configures it."""
    plugins = yaml.safe_load((ROOT / "mkdocs.zh.yml").read_text(encoding="utf-8"))["plugins"]
    [search] = [p["search"] for p in plugins if isinstance(p, dict) and "search" in p]
    return search["separator"]


def index_of(*texts: str) -> dict:
    return {
        "config": {"lang": ["zh"], "separator": chinese_separator()},
        "docs": [{"location": f"#s{n}", "title": t, "text": t} for n, t in enumerate(texts)],
    }


def compacted(text: str) -> str:
    [doc] = compact_search_index(index_of(text))["docs"]
    assert doc["title"] == doc["text"], "the title and the text are compacted alike"
    return doc["text"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (f"张量{ZWSP}，{ZWSP}梯度", "张量，梯度"),  # around the separator's punctuation
        (f"张量{ZWSP}（{ZWSP}tensor{ZWSP}）", "张量（tensor）"),
        (f"每个{ZWSP} Python {ZWSP}代码", "每个 Python 代码"),  # around a space
        (f"{ZWSP}本站{ZWSP}", "本站"),  # at either end
        (f"张量{ZWSP}。", "张量。"),
    ],
)
def test_a_word_break_next_to_the_separators_punctuation_or_a_space_is_removed(
    text: str, want: str
):
    assert compacted(text) == want


def test_repeated_word_breaks_become_one():
    assert compacted(f"锁页{ZWSP}{ZWSP}{ZWSP}内存") == f"锁页{ZWSP}内存"


def test_a_word_break_between_two_chinese_words_stays():
    text = f"本站{ZWSP}的{ZWSP}每个{ZWSP}代码{ZWSP}块"
    assert compacted(text) == text


def test_the_search_splits_the_compacted_index_into_the_same_words():
    """What the browser does with the index: split each field on the separator. Compacting must
    not change a single word, or a search would stop finding it."""
    separator = re.compile(chinese_separator())
    texts = [
        f"<p>{ZWSP}本站{ZWSP}的{ZWSP}每个 Python 代码{ZWSP}块{ZWSP}都{ZWSP}是{ZWSP}一项{ZWSP}测试"
        f"：{ZWSP}本站{ZWSP}的{ZWSP}测试{ZWSP}套件{ZWSP}会{ZWSP}运行{ZWSP}它，并{ZWSP}把</p>",
        f"已{ZWSP}记录{ZWSP}的（{ZWSP}几乎{ZWSP}所有{ZWSP}代码{ZWSP}块{ZWSP}）：CPU 名称、核心",
        f"{ZWSP}{ZWSP}pin_memory(){ZWSP} {ZWSP}-{ZWSP}锁页{ZWSP}{ZWSP}内存{ZWSP}",
    ]
    index = compact_search_index(index_of(*texts))
    for before, doc in zip(texts, index["docs"], strict=True):
        assert len(doc["text"]) < len(before)
        words = [w for w in separator.split(doc["text"]) if w]
        assert words == [w for w in separator.split(before) if w]

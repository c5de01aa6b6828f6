"""The translation check's own tests: each rule of site_tools/translations.py, shown on a small
English page and its Chinese translation written to a temporary folder.

``ENGLISH`` and ``CHINESE`` below are a faithful pair (``test_a_faithful_translation_passes``);
every other test changes one thing in one of them and expects exactly the one problem that change
makes, so that a rule that stops reporting, or starts reporting what a translation may change, is
caught.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_tools.translations import OUTPUT_TITLES, STAMP, code_cells, differences, stamp, stamp_line

ENGLISH = """\
# Calling a module

!!! abstract "Short answer"
    Call `model(x)`: it runs `forward` and the [hooks](hooks.md#kinds).

## `eval()` works without `__call__`

Build a model:

```python
import torch

model = torch.nn.Linear(2, 1)
print(model.weight.shape)
```

```text title="Output"
torch.Size([1, 2])
```

<!-- skip: next if(True, reason="needs a GPU") -->

```python
print(torch.cuda.device_count())
```

```mermaid
flowchart LR
    A["model(x)<br/>you call it"] --> B["forward<br/>your method"]
```

## Summary

- `model(x)` runs the hooks, then `forward`.
"""

CHINESE = """\
# 调用模块 { #calling-a-module }

!!! abstract "简答"
    调用 `model(x)`：它运行 `forward` 和[钩子](hooks.md#kinds)。

## 不经过 `__call__`，`eval()` 也有效 { #eval-works-without-\\_\\_call\\_\\_ }

构建一个模型：

```python
import torch

model = torch.nn.Linear(2, 1)
print(model.weight.shape)
```

```text title="输出"
torch.Size([1, 2])
```

<!-- skip: next if(True, reason="needs a GPU") -->

```python
print(torch.cuda.device_count())
```

```mermaid
flowchart LR
    A["model(x)<br/>你调用它"] --> B["forward<br/>你写的方法"]
```

## 小结 { #summary }

- `model(x)` 先运行钩子，再运行 `forward`。
"""

# A lab (jupytext percent format): its Markdown cells are translated, its code cells are not.
ENGLISH_LAB = """\
# %% [markdown]
# # Check your machine
#
# What this machine has.

# %%
import torch

print(torch.__version__)

# %% [markdown]
# The number of GPUs:

# %%
print(torch.cuda.device_count())
"""

CHINESE_LAB = """\
# %% [markdown]
# # 检查你的机器
#
# 这台机器有什么。

# %%
import torch

print(torch.__version__)

# %% [markdown]
# GPU 的数量：

# %%
print(torch.cuda.device_count())
"""

ZH_NAME, EN_NAME = "docs/zh/x/page.md", "docs/x/page.md"


def changed(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must be in it, once) replaced: a change that does not apply
    would leave the test checking the faithful pair."""
    assert text.count(old) == 1, f"{old!r} is not in the page once"
    return text.replace(old, new)


def write_pair(
    tmp_path: Path, english: str, chinese: str, suffix: str = ".md"
) -> tuple[Path, Path]:
    """The English page and its translation, unstamped."""
    en, zh = tmp_path / f"page{suffix}", tmp_path / "zh" / f"page{suffix}"
    zh.parent.mkdir(exist_ok=True)
    en.write_text(english, encoding="utf-8")
    zh.write_text(chinese, encoding="utf-8")
    return en, zh


def check(tmp_path: Path, english: str, chinese: str, suffix: str = ".md") -> list[str]:
    """The problems ``differences`` finds in ``chinese``, stamped as up to date with ``english``."""
    en, zh = write_pair(tmp_path, english, chinese, suffix)
    stamp(zh, english=en, english_name=EN_NAME)
    return differences(zh, english=en, name=ZH_NAME, english_name=EN_NAME)


def test_a_faithful_translation_passes(tmp_path: Path):
    assert check(tmp_path, ENGLISH, CHINESE) == []
    assert check(tmp_path, ENGLISH_LAB, CHINESE_LAB, ".py") == []


# Fenced blocks


def test_a_changed_line_in_a_block_names_the_block_both_lines_and_shows_the_diff(tmp_path: Path):
    chinese = changed(CHINESE, "torch.nn.Linear(2, 1)", "torch.nn.Linear(3, 1)")
    [problem] = check(tmp_path, ENGLISH, chinese)
    # The block is the page's first; its fence is on line 10 of the English page, 10 of the
    # Chinese one.
    assert problem.startswith(f"block 1 (```python), English line 10, {ZH_NAME} line 10 differs:")
    assert "    -model = torch.nn.Linear(2, 1)" in problem
    assert "    +model = torch.nn.Linear(3, 1)" in problem


def test_a_changed_line_of_output_is_reported_too(tmp_path: Path):
    chinese = changed(CHINESE, "torch.Size([1, 2])", "torch.Size([2, 1])")
    [problem] = check(tmp_path, ENGLISH, chinese)
    assert problem.startswith('block 2 (```text title="Output"), English line 17')
    assert "+torch.Size([2, 1])" in problem


def test_a_block_missing_from_the_translation_is_reported(tmp_path: Path):
    gpu_block = "```python\nprint(torch.cuda.device_count())\n```\n\n"
    [problem] = check(tmp_path, ENGLISH, changed(CHINESE, gpu_block, ""))
    assert problem.startswith("block 3 (```python) of the English page (line 23) is missing from")
    assert ZH_NAME in problem


def test_a_block_the_english_page_lacks_is_reported(tmp_path: Path):
    extra = "```python\nprint(model)\n```\n\n## 小结"
    [problem] = check(tmp_path, ENGLISH, changed(CHINESE, "## 小结", extra))
    assert problem == f"{ZH_NAME} line 32: block 5 (```python) is not in the English page"


@pytest.mark.parametrize(("english", "chinese"), OUTPUT_TITLES.items())
def test_an_output_blocks_title_is_translated_as_the_map_says(
    tmp_path: Path, english: str, chinese: str
):
    en = changed(ENGLISH, 'title="Output"', f'title="{english}"')
    assert check(tmp_path, en, changed(CHINESE, 'title="输出"', f'title="{chinese}"')) == []
    # Left in English, or translated otherwise, it is a difference of the block's first line.
    for wrong in (english, "结果"):
        [problem] = check(tmp_path, en, changed(CHINESE, 'title="输出"', f'title="{wrong}"'))
        assert problem.startswith(f'block 2 (```text title="{english}")'), problem
        assert f'+```text title="{wrong}"' in problem


def test_a_mermaid_diagrams_labels_are_translated_but_not_its_fence(tmp_path: Path):
    # The faithful pair's diagram already has Chinese labels; it may even have more lines.
    more = changed(CHINESE, '你写的方法"]\n', '你写的方法"]\n    B --> C["钩子"]\n')
    assert check(tmp_path, ENGLISH, more) == []
    [problem] = check(tmp_path, ENGLISH, changed(CHINESE, "```mermaid", "```text"))
    assert "block 4 (```mermaid)" in problem


def test_an_html_comment_that_differs_is_reported(tmp_path: Path):
    chinese = changed(CHINESE, 'reason="needs a GPU"', 'reason="需要 GPU"')
    [problem] = check(tmp_path, ENGLISH, chinese)
    assert problem.startswith(f"{ZH_NAME}: the HTML comments differ")
    assert '+<!-- skip: next if(True, reason="需要 GPU") -->' in problem


# Heading ids


def test_a_heading_id_that_differs_is_reported(tmp_path: Path):
    chinese = changed(CHINESE, "{ #summary }", "{ #xiao-jie }")
    [problem] = check(tmp_path, ENGLISH, chinese)
    assert problem.startswith(f"{ZH_NAME}: the heading ids differ (write the English id:")
    assert "-summary" in problem


def test_a_chinese_heading_without_an_id_gets_none_of_the_english_ones(tmp_path: Path):
    [problem] = check(tmp_path, ENGLISH, changed(CHINESE, " { #summary }", ""))
    assert "the heading ids differ" in problem and "-summary" in problem


def test_an_id_with_dunder_passes_only_with_its_underscores_escaped(tmp_path: Path):
    """The English heading's id is ``eval-works-without-__call__``; in ``{ #... }`` Markdown
    reads ``__call__`` as bold unless it is written ``\\_\\_call\\_\\_``."""
    assert "{ #eval-works-without-\\_\\_call\\_\\_ }" in CHINESE  # and it passes (above)
    chinese = changed(CHINESE, "\\_\\_call\\_\\_", "__call__")
    [problem] = check(tmp_path, ENGLISH, chinese)
    assert "the heading ids differ" in problem
    assert "-eval-works-without-__call__" in problem


def test_a_section_only_the_translation_has_is_allowed(tmp_path: Path):
    """The glossary's Chinese edition has a table of its terms (术语对照) that English lacks."""
    terms = "## 术语对照 { #terms }\n\n| 中文术语 | English |\n|---|---|\n| 张量 | tensor |\n\n"
    assert check(tmp_path, ENGLISH, changed(CHINESE, "## 小结", terms + "## 小结")) == []


def test_headings_in_another_order_are_reported(tmp_path: Path):
    english = changed(ENGLISH, "## Summary\n", "## Summary\n\n## Exercises\n")
    chinese = changed(
        CHINESE, "## 小结 { #summary }\n", "## 练习 { #exercises }\n\n## 小结 { #summary }\n"
    )
    [problem] = check(tmp_path, english, chinese)
    assert "the heading ids differ" in problem


# Inline code and links


def test_inline_code_missing_from_the_translation_fails(tmp_path: Path):
    chinese = changed(CHINESE, "再运行 `forward`。", "再运行前向方法。")
    [problem] = check(tmp_path, ENGLISH, chinese)
    assert problem == f"{ZH_NAME}: inline code missing: 'forward'"


def test_inline_code_the_english_page_lacks_passes(tmp_path: Path):
    """A translation may name code once more: 它运行 `forward`（你写的 `forward` 方法）."""
    chinese = changed(CHINESE, "构建一个模型：", "用 `torch.nn.Linear` 构建一个模型：")
    assert check(tmp_path, ENGLISH, chinese) == []


def test_a_changed_link_target_fails(tmp_path: Path):
    chinese = changed(CHINESE, "(hooks.md#kinds)", "(hooks.md#types)")
    assert check(tmp_path, ENGLISH, chinese) == [
        f"{ZH_NAME}: link targets missing: 'hooks.md#kinds'",
        f"{ZH_NAME}: link targets not in the English page: 'hooks.md#types'",
    ]


def test_an_extra_link_fails(tmp_path: Path):
    chinese = changed(CHINESE, "构建一个模型：", "构建一个[模型](nesting.md)：")
    [problem] = check(tmp_path, ENGLISH, chinese)
    assert problem == f"{ZH_NAME}: link targets not in the English page: 'nesting.md'"


# Labs


def test_a_labs_changed_code_cell_fails(tmp_path: Path):
    chinese = changed(
        CHINESE_LAB, "print(torch.__version__)", 'print("PyTorch", torch.__version__)'
    )
    [problem] = check(tmp_path, ENGLISH_LAB, chinese, ".py")
    assert problem.startswith(f"{ZH_NAME}: code cell 1 differs:")
    assert '+print("PyTorch", torch.__version__)' in problem


def test_a_labs_missing_code_cell_fails(tmp_path: Path):
    chinese = changed(CHINESE_LAB, "\n# %%\nprint(torch.cuda.device_count())\n", "")
    [problem] = check(tmp_path, ENGLISH_LAB, chinese, ".py")
    assert problem == f"{ZH_NAME} has 1 code cells, the English lab 2"


def test_a_labs_changed_markdown_cell_passes(tmp_path: Path):
    chinese = changed(CHINESE_LAB, "# GPU 的数量：", "# 看看有几块 GPU：\n#\n# 没有 GPU 时是 0。")
    assert check(tmp_path, ENGLISH_LAB, chinese, ".py") == []


# The stamp: which version of the English page the translation translates


def test_a_translation_without_its_stamp_fails(tmp_path: Path):
    en, zh = write_pair(tmp_path, ENGLISH, CHINESE)
    [problem] = differences(zh, english=en, name=ZH_NAME, english_name=EN_NAME)
    assert problem == (f"{ZH_NAME} has no `{stamp_line(en, EN_NAME)}` line (run this with --stamp)")
    assert f"<!-- translation of {EN_NAME}, sha256:" in problem


def test_a_stamp_of_an_older_english_page_fails_until_it_is_stamped_again(tmp_path: Path):
    en, zh = write_pair(tmp_path, ENGLISH, CHINESE)
    stamp(zh, english=en, english_name=EN_NAME)
    assert differences(zh, english=en, name=ZH_NAME, english_name=EN_NAME) == []
    en.write_text(ENGLISH + "\nOne more sentence.\n", encoding="utf-8")
    [problem] = differences(zh, english=en, name=ZH_NAME, english_name=EN_NAME)
    assert problem.startswith(f"{ZH_NAME} translates an older {EN_NAME} (sha256:")
    assert f"`git log -p -- {EN_NAME}`" in problem
    assert f"`python -m site_tools.translations --stamp {ZH_NAME}`" in problem
    stamp(zh, english=en, english_name=EN_NAME)
    assert differences(zh, english=en, name=ZH_NAME, english_name=EN_NAME) == []
    # Stamping again replaces the line: the page keeps one stamp.
    assert len(STAMP.findall(zh.read_text(encoding="utf-8"))) == 1


def test_a_stamp_naming_another_page_fails(tmp_path: Path):
    en, zh = write_pair(tmp_path, ENGLISH, CHINESE)
    stamp(zh, english=en, english_name="docs/x/other.md")
    [problem] = differences(zh, english=en, name=ZH_NAME, english_name=EN_NAME)
    assert problem.startswith(f"{ZH_NAME} translates an older {EN_NAME}")


def test_stamping_a_lab_writes_in_its_first_markdown_cell_and_changes_no_code_cell(
    tmp_path: Path,
):
    en, zh = write_pair(tmp_path, ENGLISH_LAB, CHINESE_LAB, ".py")
    stamp(zh, english=en, english_name="docs/labs/page.py")
    text = zh.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[:2] == ["# %% [markdown]", f"# {stamp_line(en, 'docs/labs/page.py')}"]
    assert text == CHINESE_LAB.replace(
        "# %% [markdown]\n", "# %% [markdown]\n" + lines[1] + "\n", 1
    )
    assert code_cells(text) == code_cells(CHINESE_LAB)
    assert differences(zh, english=en, name=ZH_NAME, english_name="docs/labs/page.py") == []

"""The benchmark tables are rendered from the recorded data when the site is built (no pasting)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from site_tools import mkdocs_hooks
from site_tools.benchmark_tables import (
    TableError,
    fill_tables,
    format_time,
    overheads,
    sync_points,
    variants,
)
from site_tools.outputs import show_example_values
from site_tools.paths import DOCS

PERFORMANCE = DOCS / "performance"
RECORDED = json.loads((PERFORMANCE / "data" / "results-cpu.json").read_text(encoding="utf-8"))
PAGE_TABLES = {
    "overheads.md": "overheads",
    "sync-points.md": "sync-points",
    "fast-small-models.md": "variants",
}


def hook(page: Path) -> str:
    """What the site's on_page_markdown hook makes of a page, as in `mkdocs build`."""
    file = SimpleNamespace(abs_src_path=str(page), src_uri=page.relative_to(DOCS).as_posix())
    return mkdocs_hooks.on_page_markdown(
        page.read_text(encoding="utf-8"),
        page=SimpleNamespace(file=file),
        config=SimpleNamespace(docs_dir=str(DOCS)),
    )


@pytest.mark.parametrize(("page", "table"), PAGE_TABLES.items())
def test_each_page_shows_its_table_rendered_from_the_recorded_data(page, table):
    source = (PERFORMANCE / page).read_text(encoding="utf-8")
    placeholder = f"<!-- benchmark-table: {table} data/results-cpu.json -->"
    assert source.count(placeholder) == 1
    built = hook(PERFORMANCE / page)
    assert "benchmark-table" not in built
    rendered = {"overheads": overheads, "sync-points": sync_points, "variants": variants}[table](
        RECORDED
    )
    # the hook also shows Output blocks' {{example values}} without their braces
    assert built == show_example_values(source.replace(placeholder, rendered))


def test_the_recorded_tables_show_the_recorded_numbers():
    usual = RECORDED["variants"][0]
    assert (
        f"| {usual['variant']} | {usual['threads']} | {format_time(usual['per_step_s'])} | "
        in variants(RECORDED)
    )
    assert "| `print(loss)` | 1.01 ms | 184 us |" in sync_points(RECORDED)
    assert "| 8192 | 1024 | 572 ms | 356 ms | 98.07 |" in overheads(RECORDED)
    assert "`{16: 8192, 128: 128, 1024: 8192}`" in overheads(RECORDED)


def test_the_built_pages_contain_the_tables(site_dir):
    for page in PAGE_TABLES:
        html = (site_dir / "performance" / page.removesuffix(".md") / "index.html").read_text(
            encoding="utf-8"
        )
        assert "benchmark-table" not in html, page
        assert html.count("<table>") >= 1, page
    html = (site_dir / "performance" / "fast-small-models" / "index.html").read_text(
        encoding="utf-8"
    )
    assert f"<td>{RECORDED['variants'][0]['variant']}</td>" in html


# -- the rendering, on small made-up data --------------------------------------------------------

ENV = {
    "cpu": "Test CPU",
    "device_name": "Test CPU (2 threads)",
    "torch": "2.13.0",
    "date": "2026-01-02T03:04:05",
    "cpu_threads": 2,
    "cpu_cores": 2,
    "load_average_1min": {"start": 0.5, "end": None},
}


def test_variants_table_shows_skipped_rows_and_the_load():
    rows = [
        {
            "variant": "usual training loop",
            "epochs": 100,
            "threads": 2,
            "per_step_s": 4e-4,
            "fastest_s": 3e-4,
            "slowest_s": 5e-4,
            "speedup": 1.0,
            "speedup_fastest": 1.0,
            "setup_s": 0.001,
            "final_loss": 0.5,
        },
        {"variant": "CUDA graph of the step", "skipped": "skipped: needs a CUDA GPU"},
    ]
    lines = variants({"environment": ENV, "variants": rows}).split("\n")
    assert lines[0] == (
        "Recorded on Test CPU, torch 2.13.0, 2026-01-02, 100 epochs per variant. "
        "1-minute load average (2 cores): start 0.5."
    )
    assert (
        lines[-2]
        == "| usual training loop | 2 | 400 us | 300 us | 500 us "
        "| 1.0x | 1.0x | 0.00 s | 0.500000 |"
    )
    assert lines[-1] == "| CUDA graph of the step | | skipped: needs a CUDA GPU | | | | | | |"


def test_overheads_table_says_when_the_peak_is_unknown():
    steps = [
        {"batch": b, "width": 8, "threads": t, "seconds": s, "flop_per_s": 1e6 / s}
        for b, t, s in [(1, 1, 1e-4), (64, 1, 2e-3), (1, 2, 2e-4), (64, 2, 1e-3)]
    ]
    op_costs = [
        {"seconds": 3e-6, "elements": 1, "ns_per_element": 3000},
        {"seconds": 3e-2, "elements": 10**8, "ns_per_element": 0.3},
    ]
    peak = {
        "stated_flop_per_s": None,
        "how": "CPU clock unknown",
        "matmul_n": 64,
        "matmul_flop_per_s": 1e11,
    }
    results = {"environment": ENV, "steps": steps, "op_costs": op_costs, "peak": peak}
    text = overheads(results)
    assert "| 64 | 8 | 2 ms | 1 ms | 1.00 |" in text
    assert "2 threads beat 1 thread from batch (per width, `None`: never): `{8: 64}`." in text
    assert "Stated peak: unknown (CPU clock unknown)." in text
    assert "The fastest training step (batch 1, width 8, 1 thread) reaches 10.0 GFLOP/s" in text


def test_logging_table_leaves_the_extra_cost_of_no_logging_empty():
    results = {
        "environment": ENV,
        "readbacks": [{"readback": "loss.item()", "seconds": 4e-4, "alone_s": 3e-7}],
        "logging": [
            {"every": 1, "logs": 10, "seconds": 0.2, "extra_per_log_s": 1e-5},
            {"every": None, "logs": 0, "seconds": 0.1, "extra_per_log_s": None},
        ],
    }
    text = sync_points(results)
    assert "| `loss.item()` | 400 us | 300 ns |" in text
    assert "| log every | logs in 10 epochs | total time | extra per log |" in text
    assert text.endswith("| 1 | 10 | 0.200 s | +10.0 us |\n| never | 0 | 0.100 s |  |")


# -- placeholders ---------------------------------------------------------------------------------


@pytest.fixture
def page(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "results.json").write_text(json.dumps(RECORDED), encoding="utf-8")
    return tmp_path / "page.md"


def test_text_without_placeholders_is_left_as_it_is(page):
    text = '# Title\n\n<!-- skip: next -->\n```python\nprint("<!-- benchmark -->")\n```\n'
    assert fill_tables(text, page, "perf/page.md") == text


def test_a_placeholder_in_an_admonition_keeps_its_indentation(page):
    filled = fill_tables(
        "!!! note\n    <!-- benchmark-table: sync-points data/results.json -->\n", page, "p.md"
    )
    assert all(line.startswith("    ") for line in filled.splitlines()[1:] if line)
    assert "    | read-back after each step | time per step | the call alone |" in filled


@pytest.mark.parametrize(
    ("placeholder", "problem"),
    [
        (
            "<!-- benchmark-table: varaints data/results.json -->",
            "unknown table 'varaints' (known: overheads, sync-points, variants)",
        ),
        (
            "<!-- benchmark-table: variants data/missing.json -->",
            "cannot read the data file data/missing.json",
        ),
        (
            "<!-- benchmark-table: variants data/broken.json -->",
            "data/broken.json is not valid JSON",
        ),
        (
            "<!-- benchmark-table: overheads data/partial.json -->",
            "data/partial.json does not hold what the table needs (KeyError: 'peak')",
        ),
        (
            "<!-- benchmark-table: variants -->",
            "write it as <!-- benchmark-table: TABLE DATA_FILE -->",
        ),
        ("<!-- benchmark-table variants data/results.json -->", "write it as"),
        ("<!-- benchmark-tables: variants data/results.json -->", "write it as"),
        (
            "See <!-- benchmark-table: variants data/results.json --> here.",
            "must stand alone on its line",
        ),
    ],
)
def test_a_bad_placeholder_stops_the_build_naming_page_and_placeholder(page, placeholder, problem):
    (page.parent / "data" / "broken.json").write_text('{"environment": ', encoding="utf-8")
    (page.parent / "data" / "partial.json").write_text(
        json.dumps({"environment": ENV}), encoding="utf-8"
    )
    with pytest.raises(TableError) as caught:
        fill_tables(f"# Title\n\n{placeholder}\n", page, "performance/page.md")
    message = str(caught.value)
    comment = re.search(r"<!--.*?-->", placeholder)[0]
    assert message.startswith(f"performance/page.md: {comment}: "), message
    assert problem in message

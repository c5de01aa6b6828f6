"""The recorded benchmark data of docs/performance/ is complete, and its plots are shown.

The tables are rendered from this data when the site is built: see
tests/site_tools/test_benchmark_tables.py."""

from __future__ import annotations

import json

import pytest

from site_tools.paths import DOCS

PAGES = DOCS / "performance"
DATA = PAGES / "data"

VARIANTS = [
    "usual training loop",
    "no per-step sync",
    "+ 1 CPU thread",
    "+ fused SGD",
    "+ compiled model",
    "compiled whole step",
    "compiled, 10 steps a call",
    "CUDA graph of the step",
    "hand-written floor",
]


@pytest.fixture(scope="module")
def cpu_results() -> dict:
    return json.loads((DATA / "results-cpu.json").read_text(encoding="utf-8"))


def test_cpu_data_is_a_full_run_with_its_environment(cpu_results):
    env = cpu_results["environment"]
    assert cpu_results["mode"] == "full"
    for key in ("device", "device_name", "torch", "cuda", "driver", "cpu", "date", "cpu_cores"):
        assert key in env, key
    # how busy the machine was: the page states it beside the figures
    assert set(env["load_average_1min"]) == {"start", "before_variants", "end"}
    assert env["device"] == "cpu"
    assert [row["variant"] for row in cpu_results["variants"]] == VARIANTS
    assert {row["epochs"] for row in cpu_results["variants"]} == {20000}
    # every variant, compiled ones included, ends where the usual training loop ends: the same
    # training
    measured = [r for r in cpu_results["variants"] if "final_loss" in r]
    assert [r["variant"] for r in measured] == [
        v for v in VARIANTS if v != "CUDA graph of the step"
    ]
    usual = measured[0]["final_loss"]
    for row in measured:
        assert abs(row["final_loss"] - usual) < 1e-5, row
        assert row["fastest_s"] <= row["per_step_s"] <= row["slowest_s"], row
        assert row["speedup_fastest"] == pytest.approx(measured[0]["fastest_s"] / row["fastest_s"])


def test_gpu_data_is_only_ever_measured():
    """No GPU file is written by hand: if one exists, it says which GPU, driver and CUDA made it."""
    for path in DATA.glob("results-*.json"):
        env = json.loads(path.read_text(encoding="utf-8"))["environment"]
        assert path.stem == f"results-{env['device'].split(':')[0]}"
        if env["device"].startswith("cuda"):
            assert env["cuda"] and env["driver"] and env["device_name"]
    if not (DATA / "results-cuda.json").exists():
        assert "GPU figures are not yet recorded" in (PAGES / "index.md").read_text(
            encoding="utf-8"
        )


@pytest.mark.parametrize("plot", ["overheads-cpu.png", "flops-cpu.png", "iris-cpu.png"])
def test_plots_exist_and_are_shown(plot):
    assert (DATA / plot).stat().st_size > 10_000
    shown = "".join(p.read_text(encoding="utf-8") for p in PAGES.glob("*.md"))
    assert f"data/{plot}" in shown

"""tools/gpu-check, the parts that need no GPU and install nothing: arguments, messages, parsing."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_tools.paths import ROOT

SCRIPT = ROOT / "tools" / "gpu-check"
_loader = importlib.machinery.SourceFileLoader("gpu_check", str(SCRIPT))  # a script: no .py suffix
gpu_check = importlib.util.module_from_spec(importlib.util.spec_from_loader("gpu_check", _loader))
sys.modules["gpu_check"] = gpu_check  # its dataclass looks itself up there
_loader.exec_module(gpu_check)

FAKE_SMI = """#!/bin/sh
case "$1" in
  --query-gpu=*) echo "NVIDIA H200, 580.159.04, 143771 MiB" ;;
  *) echo "| NVIDIA-SMI 580.159.04      Driver Version: 580.159.04      CUDA Version: 13.0     |" ;;
esac
"""
BROKEN_SMI = """#!/bin/sh
echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."
exit 9
"""


def fake_nvidia_smi(tmp_path: Path, body: str) -> str:
    """A PATH whose nvidia-smi is `body`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "nvidia-smi").write_text(body)
    (bin_dir / "nvidia-smi").chmod(0o755)
    return f"{bin_dir}{os.pathsep}{os.environ['PATH']}"


def run_script(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "OUT"} | env
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )


def test_every_dependency_is_either_carried_used_from_the_machine_or_left_out():
    assert gpu_check.unsorted(gpu_check.requirements()) == []
    groups = [set(gpu_check.CARRIED), set(gpu_check.ON_THE_MACHINE), set(gpu_check.NOT_IN_THE_RUN)]
    assert sum(map(len, groups)) == len(set.union(*groups)), "a package in two groups"
    assert "torch" in gpu_check.ON_THE_MACHINE  # never reinstalled there
    assert {"playwright", "mkdocs-jupyter"} <= set(gpu_check.NOT_IN_THE_RUN)


@pytest.mark.parametrize(
    "argv",
    [
        ["--prepare", "--cpu"],
        ["--python-version", "3.12"],
        ["--prepare", "--python-version", "3"],
        ["--only", "everything"],
    ],
)
def test_contradictory_or_malformed_arguments_are_refused(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        gpu_check.parse_args(argv)
    assert exit_info.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_arguments_of_a_run():
    args = gpu_check.parse_args(["--cpu", "--quick", "--only", "docs", "--only", "benchmark"])
    assert (args.cpu, args.quick, args.only, args.budget) == (
        True,
        True,
        ["docs", "benchmark"],
        gpu_check.BUDGET_S,
    )
    assert (
        gpu_check.parse_args(["--prepare", "--python-version", "3.11.7"]).python_version == "3.11.7"
    )
    assert gpu_check.BUDGET_S < 8 * 60  # the whole run, whatever the stages' own limits add up to


def test_without_out_it_says_where_results_would_go_and_runs_nothing():
    done = run_script("--cpu")
    assert done.returncode == 2
    assert "$OUT is not set" in done.stderr and "OUT=" in done.stderr
    assert done.stdout == ""


def test_without_a_gpu_it_says_why_and_how_to_run_the_cpu_path(tmp_path):
    done = run_script(OUT=str(tmp_path / "out"), PATH=fake_nvidia_smi(tmp_path, BROKEN_SMI))
    assert done.returncode == 3, done.stdout + done.stderr
    assert "no usable CUDA GPU: nvidia-smi failed (exit 9)" in done.stdout
    assert "couldn't communicate with the NVIDIA driver" in done.stdout
    assert "tools/gpu-check --cpu" in done.stdout and "Nothing else was run" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    record = json.loads((tmp_path / "out" / "gpu-check.json").read_text())
    assert [(s["name"], s["status"]) for s in record["stages"]] == [("environment", "FAILED")]
    assert record["environment"]["torch"]  # the versions are printed even when nothing can run


def test_nvidia_smi_gives_the_gpu_the_driver_and_the_cuda_version(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", fake_nvidia_smi(tmp_path, FAKE_SMI))
    smi = gpu_check.nvidia_smi()
    assert smi["gpus"] == [{"name": "NVIDIA H200", "driver": "580.159.04", "memory": "143771 MiB"}]
    assert (smi["nvidia_smi"], smi["driver"], smi["driver_cuda"]) == ("ok", "580.159.04", "13.0")
    monkeypatch.setattr(gpu_check.shutil, "which", lambda name: None)
    assert gpu_check.nvidia_smi() == {"nvidia_smi": "nvidia-smi is not on the PATH"}


def test_why_a_gpu_cannot_be_used():
    smi_ok = {"nvidia_smi": "ok"}
    assert (
        gpu_check.no_gpu_reason({**smi_ok, "torch": "2.11.0+cu130", "cuda_available": True}) is None
    )
    cpu_only = gpu_check.no_gpu_reason(
        {**smi_ok, "torch": "2.13.0+cpu", "torch_cuda": None, "cuda_available": False}
    )
    assert cpu_only == "torch.cuda.is_available() is False (torch 2.13.0+cpu, a CPU-only build)"
    assert (
        gpu_check.no_gpu_reason({"nvidia_smi": "nvidia-smi is not on the PATH"})
        == "nvidia-smi is not on the PATH"
    )


def test_missing_or_mismatched_wheels_say_how_to_prepare_them(tmp_path, monkeypatch):
    monkeypatch.setattr(gpu_check, "WHEELS", tmp_path)
    assert "no wheels in" in gpu_check.wheels_problem("3.12.3")
    assert "--prepare" in gpu_check.wheels_problem("3.12.3")
    (tmp_path / "x-1.0-py3-none-any.whl").write_bytes(b"")
    assert "prepared.json is missing" in gpu_check.wheels_problem("3.12.3")
    (tmp_path / gpu_check.MANIFEST).write_text(json.dumps({"python_version": "3.11.7"}))
    problem = gpu_check.wheels_problem("3.12.3")
    assert (
        "wheels for Python 3.11, this is 3.12.3: "
        "run `python3 tools/gpu-check --prepare --python-version 3.12.3`" in problem
    )
    assert gpu_check.wheels_problem("3.11.2") is None


def test_junit_summary_names_the_failed_pages_and_the_skip_reasons(tmp_path):
    junit = tmp_path / "junit.xml"
    junit.write_text("""<testsuites><testsuite>
      <testcase classname="docs.training.iris.md" name="line:22,column:1"/>
      <testcase classname="docs.training.iris.md" name="line:35,column:1">
        <failure message="x"/></testcase>
      <testcase classname="docs.training.iris.md" name="line:49,column:1">
        <error message="y"/></testcase>
      <testcase classname="docs.hardware.gpu.md" name="line:9,column:1">
        <skipped message="needs two CUDA GPUs"/></testcase>
    </testsuite></testsuites>""")
    assert gpu_check.junit_summary(junit) == (
        "1 passed, 2 failed, 1 skipped (needs two CUDA GPUs: 1); "
        "failed: docs/training/iris.md lines 35, 49"
    )
    assert gpu_check.junit_summary(tmp_path / "none.xml") == "no JUnit report"


def cuda_results(**changes) -> dict:
    variants = [
        {"variant": name, "per_step_s": 1e-4, "speedup": 1.0, "final_loss": 0.0619}
        for name in ("seed loop", *gpu_check.COMPILED, "CUDA graph of the step")
    ]
    results = {
        "environment": {"cuda": "13.0", "driver": "580.159.04", "device_name": "NVIDIA H200"},
        "variants": variants,
        "gpu_beats_cpu_from_batch": {"16": 1024},
    }
    return results | changes


def test_cuda_results_must_hold_the_cuda_graph_the_crossover_and_the_compiled_variants():
    assert gpu_check.check_results(cuda_results(), "cuda", "full")[0] == []
    rows = [
        r
        if r["variant"] != "CUDA graph of the step"
        else {"variant": r["variant"], "skipped": "no"}
        for r in cuda_results()["variants"]
    ]
    problems, _ = gpu_check.check_results(
        cuda_results(variants=rows, environment={}), "cuda", "full"
    )
    assert "the CUDA-graph variant was not measured" in problems
    assert "the environment lacks cuda, driver, device_name" in problems
    broken = cuda_results()
    del broken["gpu_beats_cpu_from_batch"]
    assert gpu_check.check_results(broken, "cuda", "quick")[0] == [
        "no GPU crossover (gpu_beats_cpu_from_batch)"
    ]
    skipped = [{"variant": "+ compiled model", "skipped": "quick"}] + cuda_results()["variants"][2:]
    assert gpu_check.check_results(cuda_results(variants=skipped), "cuda", "full")[0] == [
        "'+ compiled model' was not measured"
    ]

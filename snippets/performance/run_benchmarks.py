"""Regenerate the data and the plots of the "Why is my GPU slower?" pages on your own machine.

    python snippets/performance/run_benchmarks.py --full --out docs/performance/data

measures the CPU, and the GPU too when there is one (CUDA or Apple MPS), writes
results-<device>.json and the plots into --out. Without --full it runs a quick version with small
sizes (the test suite does this); without --out it works in a temporary folder that it deletes at
the end.
--plot-only redraws the plots from the JSON files already in --out.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

# hardware_report.py is in the sibling folder snippets/hardware.
sys.path.append(str(Path(__file__).resolve().parent.parent / "hardware"))

import torch
from bench import device_name, pick_device
from hardware_report import Machine, cpu_name
from iris_variants import compare, print_table
from overheads import copy_timings, crossover, matmul_flops, op_costs, stated_peak, step_grid
from sync_points import logging_experiment, readback_costs

# --8<-- [start:sizes]
SIZES = {
    "quick": {"copy_mb": [1, 16], "op_elements": [1, 10_000, 1_000_000],
              "batches": [1, 64], "widths": [16, 128], "matmul": 256,
              "readback": {"repeats": 3, "min_time": 0.01},
              "log_epochs": 100, "log_every": [1, 10, 100, None], "log_repeats": 1,
              "epochs": 40, "rounds": 4, "compile": False},
    "full": {"copy_mb": [0.0625, 0.25, 1, 4, 16, 64, 256],
             "op_elements": [1, 100, 10_000, 1_000_000, 100_000_000],
             "batches": [1, 16, 128, 1024, 8192], "widths": [16, 128, 1024], "matmul": 2048,
             "readback": {"repeats": 9, "min_time": 0.1},
             "log_epochs": 5000, "log_every": [1, 10, 100, 1000, None], "log_repeats": 5,
             "epochs": 20000, "rounds": 100, "compile": True},
}
# A GPU gets two more sizes, to see how close to its peak a large step gets.
GPU_EXTRA = {"batches": [65536], "widths": [4096], "matmul": 8192}
# --8<-- [end:sizes]


def load_average():
    """The 1-minute load average: how many programs wanted a CPU core, on average (Unix only)."""
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def environment(device):
    env = {
        "device": str(device),
        "device_name": device_name(device),
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "driver": None,
        "cpu": str(cpu_name(Machine())),
        "cpu_threads": torch.get_num_threads(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "cpu_cores": (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                      else os.cpu_count()),
        "load_average_1min": {"start": load_average()},
    }
    if device.type == "cuda":
        try:
            env["driver"] = subprocess.run(
                ["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
                capture_output=True, text=True, timeout=30).stdout.strip() or None
        except (OSError, subprocess.SubprocessError):
            pass
    return env


def run(device, mode, epochs=None):
    size = dict(SIZES[mode], epochs=epochs or SIZES[mode]["epochs"])
    cpu = device.type == "cpu"
    print(f"== {device_name(device)}, torch {torch.__version__}, {mode} run")
    results = {"environment": environment(device), "mode": mode}
    results["copies"] = copy_timings(device, size["copy_mb"])
    results["op_costs"] = op_costs(device, size["op_elements"])
    batches, widths = size["batches"], size["widths"]
    if cpu:
        one, many = [], []
        for width in widths:
            # both thread settings size by size: a busy moment hits both alike
            for batch in batches:
                one += step_grid(device, [batch], [width], threads=1)
                many += step_grid(device, [batch], [width])
        results["steps"] = one + many
    else:
        if mode == "full":
            batches, widths = batches + GPU_EXTRA["batches"], widths + GPU_EXTRA["widths"]
        gpu_steps = step_grid(device, batches, widths)
        # the same sizes on the CPU, for the crossover
        cpu_steps = step_grid("cpu", size["batches"], size["widths"])
        results["steps"] = gpu_steps + cpu_steps
        results["gpu_beats_cpu_from_batch"] = crossover(cpu_steps, gpu_steps)
    n = size["matmul"] if cpu or mode == "quick" else GPU_EXTRA["matmul"]
    peak, how = stated_peak(device)
    results["peak"] = {"stated_flop_per_s": peak, "how": how, "matmul_n": n,
                       "matmul_flop_per_s": matmul_flops(device, n)}
    saved = torch.get_num_threads()
    torch.set_num_threads(1)  # one thread: a busy second core must not blur the sync costs
    results["readbacks"] = readback_costs(device, **size["readback"])
    results["logging"] = logging_experiment(device, size["log_epochs"], size["log_every"],
                                            repeats=size["log_repeats"])
    torch.set_num_threads(saved)
    results["environment"]["load_average_1min"]["before_variants"] = load_average()
    results["variants"] = compare(device, size["epochs"], size["rounds"],
                                  with_compile=size["compile"])
    results["environment"]["load_average_1min"]["end"] = load_average()
    print_table(results["variants"])
    return results


def summary(results):
    """A few lines that say what the data shows."""
    lines = []
    steps = results["steps"]
    # the largest step on the device measured (a GPU run holds CPU steps too)
    device = results["environment"]["device"]
    biggest = max(steps, key=lambda r: (r["device"] == device, r["batch"] * r["width"]))
    peak = results["peak"]
    if peak["stated_flop_per_s"]:
        stated = f"{peak['stated_flop_per_s'] / 1e9:.1f} GFLOP/s ({peak['how']})"
    else:
        stated = f"unknown ({peak['how']})"
    lines.append(f"largest step on {biggest['device']}: "
                 f"batch {biggest['batch']} x width {biggest['width']}, "
                 f"{biggest['flop_per_s'] / 1e9:.1f} GFLOP/s; "
                 f"large matmul {peak['matmul_flop_per_s'] / 1e9:.1f} GFLOP/s; "
                 f"stated peak {stated}")
    if "gpu_beats_cpu_from_batch" in results:
        lines.append(f"GPU beats CPU from batch (per width): {results['gpu_beats_cpu_from_batch']}")
    else:
        one = [r for r in steps if r["threads"] == 1]
        many = [r for r in steps if r["threads"] != 1]
        if many:
            lines.append(f"{many[0]['threads']} threads beat 1 thread from batch (per width): "
                         f"{crossover(one, many)}")
    return lines


# -- plots ----------------------------------------------------------------------------------------


def plot_all(out):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from PIL import Image

    files = sorted(out.glob("results-*.json"))
    data = {f.stem.removeprefix("results-"): json.loads(f.read_text()) for f in files}
    written = []
    # Sized for the page's text column: 5 inches at 160 dpi is 800 pixels, shown 500 pixels wide
    # (1.6 times as sharp: crisp on a phone, at two thirds of the bytes of twice), panels stacked
    # rather than side by side, so that on a phone (about 340 pixels) the text is still about 10
    # pixels high.
    plt.rcParams.update({"font.size": 11, "axes.titlesize": 12, "legend.fontsize": 9})
    width = 5

    def save(fig, name):
        fig.tight_layout()
        fig.savefig(out / name, dpi=160, metadata={"Software": None})
        plt.close(fig)
        with Image.open(out / name) as image:  # 32 colours look the same, at half the bytes
            image.convert("RGB").quantize(colors=32).save(out / name, optimize=True)
        written.append(name)

    for key, res in data.items():
        title = f"{res['environment']['device_name']}, torch {res['environment']['torch']}"
        fig, axes = plt.subplots(3, 1, figsize=(width, 11))
        ax = axes[0]
        for (direction, memory) in sorted({(r["direction"], r["memory"]) for r in res["copies"]}):
            rows = [r for r in res["copies"]
                    if r["direction"] == direction and r["memory"] == memory]
            ax.loglog([r["size_mb"] for r in rows], [r["seconds"] for r in rows], "o-",
                      label=f"{direction}, {memory}")
        ax.set(xlabel="size (MB)", ylabel="seconds per copy", title="copies")
        ax.legend()
        ax = axes[1]
        rows = res["op_costs"]
        ax.loglog([r["elements"] for r in rows], [r["seconds"] for r in rows], "o-")
        ax.set(xlabel="elements", ylabel="seconds per x.add_(1)", title="one operation")
        ax = axes[2]
        for device, threads in sorted({(r["device"], r["threads"]) for r in res["steps"]}):
            for width_ in sorted({r["width"] for r in res["steps"]}):
                rows = [r for r in res["steps"]
                        if (r["device"], r["threads"], r["width"]) == (device, threads, width_)]
                if rows:
                    style = "o-" if device != "cpu" else ("s--" if threads == 1 else "^:")
                    thr = f" {threads} thr" if device == "cpu" else ""
                    label = f"{device}{thr}, width {width_}"
                    ax.loglog([r["batch"] for r in rows], [r["seconds"] for r in rows], style,
                              label=label)
        ax.set(xlabel="batch", ylabel="seconds per training step", title="training step")
        ax.legend(fontsize=8)
        fig.suptitle(title)
        save(fig, f"overheads-{key}.png")

        fig, ax = plt.subplots(figsize=(width, 4))
        dev = res["environment"]["device"]
        for threads in sorted({r["threads"] for r in res["steps"] if r["device"] == dev}):
            rows = sorted((r for r in res["steps"]
                           if r["device"] == dev and r["threads"] == threads),
                          key=lambda r: r["batch"] * r["width"] ** 2)
            label = f"training step ({threads} threads)" if dev == "cpu" else "training step"
            ax.loglog([r["batch"] * r["width"] ** 2 for r in rows],
                      [r["flop_per_s"] for r in rows], "o", label=label)
        peak = res["peak"]
        ax.axhline(peak["matmul_flop_per_s"], color="gray", ls="--",
                   label=f"{peak['matmul_n']}x{peak['matmul_n']} matmul")
        if peak["stated_flop_per_s"]:
            ax.axhline(peak["stated_flop_per_s"], color="red", ls=":", label="stated peak")
        ax.set(xlabel="batch x width^2 (work per step)", ylabel="FLOP/s achieved")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8)
        save(fig, f"flops-{key}.png")

        fig, axes = plt.subplots(2, 1, figsize=(width, 9.5), height_ratios=[3, 2])
        rows = [r for r in res["variants"] if "per_step_s" in r][::-1]
        ax = axes[0]
        ax.barh(range(len(rows)), [r["per_step_s"] * 1e6 for r in rows], height=0.45,
                label="median chunk")
        ax.plot([r["fastest_s"] * 1e6 for r in rows], range(len(rows)), "k|", ms=12,
                label="fastest chunk")
        # names above the bars: the bars keep the figure's full width
        for y, row in enumerate(rows):
            ax.text(0.01, y + 0.28, row["variant"], transform=ax.get_yaxis_transform(), va="bottom")
        ax.set_xscale("log")
        ax.set_xticks([50, 100, 200, 500], labels=["50", "100", "200", "500"])
        ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.set_yticks([])
        ax.set_ylim(-0.5, len(rows) - 0.1)
        ax.legend(fontsize=8, loc="lower right")
        ax.set(xlabel="microseconds per training step (log scale)",
               title=f"Iris, {rows[0]['epochs']} epochs")
        ax = axes[1]
        rows = res["logging"]
        rows = sorted(rows, key=lambda r: r["logs"])
        ax.plot([r["logs"] for r in rows], [r["seconds"] for r in rows], "o-")
        ax.set_ylim(bottom=0)  # from zero: the differences are shown at their true size
        ax.set(xlabel="number of loss.item() + print calls", ylabel="total seconds",
               title=f"logging frequency, {res['environment']['device']}")
        fig.suptitle(title)
        save(fig, f"iris-{key}.png")
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true",
                        help="the sizes of the recorded data (minutes)")
    parser.add_argument("--out", type=Path, help="folder for results-*.json and *.png")
    parser.add_argument("--plot-only", action="store_true", help="only redraw the plots from --out")
    parser.add_argument("--cpu-only", action="store_true", help="do not measure a GPU")
    parser.add_argument("--epochs", type=int,
                        help="Iris epochs per variant (default: 40 quick, 20000 full)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        if not args.plot_only:
            mode = "full" if args.full else "quick"
            devices = [torch.device("cpu")]
            if pick_device().type != "cpu" and not args.cpu_only:
                devices.append(pick_device())
            for device in devices:
                results = run(device, mode, args.epochs)
                for line in summary(results):
                    print(line)
                path = out / f"results-{device.type}.json"
                path.write_text(json.dumps(results, indent=1) + "\n")
                print("wrote", path)
        for name in plot_all(out):
            print("wrote", out / name)
        if args.out is None:
            print("(a temporary folder, now deleted: pass --out DIR to keep the files)")


if __name__ == "__main__":
    main()

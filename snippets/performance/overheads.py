# The three overheads of a GPU, measured: copies, the fixed cost per operation, and under-use.
# ruff: noqa: E402 - each section is a block of its own on a page and starts with its own imports
from bench import format_time, measure, synchronize

# isort: split
# --8<-- [start:copy_cases]
import torch


def copies(host, device):
    """The copies to time for the tensor `host`: {(direction, memory): a function that copies}."""
    if device.type == "cpu":
        # .to("cpu") on a CPU tensor returns the very same tensor: nothing is copied.
        # The closest thing is a copy inside host memory, the floor for any copy.
        return {("host -> host", "pageable"): lambda: host.clone()}
    on_device = host.to(device)
    cases = {
        ("host -> device", "pageable"): lambda: host.to(device),
        ("device -> host", "pageable"): lambda: on_device.to("cpu"),
    }
    if device.type == "cuda":
        pinned = host.pin_memory()  # page-locked: the GPU can read it directly (DMA)
        back = torch.empty_like(host).pin_memory()
        cases[("host -> device", "pinned")] = lambda: pinned.to(device, non_blocking=True)
        cases[("device -> host", "pinned")] = lambda: back.copy_(on_device, non_blocking=True)
    return cases
# --8<-- [end:copy_cases]


# --8<-- [start:copies]
def copy_timings(device, sizes_mb):
    """Seconds to copy a float32 tensor of each size between the host and `device`."""
    device = torch.device(device)
    rows = []
    for mb in sizes_mb:
        host = torch.ones(int(mb * 2**20) // 4)
        for (direction, memory), copy in copies(host, device).items():
            t = measure(copy, device, repeats=5)
            rows.append({"size_mb": mb, "direction": direction, "memory": memory,
                         "seconds": t.median, "GB_per_s": mb * 2**20 / t.median / 1e9})
    return rows
# --8<-- [end:copies]


# --8<-- [start:op_cost]
def op_costs(device, sizes):
    """Seconds for one in-place add, x.add_(1), on tensors of `sizes` elements."""
    rows = []
    for n in sizes:
        x = torch.zeros(n, device=device)
        # measure() calls the lambda right away; x=x binds this size's tensor
        t = measure(lambda x=x: x.add_(1), device)
        rows.append({"elements": n, "seconds": t.median, "ns_per_element": t.median / n * 1e9})
    return rows
# --8<-- [end:op_cost]


# --8<-- [start:step_timing]
import torch.nn.functional as F
from torch import nn


def step_timing(device, batch, width, repeats=5):
    """Seconds per SGD step of a width -> width -> 10 MLP on a batch, and the FLOP/s achieved."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(width, width), nn.ReLU(), nn.Linear(width, 10)).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    x = torch.randn(batch, width, device=device)
    y = torch.randint(0, 10, (batch,), device=device)

    def step():
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()

    t = measure(step, device, repeats=repeats)
    # A multiply-add is 2 FLOPs. Forward: x @ W1.T and h @ W2.T. Backward: the gradients
    # of W1, of W2 and of h (not of x, which needs no gradient).
    # So 2 products of width x width, 3 of width x 10.
    flops = 2 * batch * (2 * width * width + 3 * width * 10)
    return {"device": str(torch.device(device)), "threads": torch.get_num_threads(),
            "batch": batch, "width": width, "seconds": t.median, "flop_per_s": flops / t.median}
# --8<-- [end:step_timing]


# --8<-- [start:grid]
def step_grid(device, batches, widths, threads=None):
    """step_timing for every batch and width, with `threads` CPU threads (None: leave as is)."""
    saved = torch.get_num_threads()
    if threads:
        torch.set_num_threads(threads)
    try:
        return [step_timing(device, b, w) for w in widths for b in batches]
    finally:
        torch.set_num_threads(saved)


def crossover(slow_rows, fast_rows):
    """For each width, the smallest batch from which `fast_rows` beat `slow_rows`: at that batch
    and at every larger one."""
    result = {}
    for width in sorted({r["width"] for r in slow_rows}):
        pairs = [(a["batch"], a["seconds"], b["seconds"]) for a in slow_rows for b in fast_rows
                 if a["width"] == b["width"] == width and a["batch"] == b["batch"]]
        pairs.sort()
        wins = [fast < slow for _, slow, fast in pairs]
        first = next((i for i in range(len(wins)) if all(wins[i:])), None)
        result[width] = None if first is None else pairs[first][0]
    return result
# --8<-- [end:grid]


# --8<-- [start:peak]
import os


def matmul_flops(device, n):
    """FLOP/s of one large n x n matrix product: about the most this device does in practice."""
    a = torch.randn(n, n, device=device)
    t = measure(lambda: a @ a, device, repeats=5)
    return 2 * n**3 / t.median


# Vendor data-sheet FP32 peaks (no tensor cores: PyTorch does not use TF32 for float32 by default).
GPU_FP32_PEAK = {"H100 SXM": 67e12, "H100 PCIe": 51e12, "H100 NVL": 60e12, "H200": 67e12,
                 "A100": 19.5e12, "L4": 30.3e12, "T4": 8.1e12, "RTX 4090": 82.6e12}


def stated_peak(device):
    """(FLOP/s, how it was obtained) for float32 on `device`; (None, why) when unknown."""
    device = torch.device(device)
    if device.type == "cuda":
        name = torch.cuda.get_device_name(device)
        for key, peak in GPU_FP32_PEAK.items():
            if all(word in name for word in key.split()):
                return peak, f"data sheet FP32 peak of {key}"
        return None, f"no data-sheet peak known for {name}"
    if device.type != "cpu":
        return None, f"no stated peak for {device.type}"
    mhz = None
    try:
        with open("/proc/cpuinfo") as f:
            mhz = max(float(line.split(":")[1]) for line in f if line.startswith("cpu MHz"))
    except (OSError, ValueError):
        pass
    if mhz is None:
        return None, "CPU clock unknown"
    # Per core and cycle: 2 FMA units x (8 float32 lanes for AVX2, 16 for AVX-512) x 2 FLOPs.
    lanes = 16 if "AVX512" in torch.backends.cpu.get_cpu_capability() else 8
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    peak = cores * mhz * 1e6 * 2 * lanes * 2
    return peak, f"{cores} cores x {mhz / 1000:.2f} GHz x {2 * lanes * 2} FLOP/cycle (estimate)"
# --8<-- [end:peak]


if __name__ == "__main__":
    for row in copy_timings("cpu", [1, 16]):
        print(row["direction"], row["size_mb"], "MB:", format_time(row["seconds"]))
    for row in op_costs("cpu", [1, 1_000_000]):
        print(row["elements"], "elements:", format_time(row["seconds"]))
    one = step_grid("cpu", [1, 256], [16, 256], threads=1)
    two = step_grid("cpu", [1, 256], [16, 256], threads=2)
    print("2 threads beat 1 from batch:", crossover(one, two))
    print(f"matmul: {matmul_flops('cpu', 512) / 1e9:.1f} GFLOP/s; peak:", stated_peak("cpu"))
    synchronize("cpu")

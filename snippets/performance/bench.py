# Timing that is correct on any device: warm up, wait for the device, repeat, keep the median.
import sys
from pathlib import Path

# The CPU's name comes from the hardware report, in the sibling folder snippets/hardware.
sys.path.append(str(Path(__file__).resolve().parent.parent / "hardware"))
from hardware_report import Machine, cpu_name

# isort: split
# --8<-- [start:bench]
# --8<-- [start:imports]
import statistics
import time
from dataclasses import dataclass

import torch

# --8<-- [end:imports]


# --8<-- [start:sync]
def pick_device():
    """The site's default (see "Pick the device once" on the Devices page): this PyTorch build's
    accelerator if it works here (a CUDA or ROCm GPU, Apple's MPS, an Intel XPU...), else the
    CPU."""
    return torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")


def synchronize(device):
    """Wait until the device has finished all the work queued on it so far."""
    device = torch.device(device)
    if device.type != "cpu":
        torch.accelerator.synchronize(device)
    # On the CPU an operation has finished when its call returns: nothing to wait for.
# --8<-- [end:sync]


# --8<-- [start:names]
def device_name(device):
    device = torch.device(device)
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    if device.type == "mps":
        return "Apple GPU (MPS)"
    return f"{cpu_name(Machine())} ({torch.get_num_threads()} threads)"


def format_time(seconds):
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"
# --8<-- [end:names]


# --8<-- [start:measure]
@dataclass
class Timing:
    label: str
    median: float  # seconds per call, the median of the repeats
    fastest: float  # the fastest repeat
    slowest: float  # the slowest repeat
    repeats: int
    device: str
    device_name: str
    torch_version: str

    def __str__(self):
        return (
            f"{self.label}: {format_time(self.median)} per call "
            f"(median of {self.repeats}, range {format_time(self.fastest)}"
            f" to {format_time(self.slowest)}) on {self.device_name}, torch {self.torch_version}"
        )


def measure(fn, device="cpu", label="", repeats=7, warmup=2, min_time=0.01):
    """Time fn() on device. Returns a Timing whose times are seconds per call of fn."""
    for _ in range(warmup):  # first calls pay one-off costs: memory allocation, caches, compilation
        fn()
    synchronize(device)
    # Timers are coarse: run fn as many times as one call fits into min_time (rounded down, >= 1).
    start = time.perf_counter()
    fn()
    synchronize(device)
    once = time.perf_counter() - start
    calls = max(1, int(min_time / max(once, 1e-9)))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        synchronize(device)  # stop the clock when the device is done, not when the queue is filled
        times.append((time.perf_counter() - start) / calls)
    return Timing(
        label=label,
        median=statistics.median(times),
        fastest=min(times),
        slowest=max(times),
        repeats=repeats,
        device=str(torch.device(device)),
        device_name=device_name(device),
        torch_version=torch.__version__,
    )
# --8<-- [end:measure]
# --8<-- [end:bench]


if __name__ == "__main__":
    x = torch.randn(256, 256)
    print(measure(lambda: x @ x, "cpu", label="256x256 matmul"))

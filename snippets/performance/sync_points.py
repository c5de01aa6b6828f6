# Sync points: the calls that make the CPU wait for the GPU, what they cost, and how to avoid them.
# ruff: noqa: E402 - each section is a block of its own on a page and starts with its own imports
import sys
from pathlib import Path

# iris_mlp.py is in the sibling folder snippets/training.
sys.path.append(str(Path(__file__).resolve().parent.parent / "training"))
from bench import format_time, measure, synchronize
from iris_mlp import MLP, X_train, y_train

# isort: split
# --8<-- [start:queue]
import time

import torch


def queue_demo(device, n=256, ops=50):
    """When do `ops` matrix products return to Python, and when are they really done?"""
    a = torch.randn(n, n, device=device)
    synchronize(device)
    start = time.perf_counter()
    for _ in range(ops):
        a @ a  # the result is not kept: only the work matters here
    returned = time.perf_counter() - start  # Python is free again
    synchronize(device)
    finished = time.perf_counter() - start  # the device has done the work
    return returned, finished
# --8<-- [end:queue]


# --8<-- [start:setup]
import io

from torch import nn


def iris_training(device):
    """The Iris model (seeded), its data on `device`, the loss and the optimizer."""
    torch.manual_seed(0)
    model = MLP().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    return model, X_train.to(device), y_train.to(device), nn.CrossEntropyLoss(), optimizer
# --8<-- [end:setup]


# --8<-- [start:readbacks]
def readback_costs(device, repeats=5, min_time=0.01):
    """Time per Iris training step with each way of looking at the loss after the step, and the
    time of that call alone, on a loss that is already computed."""
    model, X, y, criterion, optimizer = iris_training(device)
    sink = io.StringIO()  # printed text goes here, not to the screen
    readbacks = {
        "none": lambda loss: None,
        "loss.item()": lambda loss: loss.item(),
        "loss.cpu()": lambda loss: loss.cpu(),
        "loss.tolist()": lambda loss: loss.tolist(),
        "print(loss)": lambda loss: print(loss, file=sink),
        "print(loss.item())": lambda loss: print(f"{loss.item():.4f}", file=sink),
    }
    done = criterion(model(X), y).detach()
    synchronize(device)  # `done` is computed: reading it alone costs the call, without a wait
    rows = []
    for name, read in readbacks.items():

        # measure() calls both right away; read=read binds this iteration's read-back
        def step(read=read):
            loss = criterion(model(X), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            read(loss.detach())

        timing = measure(step, device, repeats=repeats, min_time=min_time)
        alone = measure(lambda read=read: read(done), device, repeats=repeats, min_time=min_time)
        rows.append({"readback": name, "seconds": timing.median, "alone_s": alone.median})
    return rows
# --8<-- [end:readbacks]


# --8<-- [start:logging]
def train_and_log(device, epochs, every):
    """Seconds to train `epochs` epochs, printing the loss every `every` epochs (None: never)."""
    model, X, y, criterion, optimizer = iris_training(device)
    sink = io.StringIO()
    synchronize(device)
    start = time.perf_counter()
    for epoch in range(epochs):
        loss = criterion(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if every and (epoch + 1) % every == 0:
            print(f"Epoch [{epoch + 1}/{epochs}], Loss: {loss.item():.4f}", file=sink)
    synchronize(device)
    return time.perf_counter() - start
# --8<-- [end:logging]


# --8<-- [start:experiment]
import statistics


def logging_experiment(device, epochs, everies, repeats=3):
    """Total training time against the logging interval; repeats interleaved, median kept."""
    times = {every: [] for every in everies}
    for _ in range(repeats):
        for every in everies:
            times[every].append(train_and_log(device, epochs, every))
    base = statistics.median(times[None]) if None in times else None
    rows = []
    for every in everies:
        logs = epochs // every if every else 0
        seconds = statistics.median(times[every])
        extra = (seconds - base) / logs if logs and base is not None else None
        rows.append({"every": every, "logs": logs, "seconds": seconds, "extra_per_log_s": extra})
    return rows
# --8<-- [end:experiment]


# --8<-- [start:no_stall]
def train_logging_on_device(device, epochs, every):
    """Keep every loss on the device; read back once per `every` epochs, and once at the end."""
    model, X, y, criterion, optimizer = iris_training(device)
    history = torch.zeros(epochs, device=device)  # the whole loss curve, on the device
    for epoch in range(epochs):
        loss = criterion(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        history[epoch] = loss.detach()  # a copy on the device: Python does not wait
        if (epoch + 1) % every == 0:  # rare: one wait per `every` epochs
            recent = history[epoch + 1 - every : epoch + 1].mean().item()
            print(f"epochs {epoch + 2 - every}-{epoch + 1}: mean loss {recent:.4f}")
    return history.tolist()  # one read-back for the whole curve
# --8<-- [end:no_stall]


if __name__ == "__main__":
    returned, finished = queue_demo("cpu")
    print(f"returned after {format_time(returned)}, finished after {format_time(finished)}")
    for row in readback_costs("cpu"):
        print(f"{row['readback']:20} {format_time(row['seconds'])}")
    for row in logging_experiment("cpu", 200, [1, 10, None], repeats=1):
        print(row["every"], row["logs"], format_time(row["seconds"]))
    curve = train_logging_on_device("cpu", 200, 100)
    print(len(curve), round(curve[-1], 4))

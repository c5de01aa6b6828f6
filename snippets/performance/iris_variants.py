# Nine ways to run the same Iris training, timed against each other in one run.
# ruff: noqa: E402 - each section is a block of its own on a page and starts with its own imports
import sys
from pathlib import Path

# iris_mlp.py is in the sibling folder snippets/training.
sys.path.append(str(Path(__file__).resolve().parent.parent / "training"))
from bench import device_name, format_time, synchronize
from iris_mlp import MLP, X_train, y_train

# isort: split
# --8<-- [start:usual]
import torch
from torch import nn


def usual_loop(device):
    """The loop as many tutorials write it: model.forward, and loss.item() every epoch."""
    torch.manual_seed(0)
    model = MLP().to(device)
    X, y = X_train.to(device), y_train.to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    losses = []

    def step():
        outputs = model.forward(X)
        loss = criterion(outputs, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())  # waits for the device, every epoch

    return step, lambda: losses[-1]
# --8<-- [end:usual]


# --8<-- [start:framework]
def no_sync_loop(device, fused=False, compiled=False):
    """The same training; the loss stays on the device and is read once, at the end."""
    torch.manual_seed(0)
    model = MLP().to(device)
    X, y = X_train.to(device), y_train.to(device)
    criterion = nn.CrossEntropyLoss()
    # fused=True: one kernel updates every parameter (CPU, CUDA, MPS... in torch 2.13).
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, fused=fused or None)
    losses = []

    def forward_and_loss():
        return criterion(model(X), y)

    if compiled:
        forward_and_loss = torch.compile(forward_and_loss)
        forward_and_loss().backward()  # compiles the forward and the backward graphs now,
        optimizer.zero_grad()  # without an update: training starts from the same weights

    def step():
        loss = forward_and_loss()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.detach())  # no wait: the value stays on the device

    return step, lambda: torch.stack(losses[-1:]).tolist()[0]  # one read-back at the end
# --8<-- [end:framework]


# --8<-- [start:compiled_step]
from torch.func import functional_call, grad_and_value


def compiled_step_loop(device, steps_per_call=1, lr=0.01):
    """Forward, loss, gradient and SGD update as ONE compiled function; steps_per_call a call."""
    torch.manual_seed(0)
    model = MLP().to(device)
    X, y = X_train.to(device), y_train.to(device)
    params = {name: p.detach() for name, p in model.named_parameters()}  # the model's memory

    def loss_of(params):  # the model, run with the tensors in `params` as its parameters
        return nn.functional.cross_entropy(functional_call(model, params, (X,)), y)

    gradients_and_loss = grad_and_value(loss_of)  # a new function: params -> (gradients, loss)

    @torch.compile(fullgraph=True, dynamic=False)  # fullgraph: fail instead of splitting the step
    def train_steps(params):
        for _ in range(steps_per_call):  # a Python loop: the compiler unrolls it
            gradients, loss = gradients_and_loss(params)
            for name, p in params.items():
                p.sub_(gradients[name], alpha=lr)  # the SGD update, in place
        return loss

    train_steps({name: p.clone() for name, p in params.items()})  # compiles now, on a copy
    losses = []

    def step():  # runs steps_per_call epochs
        losses.append(train_steps(params))

    return step, lambda: losses[-1].item()
# --8<-- [end:compiled_step]


# --8<-- [start:cuda_graph]
def cuda_graph_loop(device):
    """The whole step (forward, backward, update) captured once and replayed: one launch a step."""
    torch.manual_seed(0)
    model = MLP().to(device)
    X, y = X_train.to(device), y_train.to(device)  # static inputs: a replay reads the same memory
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    start = [p.detach().clone() for p in model.parameters()]
    side = torch.cuda.Stream()  # warm up on a side stream, as torch.cuda.graphs requires
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        for _ in range(3):
            optimizer.zero_grad(set_to_none=True)
            criterion(model(X), y).backward()
            optimizer.step()
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    optimizer.zero_grad(set_to_none=True)
    with torch.cuda.graph(graph):
        static_loss = criterion(model(X), y)
        static_loss.backward()
        optimizer.step()
    with torch.no_grad():  # undo the warm-up steps: start from the seeded weights
        for p, p0 in zip(model.parameters(), start, strict=True):
            p.copy_(p0)
    return graph.replay, lambda: static_loss.item()
# --8<-- [end:cuda_graph]


# --8<-- [start:floor]
def hand_written_loop(device, lr=0.01):
    """Forward, gradient and SGD update in plain tensor operations: no autograd, nn or optim."""
    torch.manual_seed(0)
    model = MLP()  # only to start from exactly the same weights
    W1, b1, W2, b2 = (p.detach().clone().to(device) for p in model.parameters())
    X, y = X_train.to(device), y_train.to(device)
    onehot = torch.nn.functional.one_hot(y, 3).float()
    n = X.shape[0]
    losses = []

    def step():
        h_pre = torch.addmm(b1, X, W1.T)  # X @ W1.T + b1
        h = h_pre.clamp_min(0)  # ReLU
        log_p = torch.addmm(b2, h, W2.T).log_softmax(dim=1)
        losses.append(-(log_p * onehot).sum() / n)  # cross-entropy, averaged over the batch
        g = (log_p.exp() - onehot) / n  # d loss / d logits = (softmax - onehot) / n
        g_h = (g @ W2) * (h_pre > 0)  # back through fc2 and the ReLU
        W2.sub_(g.T @ h, alpha=lr)  # gradients use the old W2: g_h was computed first
        b2.sub_(g.sum(0), alpha=lr)
        W1.sub_(g_h.T @ X, alpha=lr)
        b1.sub_(g_h.sum(0), alpha=lr)

    return step, lambda: losses[-1].item()
# --8<-- [end:floor]


# --8<-- [start:variants]
import statistics
import time

DEFAULT_THREADS = torch.get_num_threads()
COMPILED = "skipped: quick mode (compiling takes 5 to 60 s)"


def variants(device, with_compile=True):
    """(name, CPU threads, make, epochs per call of step) for each variant; make(device) returns
    (step, final_loss), or the row holds the reason why it is skipped."""
    device = torch.device(device)
    rows = [
        ("usual training loop", DEFAULT_THREADS, usual_loop, 1),
        ("no per-step sync", DEFAULT_THREADS, no_sync_loop, 1),
        ("+ 1 CPU thread", 1, no_sync_loop, 1),
        ("+ fused SGD", 1, lambda d: no_sync_loop(d, fused=True), 1),
        ("+ compiled model", 1, lambda d: no_sync_loop(d, fused=True, compiled=True), 1),
        ("compiled whole step", 1, compiled_step_loop, 1),
        ("compiled, 10 steps a call", 1, lambda d: compiled_step_loop(d, steps_per_call=10), 10),
    ]
    if not with_compile:
        rows[4:] = [(name, threads, COMPILED, n) for name, threads, _, n in rows[4:]]
    if device.type == "cuda":
        rows.append(("CUDA graph of the step", 1, cuda_graph_loop, 1))
    else:
        rows.append(("CUDA graph of the step", 1, "skipped: needs a CUDA GPU", 1))
    rows.append(("hand-written floor", 1, hand_written_loop, 1))
    return rows


def compare(device, epochs, rounds=10, with_compile=True):
    """Train every variant for `epochs` epochs, interleaved in `rounds` chunks so that a slow
    moment of the machine hits all variants alike. Per variant: the median and the fastest chunk."""
    # a multiple of 10 epochs: whole calls for every variant
    chunk = epochs // rounds // 10 * 10 or 10
    runs = []
    for name, threads, make, per_call in variants(device, with_compile):
        if isinstance(make, str):
            runs.append({"variant": name, "skipped": make})
            continue
        torch.set_num_threads(threads)
        start = time.perf_counter()
        step, final_loss = make(device)  # for torch.compile this is where compiling happens
        synchronize(device)
        setup_s = time.perf_counter() - start
        runs.append({"variant": name, "threads": threads, "setup_s": setup_s, "step": step,
                     "calls": chunk // per_call, "final_loss": final_loss, "chunks": []})
    for _ in range(rounds):
        for run in runs:
            if "skipped" in run:
                continue
            torch.set_num_threads(run["threads"])
            start = time.perf_counter()
            for _ in range(run["calls"]):
                run["step"]()
            synchronize(device)
            run["chunks"].append((time.perf_counter() - start) / chunk)
    torch.set_num_threads(DEFAULT_THREADS)
    usual = runs[0]["chunks"]
    table = []
    for run in runs:
        row = {"device": str(torch.device(device)), "device_name": device_name(device),
               "epochs": chunk * rounds, "variant": run["variant"]}
        if "skipped" in run:
            table.append({**row, "skipped": run["skipped"]})
            continue
        chunks = run["chunks"]
        table.append({**row, "threads": run["threads"], "per_step_s": statistics.median(chunks),
                      "fastest_s": min(chunks), "slowest_s": max(chunks),
                      "speedup": statistics.median(usual) / statistics.median(chunks),
                      "speedup_fastest": min(usual) / min(chunks),
                      "setup_s": run["setup_s"], "final_loss": run["final_loss"]()})
    return table


def print_table(table):
    """Time per step (median and fastest chunk) and the speed-up over the usual training loop,
    for each variant."""
    print(f"{'variant':26} {'median':>8} {'fastest':>8} "
          f"{'x median':>9} {'x fastest':>9} {'final loss':>10}")
    for row in table:
        if "skipped" in row:
            print(f"{row['variant']:26} {row['skipped']}")
        else:
            median, fastest = format_time(row["per_step_s"]), format_time(row["fastest_s"])
            print(f"{row['variant']:26} {median:>8} {fastest:>8} {row['speedup']:>8.1f}x "
                  f"{row['speedup_fastest']:>8.1f}x {row['final_loss']:>10.4f}")
# --8<-- [end:variants]


if __name__ == "__main__":
    print_table(compare("cpu", epochs=40, rounds=4, with_compile=False))

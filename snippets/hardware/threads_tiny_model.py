import time

import torch
from torch import nn

torch.manual_seed(0)
# An Iris-sized model and batch: 120 samples, 4 features, 3 classes.
model = nn.Sequential(nn.Linear(4, 10), nn.ReLU(), nn.Linear(10, 3))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.CrossEntropyLoss()
x, y = torch.randn(120, 4), torch.randint(0, 3, (120,))
big = torch.randn(512, 512)  # one big matrix product, for comparison


def train_step():
    optimizer.zero_grad()
    loss_fn(model(x), y).backward()
    optimizer.step()


def big_matmul():
    big @ big


def seconds_per_call(work, budget=0.02):
    """Time per call: best of 5 rounds of about `budget` seconds each (the least disturbed)."""
    rounds = []
    for _ in range(5):
        calls, start = 0, time.perf_counter()
        while calls == 0 or time.perf_counter() - start < budget:
            work()
            calls += 1
        rounds.append((time.perf_counter() - start) / calls)
    return min(rounds)


default_threads = torch.get_num_threads()
results = {}
for threads in (1, 2, 4):
    torch.set_num_threads(threads)
    results[threads] = (seconds_per_call(train_step), seconds_per_call(big_matmul))
torch.set_num_threads(default_threads)  # put the default back

tiny_1, big_1 = results[1]
print("threads  tiny step  vs 1 thread  big matmul  vs 1 thread")
for threads, (tiny, big_time) in results.items():
    print(
        f"{threads:7}  {tiny * 1e6:6.0f} us  {tiny / tiny_1:11.2f}"
        f"  {big_time * 1e3:7.1f} ms  {big_time / big_1:11.2f}"
    )

# %% [markdown]
# # The homework: how much does logging cost?
#
# A well-known homework: train the Iris model for 20,000 epochs, on the CPU and on a GPU, and
# record the loss every 1, 10, 100 or 1,000 epochs, or never. Then plot the total time against
# the number of records and explain what you see. This lab does it on whatever machine runs it.
#
# The number of epochs comes from the environment variable `HOMEWORK_EPOCHS`, 20,000 when it is
# not set. **The site's build sets it to 1,000** to keep the build fast, so the numbers below are
# for 1,000 epochs, on the machine that built the site (no GPU there). Download the notebook and
# run it: on your machine it trains 20,000 epochs, on your GPU too if you have one, and the plot
# is yours.

# %%
import os

EPOCHS = int(os.environ.get("HOMEWORK_EPOCHS", "20000"))
RECORD_EVERY = [1, 10, 100, 1000, None]  # None: never record
print(f"{EPOCHS} epochs per run")

# %% [markdown]
# ## The data and the model
#
# The same data and the same 4-10-3 network as the
# [Iris end to end](../../training/iris/) page (`snippets/training/iris_mlp.py`).

# %%
import torch
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler

iris = load_iris()
X_train, X_test, y_train, y_test = train_test_split(
    iris.data, iris.target, test_size=0.2, random_state=42
)
scaler = MinMaxScaler()  # fit on the training set only, then apply the same scaling to the test set
X_train = torch.tensor(scaler.fit_transform(X_train), dtype=torch.float32)
X_test = torch.tensor(scaler.transform(X_test), dtype=torch.float32)
y_train = torch.tensor(y_train, dtype=torch.long)  # class indices, as CrossEntropyLoss expects
y_test = torch.tensor(y_test, dtype=torch.long)

# %%
from torch import nn


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 10)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(10, 3)  # no softmax: CrossEntropyLoss works on raw scores (logits)

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))

# %% [markdown]
# ## One run: train, and record the loss now and then
#
# To *record* the loss is to bring it to Python: `loss.item()`. The clock starts and stops only
# after the device has finished everything it was given (`synchronize`), so each run is timed
# whole.

# %%
import time


def synchronize(device):
    if device.type != "cpu":
        # wait until the GPU has done all the work queued so far
        torch.accelerator.synchronize(device)


def train(device, epochs, every):
    """Seconds to train `epochs` epochs, recording the loss every
    `every` epochs (never if `every` is None), and the records."""
    torch.manual_seed(0)
    model = MLP().to(device)
    X, y = X_train.to(device), y_train.to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    records = []
    synchronize(device)
    start = time.perf_counter()
    for epoch in range(epochs):
        loss = criterion(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if every and (epoch + 1) % every == 0:
            records.append(loss.item())  # the CPU needs the value now
    synchronize(device)
    return time.perf_counter() - start, len(records)

# %% [markdown]
# ## The experiment
#
# The CPU, with one thread as the site's measurements use, and the accelerator if this machine has
# one. A short run first on each device pays for what happens only once (loading kernels,
# allocating memory), so that it is not counted in the first measured run. Other programs on the
# machine make single runs noisy, and they can only make a run slower, never faster: so each
# setting runs three times, in turn with the others, and the fastest run counts.

# %%
torch.set_num_threads(1)  # a step this small gains nothing from more
devices = [torch.device("cpu")]
accelerator = torch.accelerator.current_accelerator(
    check_available=True
)
if accelerator is not None:
    devices.append(accelerator)

REPEATS = 3  # each setting 3 times, in turn with the others
results = {}  # (device type, every) -> (fastest run's seconds, records)
for device in devices:
    train(device, 100, 1)  # warm-up, not measured
    runs = {every: [] for every in RECORD_EVERY}
    for _ in range(REPEATS):
        for every in RECORD_EVERY:
            runs[every].append(train(device, EPOCHS, every))
    for every in RECORD_EVERY:
        seconds, records = min(runs[every])  # the least disturbed run
        results[device.type, every] = seconds, records
        print(f"{device.type:4} every {every!s:>4}: "
              f"{records:5d} records, {seconds:6.3f} s")

# %% [markdown]
# ## The plot
#
# Drawn at twice the size it is shown, so that it stays sharp, and with a text alternative: a
# sentence that states what it shows, written from this run's numbers, which a screen reader reads
# to someone who cannot see the plot.

# %%
import io

import matplotlib.pyplot as plt
from IPython.display import Image, display

plt.rcParams["font.size"] = 11
fig, ax = plt.subplots(figsize=(5, 3.2))  # at 200 dpi: 1000 pixels wide, shown 500 wide
for device in devices:
    runs = [results[device.type, every] for every in RECORD_EVERY]
    runs.sort(key=lambda run: run[1])  # by the number of records
    seconds, records = [s for s, _ in runs], [r for _, r in runs]
    ax.plot(records, seconds, "o-", label=device.type)
ax.set_xscale("symlog", linthresh=1)  # 0 records ("never") has a place
ax.set_xlabel("number of loss.item() records")
ax.set_ylabel("total time (s)")
ax.set_title(f"Iris MLP, {EPOCHS} epochs")
ax.set_ylim(bottom=0)
ax.grid(True, alpha=0.3)
ax.legend(loc="lower right")
fig.tight_layout()

# What the plot shows, in words, for a reader who cannot see it: its text alternative
parts = []
for device in devices:
    never, _ = results[device.type, None]
    always, records = results[device.type, 1]
    parts.append(f"on {device.type}, {never:.2f} s with no record and {always:.2f} s "
                 f"with {records} records (one per epoch)")
alt = (f"Total time of {EPOCHS} epochs against the number of loss.item() records: "
       + "; ".join(parts) + ".")
png = io.BytesIO()
fig.savefig(png, format="png", dpi=200, metadata={"Description": alt})  # the PNG carries it
plt.close(fig)  # shown once, by the next line
display(Image(png.getvalue(), retina=True, alt=alt))  # retina: at half its pixels, sharp

# %% [markdown]
# ## What it means
#
# For scale, what one epoch costs; then what one record costs: the run that records every epoch,
# minus the run that never records, divided by the number of records.

# %%
for device in devices:
    never, _ = results[device.type, None]
    print(f"{device.type}: one epoch takes {never / EPOCHS * 1e6:.0f} us")
    always, records = results[device.type, 1]
    extra = always - never
    print(f"{device.type}: {records} records changed the total by "
          f"{extra * 1e3:+.1f} ms ({extra / never:+.1%})")
    print(f"{device.type}: {extra / records * 1e6:+.1f} us per record")

# %% [markdown]
# Read the result with what the site measured:
#
# - **On a CPU**, a record is only Python work: `.item()` on a number that is already computed
#   costs about a microsecond ([sync points](../../performance/sync-points/), the read-back
#   table). A training step costs a few hundred microseconds, so even a record every epoch adds
#   well under one per cent. That is less than the noise of a machine that is busy with other
#   work, as the one that built this page was: the differences above are mostly that noise, and
#   the extra time per record can come out negative, or far larger than a microsecond. The total
#   does not follow the number of records.
# - **On a GPU**, the CPU only queues the kernels of a step and runs ahead. `.item()` needs the
#   value, so the CPU waits until the queue has drained: the GPU finishes every step queued so far,
#   and then sits idle while Python prepares the next one. Each record costs that wait, at least
#   one round trip between the CPU and the GPU, plus a copy of four bytes. The site has no GPU
#   figures recorded yet: on a GPU, the plot above is that measurement. For a model this small,
#   whose steps are short, expect the waits to be a visible part of the run, growing with the
#   number of records.
#
# Neither is about threads switching or the terminal's buffer: there is no `print` here at all.
# To keep a loss curve without the waits, store each loss on the device and read them all back
# once ([Logging without stalling](../../performance/sync-points/#logging-without-stalling)).
#
# ## Exercises
#
# 1. Change `records.append(loss.item())` to `records.append(loss.detach())`. What happens to the
#    GPU's times, and why? What must you do before you can print those records?
# 2. Record every 10 epochs with `print(f"{loss.item():.4f}")` instead of `.append`. Does the
#    printing itself show up on the CPU?
# 3. Make the model wider (`nn.Linear(4, 1000)`, `nn.Linear(1000, 3)`) and run the experiment
#    again on a GPU. Does one record cost more or less than before?

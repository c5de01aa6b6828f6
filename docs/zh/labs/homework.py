# %% [markdown]
# <!-- translation of docs/labs/homework.py, sha256:c11d07aa1a52 -->
# # 作业：记录日志的开销有多大？ { #the-homework-how-much-does-logging-cost }
#
# 一道常见的作业：把鸢尾花模型训练 20,000 个迭代周期（epoch），分别在 CPU 和 GPU 上进行，
# 每 1、10、100 或 1,000 个迭代周期记录一次损失（loss），或者从不记录。然后画出总时间与
# 记录次数的关系图，并解释你看到的现象。本实验在运行它的任何机器上完成这道作业。
#
# 迭代周期数取自环境变量 `HOMEWORK_EPOCHS`，未设置时为 20,000。**本站构建时把它设为 1,000**，
# 以免构建太慢，所以下面的数字是 1,000 个迭代周期的结果，来自构建本站的那台机器（它没有 GPU）。
# 下载这个 notebook 并运行它：在你的机器上，它会训练 20,000 个迭代周期；如果你有 GPU，也会在
# 你的 GPU 上训练；画出的图就是你自己的。

# %%
import os

EPOCHS = int(os.environ.get("HOMEWORK_EPOCHS", "20000"))
RECORD_EVERY = [1, 10, 100, 1000, None]  # None: never record
print(f"{EPOCHS} epochs per run")

# %% [markdown]
# ## 数据和模型 { #the-data-and-the-model }
#
# 数据和 4-10-3 网络都与[鸢尾花分类：从头到尾](../../training/iris/)一页相同
# （`snippets/training/iris_mlp.py`）。

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
# ## 一次运行：训练，并不时记录损失 { #one-run-train-and-record-the-loss-now-and-then }
#
# *记录*损失，就是把它取回 Python：`loss.item()`。只有在设备（device）完成了交给它的所有工作
# 之后（`synchronize`），计时才开始或停止，所以每次运行都是完整计时的。

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
# ## 实验 { #the-experiment }
#
# 在 CPU 上运行（和本站的测量一样，只用一个线程（thread）），如果这台机器有加速器，也在加速器上
# 运行。每个设备上都先做一次短的运行，付掉只发生一次的开销（加载核函数（kernel）、分配内存），
# 这样它就不会计入第一次测量的运行。机器上的其他程序会让单次运行的结果波动很大，而且它们只会让
# 运行变慢，不会变快：所以每种设置运行三次，与其他设置轮流进行，取最快的一次。

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
# ## 图 { #the-plot }
#
# 图按显示尺寸的两倍绘制，以保持清晰；它还附有文字替代：一句根据本次运行的数字写成、说明图中
# 内容的话，屏幕阅读器会把它读给看不见图的人听。

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
# ## 结果说明 { #what-it-means }
#
# 先看一个迭代周期的开销，作为参照；再看一次记录的开销：每个迭代周期都记录的那次运行，减去从不
# 记录的那次运行，再除以记录次数。

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
# 结合本站的测量结果来解读：
#
# - **在 CPU 上**，一次记录只是 Python 的工作：对一个已经算好的数调用 `.item()`，大约花 1 微秒
#   （见[同步点](../../performance/sync-points/)一页中读回数值的表格）。一个训练步骤要花几百微秒，
#   所以即使每个迭代周期都记录一次，增加的时间也远不到百分之一。这比一台正忙于其他工作的机器
#   本身的波动还小，而构建本页的那台机器正是这样：上面的差异大多就是这种波动，每次记录的额外时间
#   可能是负数，也可能远大于 1 微秒。总时间并不随记录次数变化。
# - **在 GPU 上**，CPU 只是把一个步骤的核函数放进队列（queue），然后继续往前跑。`.item()` 需要
#   这个值，所以 CPU 要等到队列清空：GPU 完成到目前为止排队的每个步骤，然后在 Python 准备下一步时
#   闲着。每次记录都要付出这次等待：至少一次 CPU 与 GPU 之间的往返，再加上一次 4 字节的复制。
#   本站还没有记录 GPU 上的数据：在 GPU 上，上面的图就是这项测量。对于这样小、步骤又很短的模型，
#   预计这些等待会在运行时间中占明显的一部分，并随记录次数增加而增加。
#
# 这两种情况都与线程切换或终端的缓冲区无关：这里根本没有 `print`。要想保留损失曲线又不等待，就把
# 每个损失存在设备上，最后一次性读回（[不阻塞地记录日志](../../performance/sync-points/#logging-without-stalling)）。
#
# ## 练习 { #exercises }
#
# 1. 把 `records.append(loss.item())` 改成 `records.append(loss.detach())`。GPU 上的时间会怎样
#    变化？为什么？在打印这些记录之前，你必须做什么？
# 2. 每 10 个迭代周期用 `print(f"{loss.item():.4f}")` 记录一次，而不是用 `.append`。在 CPU 上，
#    打印本身会在时间中显现出来吗？
# 3. 把模型加宽（`nn.Linear(4, 1000)`、`nn.Linear(1000, 3)`），在 GPU 上重新做这个实验。一次记录
#    的开销比之前更多还是更少？

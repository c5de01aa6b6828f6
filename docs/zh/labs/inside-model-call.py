# %% [markdown]
# <!-- translation of docs/labs/inside-model-call.py, sha256:1b617d20b9b0 -->
# # 看看 model(x) 的内部
#
# `model(x)` 运行 `forward`，并在它前后运行模块（module）的钩子（hook），详见
# [钩子实战](../../modules/hooks/)。本实验把钩子当作测量仪器，观察一个小型卷积神经网络（CNN）：
# 每一层在前向时产生了什么，反向时梯度（gradient）有多大，以及模型从 `train()` 切换到
# `eval()` 时有什么变化。

# %%
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(1, 8, kernel_size=3, padding=1),
    nn.BatchNorm2d(8),
    nn.ReLU(),
    nn.MaxPool2d(2),  # 28x28 -> 14x14
    nn.Conv2d(8, 16, kernel_size=3, padding=1),
    nn.ReLU(),
    nn.MaxPool2d(2),  # 14x14 -> 7x7
    nn.Flatten(),
    nn.Dropout(0.5),
    nn.Linear(16 * 7 * 7, 10),
)
# A batch of 32 grey images of 28x28 pixels (random numbers here)
images = torch.randn(32, 1, 28, 28)
labels = torch.randint(0, 10, (32,))
print(model)

# %% [markdown]
# ## 激活值：在每一层上挂一个前向钩子
#
# 前向钩子（forward hook）接收模块、它的输入和它的输出。这个钩子记下输出的几个数字：
# 形状、均值和离散程度，以及恰好为零的值所占的比例（在 ReLU
# 之后，一个零就是一个没有被激活的单元）。

# %%
activations = {}


def record_activation(name):
    def hook(module, args, output):
        out = output.detach()
        activations[name] = {
            "shape": tuple(out.shape),
            "mean": out.mean().item(),
            "std": out.std().item(),
            "zeros": (out == 0).float().mean().item(),
        }

    return hook


def show(table):
    for name, row in table.items():
        print(f"{name:13} {row['shape']!s:16} mean {row['mean']:+.2f} "
              f"std {row['std']:.2f} zeros {row['zeros']:3.0%}")


names = [f"{i} {type(layer).__name__}" for i, layer in enumerate(model)]
handles = [
    layer.register_forward_hook(record_activation(name))
    for name, layer in zip(names, model, strict=True)
]
model.train()
logits = model(images)
show(activations)

# %% [markdown]
# 从上往下读：`BatchNorm2d` 让每个通道的输出在整个批量上均值为 0、离散程度为 1（在训练模式下），
# 它后面的 ReLU 把大约一半的值变成零。到达 `Dropout` 的值中已经有三分之一是零（这是第二个
# ReLU 产生的、在最大汇聚后留下来的零）；Dropout
# 再把剩下的值中的一半置零，并把保留的值加倍，所以均值大致不变，而离散程度变大。
#
# ## 梯度：在每个有权重的层上挂一个反向钩子
#
# 完整反向钩子（full backward hook）在 `loss.backward()`
# 期间运行，接收损失（loss）对模块输出和输入的梯度。到达每一层的梯度的范数，
# 显示了误差信号在反向传回的路上是如何缩小或增大的。

# %%
gradient_norms = {}


def record_gradient(name):
    def hook(module, grad_input, grad_output):
        gradient_norms[name] = grad_output[0].norm().item()

    return hook


weighted = [
    (name, layer)
    for name, layer in zip(names, model, strict=True)
    if isinstance(layer, (nn.Conv2d, nn.Linear))
]
handles += [  # not on the first layer: see below
    layer.register_full_backward_hook(record_gradient(name))
    for name, layer in weighted[1:]
]
loss = nn.functional.cross_entropy(model(images), labels)
loss.backward()
for name, norm in gradient_norms.items():  # in the order they ran
    print(f"{name:10} |dloss/doutput| = {norm:.4f}")
for name, parameter in model.named_parameters():
    if name.endswith("weight"):
        norm = parameter.grad.norm()
        print(f"{name:10} |dloss/dweight| = {norm:.4f}")

# %% [markdown]
# 钩子按反向的顺序运行：最后一层最先。第一个卷积层没有钩子：它的输入是图像，不需要梯度；
# 如果在那里挂完整反向钩子，它会发出警告，
# 说自己只能看到输出的梯度（[原因](../../modules/hooks/#when-no-input-requires-a-gradient)）。
# 它的权重（weight）的梯度在后面几行中（`0.weight`）。在没有规范化（normalization）的深层网络中，
# 这些范数可能逐层缩小（梯度消失），也可能逐层增大（梯度爆炸）；用这样的钩子就能看到它的发生。
#
# ## train() 和 eval()：有什么变化
#
# `model.train()` 和 `model.eval()` 只是设置每个模块上的标志 `training`。有两类层会读取它：
# `Dropout`（它只在训练时把值置零）和 `BatchNorm`
# （训练时，它用当前批量自己的统计量做规范化，并更新移动平均值；评估时，它使用这些移动平均值，
# 并且不做任何改变）。

# %%
batchnorm = model[1]
for mode in ("train", "eval"):
    getattr(model, mode)()
    before = batchnorm.num_batches_tracked.item()
    with torch.no_grad():
        first, second = model(images), model(images)
    dropout, norm = activations["8 Dropout"], activations["1 BatchNorm2d"]
    tracked = batchnorm.num_batches_tracked.item() - before
    print(f"model.{mode}(): training={model.training}")
    print(f"  Dropout output zeros:  {dropout['zeros']:.0%}")
    print(f"  BatchNorm output mean: {norm['mean']:+.3f}")
    print(f"  batches BatchNorm tracked: +{tracked}")
    print(f"  two calls, same output: {torch.equal(first, second)}")

for handle in handles:
    handle.remove()

# %% [markdown]
# 在 `train()` 模式下，对同一批图像的两次调用结果不同（Dropout
# 每次都抽取新的掩码），而且每次调用都会更新 BatchNorm 的移动统计量，即使在 `torch.no_grad()`
# 之下也一样。在 `eval()` 模式下，每次调用的输出都相同，也不会更新任何东西；BatchNorm
# 的输出均值不再是零，因为它现在使用的是到目前为止见过的各批量的平均值，而不是这个批量自己的。
#
# ## 练习
#
# 1. 去掉 `BatchNorm2d` 层，再看一遍激活值和梯度范数。哪些数字变化最大？
# 2. 把各个 ReLU 换成 `nn.Tanh()`。零值所占的比例会怎样？梯度又会怎样？
# 3. 写一个*修改*输出的前向钩子：在第一个 ReLU 上挂一个钩子，返回 `output.clamp(max=1.0)`。
#    `model(x)` 能看到这个改动吗？`model.forward(x)` 呢？
# 4. 把模型置于 `eval()` 模式，但保持 Dropout 有效（提示：只对 Dropout 模块调用 `.train()`）。
#    用第一张表检查一下：什么时候你会需要这样做？

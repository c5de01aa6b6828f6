# %% [markdown]
# # Look inside model(x)
#
# `model(x)` runs `forward`, and around it the module's hooks (see
# [Hooks in practice](../../modules/hooks/)). This lab uses hooks as instruments: it records
# what every layer of a small CNN produces on the way forward, how large the gradients are on the
# way back, and what changes when the model switches from `train()` to `eval()`.

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
# ## Activations: a forward hook on every layer
#
# A forward hook receives the module, its input and its output. This one keeps a few numbers
# about the output: its shape, its mean and spread, and the share of exact zeros (after a ReLU, a
# zero is a unit that did not fire).

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
# Read it from the top: `BatchNorm2d` makes each channel's output mean 0 and spread 1 over the
# batch (in training mode), and the ReLU after it zeroes about half of the values. A third of what
# reaches `Dropout` is already zero (the second ReLU's zeros that survived the max-pool); Dropout
# zeroes half of the rest and doubles what it keeps, so the mean stays about the same while the
# spread grows.
#
# ## Gradients: a backward hook on every layer with weights
#
# A full backward hook runs during `loss.backward()` and receives the gradients of the loss with
# respect to the module's output and input. The norm of the gradient that reaches each layer shows
# how the error signal shrinks or grows on its way back.

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
# The hooks ran in backward order: the last layer first. The first convolution has no hook: its
# input, the images, needs no gradient, and a full backward hook there would warn that it can only
# see the gradient of the output ([why](../../modules/hooks/#when-no-input-requires-a-gradient)).
# Its weights' gradient is in the lines after (`0.weight`). In a deep network without
# normalisation these norms can shrink layer after layer (vanishing gradients) or grow (exploding
# gradients); a hook like this one is how you see it happen.
#
# ## train() and eval(): what changes
#
# `model.train()` and `model.eval()` only set the flag `training` on every module. Two kinds of
# layer read it: `Dropout` (which zeroes values only in training) and `BatchNorm` (which, in
# training, normalises with the batch's own statistics and updates its running averages; in
# evaluation, uses those running averages and changes nothing).

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
# In `train()` the two calls on the same images differ (Dropout draws a new mask every time), and
# every call, even under `torch.no_grad()`, updates BatchNorm's running statistics. In `eval()` the
# output is the same at every call and nothing is updated; BatchNorm's output mean is no longer
# zero, because it now uses the averages of the batches seen so far, not this batch's.
#
# ## Exercises
#
# 1. Remove the `BatchNorm2d` layer and look at the activations and gradient norms again. Which
#    numbers change the most?
# 2. Replace the ReLUs with `nn.Tanh()`. What happens to the share of zeros, and to the gradients?
# 3. Write a forward hook that *changes* the output: return `output.clamp(max=1.0)` from a hook on
#    the first ReLU. Does `model(x)` see the change? Does `model.forward(x)`?
# 4. Put the model in `eval()` mode but keep Dropout active (hint: call `.train()` on the Dropout
#    module only). Check it with the first table: when would you want that?

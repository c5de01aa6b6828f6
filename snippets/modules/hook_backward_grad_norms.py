# ruff: noqa: E402 - each section is a block of its own on a page and starts with its own imports
# --8<-- [start:norms]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 3)
)
inputs = torch.randn(32, 4)
target = torch.randint(0, 3, (32,))


def report_norms(name):
    def hook(module, grad_input, grad_output):
        # grad_output: gradient of the loss w.r.t. this module's output;
        # grad_input: w.r.t. its input. Returning None leaves the gradients unchanged.
        out_norm, in_norm = grad_output[0].norm(), grad_input[0].norm()
        print(f"{name}: |grad_output| = {out_norm:.4f}, |grad_input| = {in_norm:.4f}")

    return hook


handles = [model[i].register_full_backward_hook(report_norms(f"model[{i}]")) for i in (2, 4)]
loss = nn.functional.cross_entropy(model(inputs), target)
print(f"loss = {loss.item():.4f}")
loss.backward()
for handle in handles:
    handle.remove()
# --8<-- [end:norms]

# --8<-- [start:first_layer]
import warnings


def show_grad_input(module, grad_input, grad_output):
    print("model[0] grad_input:", grad_input)


handle = model[0].register_full_backward_hook(show_grad_input)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # record the warning even if it was shown before
    nn.functional.cross_entropy(model(inputs), target).backward()  # inputs: no grad needed
handle.remove()
for warning in caught:
    print(f"{warning.category.__name__}: {str(warning.message).split(' since ')[0]}")
# --8<-- [end:first_layer]

# --8<-- [start:inplace]
def no_op(module, grad_input, grad_output):
    return None


for inplace in (True, False):
    block = nn.Sequential(nn.Linear(3, 3), nn.ReLU(inplace=inplace))
    handle = block[0].register_full_backward_hook(no_op)
    data = torch.ones(2, 3, requires_grad=True)
    try:
        out = block(data)  # the forward pass alone
    except RuntimeError as error:
        print(f"inplace={inplace}: block(data) raises RuntimeError:", str(error).split(". ")[0])
    else:
        out.sum().backward()
        print(f"inplace={inplace}: forward and backward work")
    handle.remove()
# --8<-- [end:inplace]

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 3)
)
x = torch.randn(32, 4)
target = torch.randint(0, 3, (32,))


def report_norms(name):
    def hook(module, grad_input, grad_output):
        # grad_output: gradient of the loss w.r.t. this module's output;
        # grad_input: w.r.t. its input. Returning None leaves the gradients unchanged.
        print(f"{name}: |grad_output| = {grad_output[0].norm():.4f}, |grad_input| = {grad_input[0].norm():.4f}")

    return hook


handles = [model[i].register_full_backward_hook(report_norms(f"model[{i}]")) for i in (2, 4)]
loss = nn.functional.cross_entropy(model(x), target)
print(f"loss = {loss.item():.4f}")
loss.backward()
for handle in handles:
    handle.remove()

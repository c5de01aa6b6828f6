import torch
from torch import nn

torch.manual_seed(0)
fc = nn.Linear(3, 2)
x = torch.ones(1, 3)


def announce(module, inputs, output):
    print("forward hook ran, output shape", tuple(output.shape))


handle = fc.register_forward_hook(announce)

print("fc(x):")
y_call = fc(x)
print("fc.forward(x):")
y_forward = fc.forward(x)
print("same numbers:", torch.equal(y_call, y_forward))
handle.remove()

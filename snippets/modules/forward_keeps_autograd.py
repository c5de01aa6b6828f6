import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
x = torch.randn(5, 3)


def gradients(output):
    """Backpropagate from `output` and return a copy of every parameter's gradient."""
    model.zero_grad()
    output.sum().backward()
    return [p.grad.clone() for p in model.parameters()]


y_forward = model.forward(x)
print("graph recorded by forward:", y_forward.requires_grad, y_forward.grad_fn is not None)
grads_forward = gradients(y_forward)
grads_call = gradients(model(x))
same = all(torch.equal(a, b) for a, b in zip(grads_forward, grads_call, strict=True))
print("same gradients:", same)

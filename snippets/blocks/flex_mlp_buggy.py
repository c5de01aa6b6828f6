# --8<-- [start:model]
import torch
from torch import nn
from torch.nn import functional as F


class FlexMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(20, 20)
        # a constant, not trained: stored as a plain tensor attribute (bug 1)
        self.random_weights = torch.rand(20, 20, requires_grad=False)

    def forward(self, x):
        x = self.linear(x)
        x = torch.mm(x, self.random_weights)  # any tensor operation can be used
        x = F.relu(x + 1)
        while x.abs().sum() > 1:  # control flow that depends on the data
            x /= 2  # an in-place change of the ReLU output (bug 2)
        return x.sum()  # a scalar, not a batch
# --8<-- [end:model]


# --8<-- [start:run]
torch.manual_seed(0)
model = FlexMLP()
X = torch.rand(2, 20)
out = model(X)
print(round(out.item(), 4))
try:
    out.backward()
except RuntimeError as error:
    print("RuntimeError:", str(error).split(". Hint")[0])
# --8<-- [end:run]

# --8<-- [start:move]
model.to(torch.float64)  # converts parameters and buffers, in place
print("linear.weight:", model.linear.weight.dtype)
print("random_weights:", model.random_weights.dtype)
print("state_dict keys:", list(model.state_dict()))
try:
    model(X.to(torch.float64))
except RuntimeError as error:
    print("RuntimeError:", error)
model.to("meta")  # a device, like "cuda": the plain tensor does not move
print("random_weights device:", model.random_weights.device)
# --8<-- [end:move]


# --8<-- [start:variant]
class FlexMLPSecondLinear(nn.Module):
    """FlexMLP as some versions write it: self.linear is called once more, after the ReLU."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(20, 20)
        self.random_weights = torch.rand(20, 20)

    def forward(self, x):
        x = self.linear(x)
        x = torch.mm(x, self.random_weights)
        x = F.relu(x + 1)
        x = self.linear(x)  # x is now the output of a Linear: autograd did not save it
        halvings = 0
        while x.abs().sum() > 1:
            x /= 2  # the same in-place change as before
            halvings += 1
        print("halvings:", halvings)
        return x.sum()


torch.manual_seed(0)
variant = FlexMLPSecondLinear()
X = torch.rand(2, 20)  # the same X as above: same seed, same random draws before it
variant(X).backward()
print("backward ran, gradient shape:", tuple(variant.linear.weight.grad.shape))
# --8<-- [end:variant]

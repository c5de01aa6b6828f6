# --8<-- [start:model]
import torch
from torch import nn
from torch.nn import functional as F


class FlexMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(20, 20)
        # a buffer: part of the module's state, moved by .to(), saved in state_dict, not trained
        self.register_buffer("random_weights", torch.rand(20, 20))

    def forward(self, x):
        x = self.linear(x)
        x = torch.mm(x, self.random_weights)
        x = F.relu(x + 1)
        while x.abs().sum() > 1:
            x = x / 2  # a new tensor: the ReLU output that autograd saved stays intact
        return x.sum()
# --8<-- [end:model]


# --8<-- [start:run]
torch.manual_seed(0)
model = FlexMLP()
X = torch.rand(2, 20)
out = model(X)
print(round(out.item(), 4))
out.backward()
print("gradient shape:", tuple(model.linear.weight.grad.shape))
print("parameters:", [name for name, _ in model.named_parameters()])
print("buffers:", [name for name, _ in model.named_buffers()])
print("state_dict keys:", list(model.state_dict()))
model.to(torch.float64)
print("random_weights:", model.random_weights.dtype)
print(round(model(X.to(torch.float64)).item(), 4))
model.to("meta")  # a device, like "cuda": buffers move along with parameters
print("random_weights device:", model.random_weights.device)
# --8<-- [end:run]

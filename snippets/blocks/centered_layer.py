# --8<-- [start:layer]
import torch
from torch import nn


class CenteredLayer(nn.Module):
    """Subtracts the mean of the whole input: a layer with no parameters."""

    def forward(self, x):
        return x - x.mean()


layer = CenteredLayer()
print(layer(torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])))
print(list(layer.parameters()))
# --8<-- [end:layer]

# --8<-- [start:in_sequential]
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(8, 128), CenteredLayer())
Y = net(torch.rand(4, 8))
print(Y.shape, abs(Y.mean().item()) < 1e-6)
# --8<-- [end:in_sequential]

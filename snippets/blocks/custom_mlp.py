# --8<-- [start:model]
import torch
from torch import nn
from torch.nn import functional as F


class MLP(nn.Module):
    def __init__(self):
        super().__init__()  # sets up the registries that hold parameters and submodules
        self.hidden = nn.Linear(20, 256)  # assigning a layer to self registers it
        self.out = nn.Linear(256, 10)

    def forward(self, x):
        # F.relu has no parameters, so it can be a plain function call here
        return self.out(F.relu(self.hidden(x)))
# --8<-- [end:model]


# --8<-- [start:use]
mlp = MLP()
X = torch.rand(2, 20)  # a batch of 2 examples with 20 features each
print(mlp(X).shape)  # call the model itself, not mlp.forward(X)
# --8<-- [end:use]

# --8<-- [start:inspect]
print(mlp)
print([name for name, _ in mlp.named_parameters()])
# --8<-- [end:inspect]

# --8<-- [start:models]
import torch
from torch import nn


class ListModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Linear(10, 5), nn.ReLU()]  # a plain Python list

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class ModuleListModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(10, 5), nn.ReLU()])  # registers what it holds

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
# --8<-- [end:models]


# --8<-- [start:compare]
class ModuleDictModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleDict({"linear": nn.Linear(10, 5), "act": nn.ReLU()})

    def forward(self, x):
        return self.layers["act"](self.layers["linear"](x))


torch.manual_seed(0)
X = torch.rand(3, 10)
for model in [ListModel(), ModuleListModel(), ModuleDictModel()]:
    model(X)  # all three run the same computation
    count = sum(p.numel() for p in model.parameters())
    keys = list(model.state_dict())
    print(f"{type(model).__name__:16} parameters: {count:2}  state_dict keys: {keys}")

# The layers in the plain list are invisible to everything that walks the module tree:
broken = ListModel()
try:
    torch.optim.SGD(broken.parameters(), lr=0.1)
except ValueError as error:
    print("ValueError:", error)
broken.to(torch.float64)
print("after .to(torch.float64):", broken.layers[0].weight.dtype)
# --8<-- [end:compare]

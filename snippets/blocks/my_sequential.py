import torch
from torch import nn


class MySequential(nn.Module):
    def __init__(self, *layers):
        super().__init__()
        for index, layer in enumerate(layers):
            # add_module registers `layer` as a child under the name "0", "1", ...
            # (here the same as setattr(self, str(index), layer))
            self.add_module(str(index), layer)

    def forward(self, x):
        for layer in self.children():  # children come back in the order they were added
            x = layer(x)
        return x


torch.manual_seed(0)
layers = [nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10)]
mine = MySequential(*layers)
theirs = nn.Sequential(*layers)  # the very same layer objects, so the same weights
X = torch.rand(2, 20)
print(type(mine._modules).__name__, list(mine._modules))  # where add_module stored the children
print(torch.equal(mine(X), theirs(X)))
print(list(mine.state_dict()) == list(theirs.state_dict()))  # the same parameter names

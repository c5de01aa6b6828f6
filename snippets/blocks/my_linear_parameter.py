# --8<-- [start:layer]
import math

import torch
from torch import nn


class MyLinear(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        # wrapping a tensor in nn.Parameter and assigning it to self registers it
        self.weight = nn.Parameter(torch.empty(in_features, out_features))
        self.bias = nn.Parameter(torch.empty(out_features))
        bound = 1 / math.sqrt(in_features)  # the range nn.Linear uses
        nn.init.uniform_(self.weight, -bound, bound)
        nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, x):
        return x @ self.weight + self.bias

    def extra_repr(self):  # what print() shows between the parentheses
        return f"in_features={self.in_features}, out_features={self.out_features}"
# --8<-- [end:layer]


# --8<-- [start:use]
torch.manual_seed(0)
my_layer = MyLinear(4, 3)
print(my_layer)
print([(name, tuple(p.shape)) for name, p in my_layer.named_parameters()])
print(my_layer.bias.requires_grad)

# nn.Linear stores its weight transposed, (out_features, in_features), and computes x @ W.T + b.
fc = nn.Linear(4, 3)
with torch.no_grad():
    fc.weight.copy_(my_layer.weight.T)
    fc.bias.copy_(my_layer.bias)
X = torch.rand(2, 4)
print(torch.allclose(fc(X), my_layer(X)))
# --8<-- [end:use]

# --8<-- [start:init]
bounded = bool((nn.Linear(64, 8).weight.abs() <= 1 / 8).all())
print("nn.Linear(64, 8): all |w| <= 1/sqrt(64):", bounded)
torch.manual_seed(0)
w = torch.rand(64, 8)
print("torch.rand(64, 8): all w >= 0:", bool((w >= 0).all()), " mean w:", round(w.mean().item(), 2))
# --8<-- [end:init]

# --8<-- [start:sequential]
torch.manual_seed(0)
net = nn.Sequential(MyLinear(64, 8), nn.ReLU(), MyLinear(8, 1))
print(net)
print(net(torch.rand(2, 64)).shape)
print(list(net.state_dict()))
# --8<-- [end:sequential]

import torch
from torch import nn

lazy = nn.LazyLinear(2)  # in_features is taken from the first input
x = torch.ones(1, 3)
print(type(lazy).__name__, "uninitialized:", lazy.has_uninitialized_params())
print("forward pre-hooks before the first call:", len(lazy._forward_pre_hooks))
try:
    lazy.forward(x)
except ValueError as error:
    print("lazy.forward(x) fails:", str(error).split(" in ")[0])
lazy(x)  # a forward pre-hook creates the weight from x.shape, then forward runs
print("after lazy(x):", type(lazy).__name__, tuple(lazy.weight.shape))
print("forward pre-hooks after the first call:", len(lazy._forward_pre_hooks))

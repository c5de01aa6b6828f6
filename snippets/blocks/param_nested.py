import torch
from torch import nn


def block1():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 4), nn.ReLU())


def block2():
    net = nn.Sequential()
    for i in range(2):
        net.add_module(f"block{i}", block1())  # names of our choice instead of 0, 1
    return net


torch.manual_seed(0)
rgnet = nn.Sequential(block2(), nn.Linear(4, 1))
X = torch.rand(2, 4)
print(rgnet(X).shape)
print(rgnet)
print([name for name, _ in rgnet.named_parameters()][:4])
print(rgnet[0][1][0].bias is rgnet.get_parameter("0.block1.0.bias"))  # by index, by name
print(rgnet.get_submodule("0.block1.2"))

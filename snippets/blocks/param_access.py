# --8<-- [start:net]
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
for name, param in net.named_parameters():
    print(f"{name:9} {str(tuple(param.shape)):7} requires_grad={param.requires_grad}")
print("parameters:", sum(p.numel() for p in net.parameters()))
# --8<-- [end:net]

# --8<-- [start:one_layer]
print(net[2].state_dict().keys())
print(type(net[2].bias))
print(net[2].bias)
print(net[2].bias.grad)  # no gradient yet: backward has not run
# --8<-- [end:one_layer]

# --8<-- [start:by_name]
a = net.state_dict()["2.bias"]
b = dict(net.named_parameters())["2.bias"]
c = net.get_parameter("2.bias")
print(b is net[2].bias, c is net[2].bias)
print(a is net[2].bias, torch.equal(a, net[2].bias), a.requires_grad)
print(a.data_ptr() == net[2].bias.data_ptr())  # the same memory, not a copy
# --8<-- [end:by_name]

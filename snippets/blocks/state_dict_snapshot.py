import copy

import torch
from torch import nn

torch.manual_seed(0)
net = nn.Linear(2, 1)
view = net.state_dict()  # tensors that share memory with the parameters
snapshot = copy.deepcopy(net.state_dict())  # real copies
with torch.no_grad():
    net.weight.fill_(7.0)  # what an optimizer step does: change the parameters in place
print("view:    ", view["weight"])
print("snapshot:", snapshot["weight"])

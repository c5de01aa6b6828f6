import torch
from torch import nn


def my_init(m):
    # keep only weights with |w| >= 5, drawn from U(-10, 10)
    if isinstance(m, nn.Linear):
        nn.init.uniform_(m.weight, -10, 10)
        with torch.no_grad():  # an in-place edit of a parameter must not be recorded by autograd
            m.weight *= m.weight.abs() >= 5


torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
net.apply(my_init)
print(net[0].weight[:2].detach().numpy().round(2) + 0.0)  # + 0.0 turns -0.0 into 0.0

with torch.no_grad():
    net[0].weight.fill_(1.0)  # direct edits: also under no_grad
    net[0].weight[0, 0] = 42
print(net[0].weight[:2].detach().numpy())

# --8<-- [start:build]
import copy

import torch
from torch import nn

torch.manual_seed(0)
shared = nn.Linear(8, 8)
net = nn.Sequential(
    nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(), nn.Linear(8, 1)
)
X = torch.rand(2, 4)
print(net[2].weight is net[4].weight)
with torch.no_grad():
    net[2].weight[0, 0] = 100.0  # change it through one name...
print(net[4].weight[0, 0].item())  # ...and the other name sees it: one tensor
# --8<-- [end:build]

# --8<-- [start:grad]
# The same network with two separate copies of the shared layer (same starting values).
untied = nn.Sequential(
    copy.deepcopy(net[0]), nn.ReLU(), copy.deepcopy(shared), nn.ReLU(),
    copy.deepcopy(shared), nn.ReLU(), copy.deepcopy(net[6]),
)
net(X).sum().backward()
untied(X).sum().backward()
print(untied[2].weight is untied[4].weight)
grad_sum = untied[2].weight.grad + untied[4].weight.grad
print(torch.equal(shared.weight.grad, grad_sum))
print(torch.equal(shared.weight.grad, untied[2].weight.grad))
# --8<-- [end:grad]

# --8<-- [start:names]
print([name for name, _ in net.named_parameters()])
print([name for name, _ in net.named_parameters(remove_duplicate=False)])
print(list(net.state_dict()))
# --8<-- [end:names]

import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10))
X = torch.rand(2, 20)
print(net(X).shape)
print(net)
print(net[0])  # a Sequential can be indexed like a list
print([name for name, _ in net.named_parameters()])

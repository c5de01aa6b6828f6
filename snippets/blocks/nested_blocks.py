import torch
from torch import nn


class NestMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU())
        self.linear = nn.Linear(32, 16)

    def forward(self, x):
        return self.linear(self.net(x))


torch.manual_seed(0)
chimera = nn.Sequential(NestMLP(), nn.Linear(16, 20), nn.Sequential(nn.Linear(20, 10)))
X = torch.rand(2, 20)
print(chimera(X).shape)
print(chimera)
print(len(list(chimera.modules())))  # chimera itself and every block inside it, at any depth
print(len(list(chimera.children())))  # only the direct children
print([name for name, _ in chimera.named_parameters()][:4])

import torch
from torch import nn


def zero_init(m):
    if isinstance(m, nn.Linear):
        nn.init.zeros_(m.weight)
        nn.init.zeros_(m.bias)


torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU())
net.apply(zero_init)
net.append(nn.Linear(8, 1))  # added after apply: apply never saw it
for name, param in net.named_parameters():
    print(f"{name:8} all zero: {bool((param == 0).all())}")

import torch
from torch import nn


class DataLinear(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_features, out_features))
        self.bias = nn.Parameter(torch.randn(out_features))

    def forward(self, x):
        return x @ self.weight.data + self.bias.data  # .data cuts the link to autograd


torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 4), DataLinear(4, 1))
net(torch.rand(2, 4)).sum().backward()  # runs without any error...
for name, param in net.named_parameters():
    print(f"{name:8} grad is None: {param.grad is None}")  # ...but DataLinear gets no gradient

import torch
from torch import nn


class Scale(nn.Module):
    def __init__(self, size):
        super().__init__()  # first: it creates the registries that hold parameters
        self.weight = nn.Parameter(torch.ones(size))  # registered: trained and saved

    def forward(self, x):
        return x * self.weight  # use the parameter itself, not self.weight.data


layer = Scale(3)
print(layer(torch.tensor([1.0, 2.0, 3.0])))
print([name for name, _ in layer.named_parameters()])

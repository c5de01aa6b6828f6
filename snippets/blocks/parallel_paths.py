import torch
from torch import nn


class TwoPaths(nn.Module):
    """Sends the same input through two layers and joins the results."""

    def __init__(self):
        super().__init__()
        self.left = nn.Linear(4, 3)
        self.right = nn.Sequential(nn.Linear(4, 2), nn.Tanh())

    def forward(self, x):
        return torch.cat([self.left(x), self.right(x)], dim=1)


torch.manual_seed(0)
model = TwoPaths()
print(model(torch.rand(2, 4)).shape)  # 3 + 2 = 5 features

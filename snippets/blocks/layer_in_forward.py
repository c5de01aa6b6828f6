import torch
from torch import nn


class NewLayerEachCall(nn.Module):
    def forward(self, x):
        # a layer with parameters created here is new, with new random weights, on every call
        return nn.Linear(4, 1)(x)


torch.manual_seed(0)
model = NewLayerEachCall()
X = torch.ones(1, 4)
print(model(X).item() == model(X).item())  # same input, different output
print(len(list(model.parameters())))  # nothing for an optimizer to train

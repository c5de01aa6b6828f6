# --8<-- [start:classes]
import torch
from torch import nn


class Registered(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)  # nn.Module.__setattr__ records these two as children
        self.drop = nn.Dropout(0.5)

    def forward(self, x):
        return self.drop(self.fc(x))


class Hidden(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Linear(2, 2), nn.Dropout(0.5)]  # a plain list: nothing is recorded

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


# --8<-- [end:classes]
# --8<-- [start:compare]
registered, hidden = Registered(), Hidden()
for model, dropout in ((registered, registered.drop), (hidden, hidden.layers[1])):
    model.eval()
    print(type(model).__name__)
    print("  output shape:", tuple(model(torch.ones(1, 2)).shape))
    print("  children:", [name for name, _ in model.named_children()])
    print("  parameters seen:", sum(p.numel() for p in model.parameters()))
    print("  Dropout in training mode after model.eval():", dropout.training)

try:
    torch.optim.SGD(hidden.parameters(), lr=0.1)
except ValueError as error:
    print("SGD(hidden.parameters()): ValueError:", error)
# --8<-- [end:compare]

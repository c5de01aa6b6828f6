# --8<-- [start:wrong]
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU())
        self.head = nn.Linear(8, 1)

    def forward(self, x):
        return self.head(self.features(x))


def count(model, kind):
    return sum(isinstance(m, kind) for m in model.modules())


model = Net()
for module in model.modules():
    if isinstance(module, nn.ReLU):
        module = nn.LeakyReLU(0.1)  # rebinds the loop variable, nothing else
print("ReLU:", count(model, nn.ReLU), "LeakyReLU:", count(model, nn.LeakyReLU))
# --8<-- [end:wrong]

# --8<-- [start:index]
model.features[1] = nn.LeakyReLU(0.1)  # a Sequential can be assigned by index
print("ReLU:", count(model, nn.ReLU), "LeakyReLU:", count(model, nn.LeakyReLU))
# --8<-- [end:index]


# --8<-- [start:setattr]
def replace_modules(parent, kind, make_new):
    """Replace, at any depth, every child of type `kind` by make_new(child)."""
    for name, child in parent.named_children():
        if isinstance(child, kind):
            setattr(parent, name, make_new(child))  # name may be "1": setattr accepts it
        else:
            replace_modules(child, kind, make_new)


replace_modules(model, nn.ReLU, lambda old: nn.LeakyReLU(0.1))
print("ReLU:", count(model, nn.ReLU), "LeakyReLU:", count(model, nn.LeakyReLU))
print(model.features)
# --8<-- [end:setattr]

# --8<-- [start:optimizer]
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model.head = nn.Linear(8, 3)  # a new head with new parameters, after the optimizer was made
in_optimizer = any(p is model.head.weight for p in optimizer.param_groups[0]["params"])
print("new head in the optimizer:", in_optimizer)
# --8<-- [end:optimizer]

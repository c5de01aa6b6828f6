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
def replace_children(parent, kind, make_new):
    """Replace, at any depth, every child of type `kind` by make_new(child)."""
    for name, child in parent.named_children():
        if isinstance(child, kind):
            setattr(parent, name, make_new(child))  # name may be "1": setattr accepts it
        else:
            replace_children(child, kind, make_new)


replace_children(model, nn.ReLU, lambda old: nn.LeakyReLU(0.1))
print("ReLU:", count(model, nn.ReLU), "LeakyReLU:", count(model, nn.LeakyReLU))
print(model.features)
# --8<-- [end:setattr]

# --8<-- [start:optimizer]
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model.head = nn.Linear(8, 3)  # a new head with new parameters, after the optimizer was made
in_optimizer = any(p is model.head.weight for p in optimizer.param_groups[0]["params"])
print("new head in the optimizer:", in_optimizer)
# --8<-- [end:optimizer]

# --8<-- [start:used_twice]
relu = nn.ReLU()
relu_twice = nn.Sequential(nn.Linear(4, 8), relu, nn.Linear(8, 8), relu)  # one ReLU, twice
print("children:", [name for name, child in relu_twice.named_children()])
replace_children(relu_twice, nn.ReLU, lambda old: nn.LeakyReLU(0.1))
print(relu_twice)
# --8<-- [end:used_twice]


# --8<-- [start:named_modules]
def replace_modules(model, kind, make_new):
    """Replace every submodule of type `kind`, at any depth, by make_new(old).

    A module used in several places gets one replacement, used in all of them.
    The model itself is never replaced, even if it is of type `kind`."""
    new_for = {}  # old module -> its replacement
    places = list(model.named_modules(remove_duplicate=False))  # repeats included
    for name, old in reversed(places):  # children before their parents
        if name and isinstance(old, kind):  # name "" is the model itself
            parent_name, _, child_name = name.rpartition(".")  # "a.1" -> "a", "1"
            if old not in new_for:
                new_for[old] = make_new(old)
            setattr(model.get_submodule(parent_name), child_name, new_for[old])


relu = nn.ReLU()
relu_twice = nn.Sequential(nn.Linear(4, 8), relu, nn.Linear(8, 8), relu)
replace_modules(relu_twice, nn.ReLU, lambda old: nn.LeakyReLU(0.1))
print(relu_twice)
print("still one module, used twice:", relu_twice[1] is relu_twice[3])
# --8<-- [end:named_modules]

# --8<-- [start:plain]
import torch
from torch import nn


class NoInit(nn.Module):  # no __init__ at all: nn.Module.__init__ is inherited and runs
    def forward(self, x):
        return x - x.mean()


class InitWithoutSuper(nn.Module):  # an __init__ that forgets super().__init__()
    def __init__(self, scale):
        self.scale = scale  # a plain attribute: this still works

    def forward(self, x):
        return (x - x.mean()) * self.scale


x = torch.tensor([1.0, 2.0, 3.0])
print(NoInit()(x))
layer = InitWithoutSuper(2.0)  # creating it works...
try:
    layer(x)  # ...calling it does not
except AttributeError as error:
    print("AttributeError:", error)
# --8<-- [end:plain]


# --8<-- [start:assign]
class LayerWithoutSuper(nn.Module):
    def __init__(self):
        self.linear = nn.Linear(2, 2)  # registering a submodule needs Module.__init__


class ParameterWithoutSuper(nn.Module):
    def __init__(self):
        self.weight = nn.Parameter(torch.ones(2))  # so does registering a parameter


for broken in [LayerWithoutSuper, ParameterWithoutSuper]:
    try:
        broken()
    except AttributeError as error:
        print("AttributeError:", error)
# --8<-- [end:assign]

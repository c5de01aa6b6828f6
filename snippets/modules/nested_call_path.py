# --8<-- [start:probe]
import inspect

import torch
from torch import nn


class ShowCallPath(nn.Module):
    """Returns its input unchanged, after printing the module calls that led to it."""

    def forward(self, x):
        path = []
        frame = inspect.currentframe()
        while frame is not None:  # walk from this frame out to the caller of model(x)
            owner = frame.f_locals.get("self")
            if isinstance(owner, nn.Module):
                path.append(f"{type(owner).__name__}.{frame.f_code.co_name}")
            frame = frame.f_back
        print("\n".join(reversed(path)))
        return x


# --8<-- [end:probe]
# --8<-- [start:levels]
# Block and Model have the same shape on purpose: each level assigns its child in __init__ and
# calls it in forward, as real models do. Only the class names differ, so the path shows the levels.
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.probe = ShowCallPath()

    def forward(self, x):
        return self.probe(x)


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block()

    def forward(self, x):
        return self.block(x)


model = Model()
y = model(torch.zeros(1))
# --8<-- [end:levels]

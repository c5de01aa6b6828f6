import traceback

import torch
from torch import nn


class Stop(nn.Module):
    def forward(self, x):
        raise RuntimeError("stop here")  # so that the traceback shows how we got here


def call_path(module, x):
    """Names of the functions between module(x) and the line in forward that raised."""
    try:
        module(x)
    except RuntimeError as error:
        return " -> ".join(frame.name for frame in traceback.extract_tb(error.__traceback__)[1:])


stop = Stop()
x = torch.zeros(1)
print("no hooks:  ", call_path(stop, x))
with stop.register_forward_hook(lambda module, args, output: None):
    print("one hook:  ", call_path(stop, x))
print("hook gone: ", call_path(stop, x))

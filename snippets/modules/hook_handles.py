# --8<-- [start:remove]
import torch
from torch import nn

fc = nn.Linear(2, 2)
x = torch.ones(1, 2)
calls = []


def count(module, args, output):
    calls.append("count")


handle = fc.register_forward_hook(count)
fc(x)
handle.remove()  # from now on, count no longer runs
handle.remove()  # removing twice is harmless
fc(x)
print("after remove():", calls)
# --8<-- [end:remove]
# --8<-- [start:with]

calls.clear()
with fc.register_forward_hook(count):  # a handle is also a context manager
    fc(x)
fc(x)
print("with a with block:", calls)

try:
    with fc.register_forward_hook(count):
        raise ValueError("something went wrong inside the with block")
except ValueError:
    pass
print("hooks left after an exception:", len(fc._forward_hooks))

calls.clear()
first = fc.register_forward_hook(count)
second = fc.register_forward_hook(count)  # e.g. a notebook cell run twice
fc(x)
print("registered twice:", calls)
first.remove()
second.remove()
# --8<-- [end:with]

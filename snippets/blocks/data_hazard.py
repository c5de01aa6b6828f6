# --8<-- [start:leaf]
import torch
from torch import nn

w = nn.Parameter(torch.tensor([1.0, 2.0]))
try:
    w.fill_(1.0)  # outside no_grad
except RuntimeError as error:
    print("RuntimeError:", error)
# --8<-- [end:leaf]

# --8<-- [start:hazard]
# loss = sum(w * w), so the gradient is 2 * w = [2, 4] for the w used in the forward pass.
w = nn.Parameter(torch.tensor([1.0, 2.0]))
loss = (w * w).sum()
w.data.mul_(10)  # an edit through .data between forward and backward
loss.backward()
print("via .data:    ", w.grad)  # silently wrong

w = nn.Parameter(torch.tensor([1.0, 2.0]))
loss = (w * w).sum()
with torch.no_grad():
    w.mul_(10)  # the same edit, visible to autograd
try:
    loss.backward()
except RuntimeError as error:
    print("via no_grad:  RuntimeError:", str(error).split(": [")[0])
# --8<-- [end:hazard]

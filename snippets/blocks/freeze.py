# --8<-- [start:freeze]
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
net[0].requires_grad_(False)  # freezes every parameter of the first layer
# The same by name, as many tutorials do it:
# for name, param in net.named_parameters():
#     if name.startswith("0."):
#         param.requires_grad = False

optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
before = [p.detach().clone() for p in net.parameters()]
X = torch.rand(2, 4)
net(X).sum().backward()
optimizer.step()
for (name, param), old in zip(net.named_parameters(), before, strict=True):
    grad = None if param.grad is None else tuple(param.grad.shape)
    print(f"{name:8} grad: {str(grad):6}  changed by step(): {not torch.equal(param, old)}")
# --8<-- [end:freeze]

# --8<-- [start:late]
late = nn.Linear(2, 1)
optimizer = torch.optim.SGD(late.parameters(), lr=0.1)
late(torch.ones(1, 2)).sum().backward()
late.requires_grad_(False)  # too late: .grad is already filled
before = late.weight.detach().clone()
optimizer.step()
print("frozen after backward, changed by step():", not torch.equal(late.weight, before))
# --8<-- [end:late]

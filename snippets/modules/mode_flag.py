# --8<-- [start:flag]
import torch
from torch import nn

net = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2), nn.Dropout(0.5))


def modes(module):
    return [m.training for m in module.modules()]  # the module itself, then each layer in it


print("new model:     ", modes(net))
net.eval()  # the same as net.train(False)
print("after eval():  ", modes(net))
net.train()
print("after train(): ", modes(net))
print("eval() returns the model itself:", net.eval() is net)
# --8<-- [end:flag]

# --8<-- [start:mixed]
net.train()
net[1].eval()  # BatchNorm stops updating its running statistics
print("mixed:         ", modes(net))
net(torch.ones(4, 2)).sum().backward()
print("BatchNorm weight still gets a gradient:", net[1].weight.grad is not None)
net.train()  # sets the flag on every module again
print("after net.train(), BatchNorm training:", net[1].training)
# --8<-- [end:mixed]

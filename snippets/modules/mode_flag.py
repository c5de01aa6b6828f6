import torch
from torch import nn

model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2), nn.Dropout(0.5))


def modes(model):
    return [module.training for module in model.modules()]  # the model, then each layer


print("new model:   ", modes(model))
model.eval()  # the same as model.train(False)
print("after eval():", modes(model))
model.train()
model[1].eval()  # BatchNorm stops updating its running statistics
print("mixed:       ", modes(model))
model(torch.ones(4, 2)).sum().backward()
print("BatchNorm weight still gets a gradient:", model[1].weight.grad is not None)
model.train()  # sets the flag on every module again
print("after model.train(), BatchNorm training:", model[1].training)
print("eval() returns the model itself:", model.eval() is model)

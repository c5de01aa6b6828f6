from torch import nn

model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2), nn.Dropout(0.5))


def modes(model):
    return [module.training for module in model.modules()]  # the model, then each layer


print("new model:   ", modes(model))
model.eval()  # the same as model.train(False)
print("after eval():", modes(model))
model.train()
model[1].eval()  # e.g. keep BatchNorm's statistics frozen while fine-tuning
print("mixed:       ", modes(model))
print("eval() returns the model itself:", model.eval() is model)

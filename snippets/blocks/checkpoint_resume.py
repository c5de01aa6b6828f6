# --8<-- [start:setup]
import os
import tempfile

import torch
from torch import nn
from torch.nn import functional as F

torch.manual_seed(1)
X = torch.randn(64, 4)
y = X.sum(dim=1, keepdim=True)


def make_model_and_optimizer(seed):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1))
    return model, torch.optim.Adam(model.parameters(), lr=0.01)


def train(model, optimizer, steps):
    for _ in range(steps):
        batch = torch.randint(0, 64, (16,))  # a random mini-batch: uses the global RNG
        loss = F.mse_loss(model(X[batch]), y[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def same_parameters(a, b):
    return all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters(), strict=True))


# 20 steps in one go
reference, optimizer = make_model_and_optimizer(seed=0)
torch.manual_seed(123)
train(reference, optimizer, 20)
# --8<-- [end:setup]

# --8<-- [start:save]
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "checkpoint.pt")

    # 10 steps, then save everything that the next 10 steps depend on
    model, optimizer = make_model_and_optimizer(seed=0)
    torch.manual_seed(123)
    train(model, optimizer, 10)
    torch.save(
        {
            "step": 10,
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),  # Adam's step count and running averages
            "rng": torch.get_rng_state(),  # so the next mini-batches are the same
        },
        path,
    )
    del model, optimizer  # as if the program had stopped here

    # a new program: build fresh objects (any starting values), then load the state into them
    model, optimizer = make_model_and_optimizer(seed=99)
    checkpoint = torch.load(path)  # plain tensors and dicts: fine with weights_only=True
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    torch.set_rng_state(checkpoint["rng"])
    train(model, optimizer, 20 - checkpoint["step"])

print(list(checkpoint["optimizer"]["state"][0]))
print("resumed == uninterrupted:", same_parameters(model, reference))
# --8<-- [end:save]

# --8<-- [start:partial]
# resumed without the optimizer state: Adam starts again with empty running averages
model, optimizer = make_model_and_optimizer(seed=99)
model.load_state_dict(checkpoint["model"])
torch.set_rng_state(checkpoint["rng"])
train(model, optimizer, 10)
print("without optimizer state:", same_parameters(model, reference))

# resumed without the RNG state: the next mini-batches are different ones
model, optimizer = make_model_and_optimizer(seed=99)
model.load_state_dict(checkpoint["model"])
optimizer.load_state_dict(checkpoint["optimizer"])
train(model, optimizer, 10)
print("without RNG state:      ", same_parameters(model, reference))
# --8<-- [end:partial]

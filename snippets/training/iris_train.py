# Train the Iris MLP, evaluate it, plot its loss curve and save its weights.
# To redraw the figure shown on the page, from the repository root:
#     python snippets/training/iris_train.py docs/training/iris_loss_curve.png
# ruff: noqa: E402 - each section is a block of its own on a page and starts with its own imports
import sys

from iris_mlp import MLP, X_test, X_train, y_test, y_train  # on the page, defined above


# --8<-- [start:step]
def train_step(model, X, y, criterion, optimizer):
    """One step of training: forward, loss, backward, update. Returns the loss."""
    outputs = model(X)  # call the model, not model.forward: hooks run only on a call
    loss = criterion(outputs, y)
    optimizer.zero_grad()  # clear the gradients of the last step
    loss.backward()  # compute new ones
    optimizer.step()  # update the weights
    return loss.detach()  # no .item(): on a GPU it would make the CPU wait


# --8<-- [end:step]

# isort: split
# --8<-- [start:train]
import torch
from torch import nn

torch.manual_seed(0)  # the same initial weights, so the same numbers, at every run
# An accelerator that works here, else the CPU (see the Devices page).
device = torch.accelerator.current_accelerator(check_available=True)
if device is None:
    device = torch.device("cpu")
model = MLP().to(device)
X_train, y_train = X_train.to(device), y_train.to(device)
X_test, y_test = X_test.to(device), y_test.to(device)

criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
num_epochs = 2000
losses = torch.zeros(num_epochs, device=device)  # filled on the device, read once at the end

model.train()
for epoch in range(num_epochs):
    losses[epoch] = train_step(model, X_train, y_train, criterion, optimizer)

losses = losses.cpu()  # one copy to the CPU, after training
for epoch in [1, 500, 1000, 1500, 2000]:
    print(f"epoch {epoch:4d}  loss {losses[epoch - 1]:.4f}")
# --8<-- [end:train]

# --8<-- [start:evaluate]
model.eval()  # evaluation mode (matters for Dropout and BatchNorm; harmless here)
with torch.no_grad():  # no graph is recorded: less memory, less work
    predicted = model(X_test).argmax(dim=1)
correct = (predicted == y_test).sum().item()
print(f"test accuracy: {correct}/{len(y_test)} = {correct / len(y_test):.4f}")
# --8<-- [end:evaluate]

# --8<-- [start:plot]
import os
import tempfile

import matplotlib

matplotlib.use("Agg")  # draw into files, no window: works on a server too
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(5, 3.2))
ax.plot(range(1, num_epochs + 1), losses.numpy())  # x: the real epoch numbers
ax.set_xlabel("epoch")
ax.set_ylabel("training loss (cross-entropy)")
ax.set_title("Iris MLP 4-10-3, SGD lr=0.1")
ax.grid(True, alpha=0.3)
fig.tight_layout()

with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "iris_loss_curve.png")
    fig.savefig(path, dpi=100)
    print("figure saved:", os.path.getsize(path) > 0)
# --8<-- [end:plot]

if len(sys.argv) > 1:  # python snippets/training/iris_train.py docs/training/iris_loss_curve.png
    fig.savefig(sys.argv[1], dpi=200)  # twice as sharp as it is shown

# --8<-- [start:save]
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "iris_mlp.pt")
    torch.save(model.state_dict(), path)  # the weights only, not the class

    restored = MLP()  # the class must be defined where you load
    # map_location puts the tensors on a device you have, whatever device saved them
    restored.load_state_dict(torch.load(path, map_location="cpu"))

restored.eval()
with torch.no_grad():
    same = torch.equal(restored(X_test.cpu()).argmax(dim=1), predicted.cpu())
print("restored model predicts the same:", same)
# --8<-- [end:save]

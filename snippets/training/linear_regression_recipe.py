# --8<-- [start:model]
import torch
from torch import nn


class LinearModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(1, 1)

    def forward(self, x):
        return self.fc1(x)


# --8<-- [end:model]
# --8<-- [start:fit_line]
def fit_line(lr, epochs, log_every):
    torch.manual_seed(0)
    x = torch.randn(1000, 1)
    y = 2 * x + 3 + 0.1 * torch.randn(1000, 1)  # the truth: weight 2, bias 3, a little noise

    # step 1: pick the device: an accelerator that works here, else the CPU
    device = torch.accelerator.current_accelerator(check_available=True)
    if device is None:
        device = torch.device("cpu")
    model = LinearModel().to(device)  # step 2: move the model (in place)
    x, y = x.to(device), y.to(device)  # step 3: move the data (assign the results!)
    print("device:", device)

    # step 4: train. The optimizer is created after the move, as the PyTorch docs advise.
    criterion = nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for epoch in range(epochs):
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if (epoch + 1) % log_every == 0:
            print(f"epoch {epoch + 1:3d}  loss {loss.item():.4f}")
    print(f"weight {model.fc1.weight.item():.4f}  bias {model.fc1.bias.item():.4f}")
    return model
# --8<-- [end:fit_line]


# --8<-- [start:slow]
model = fit_line(lr=0.01, epochs=100, log_every=10)
# --8<-- [end:slow]

# --8<-- [start:fast]
model = fit_line(lr=0.1, epochs=100, log_every=20)
# --8<-- [end:fast]

import torch
from torch import nn

# The same bug, "moved the model but forgot the data", on two devices.
for device in [torch.device("cpu"), torch.device("meta")]:
    model = nn.Linear(1, 1).to(device)
    x = torch.randn(4, 1)  # forgot: x = x.to(device)
    try:
        model(x)
        print(f"{device}: no error, the bug stays hidden")
    except RuntimeError as error:
        print(f"{device}: RuntimeError: {error}")

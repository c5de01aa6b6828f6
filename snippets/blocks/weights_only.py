# --8<-- [start:whole]
import os
import pickle
import tempfile

import torch
from torch import nn


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)

    def forward(self, x):
        return self.fc(x)


torch.manual_seed(0)
model = TinyNet()
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "whole-model.pt")
    torch.save(model, path)  # pickles the whole object: works
    try:
        torch.load(path)  # weights_only=True by default since PyTorch 2.6
    except pickle.UnpicklingError as error:
        reason = next(line for line in str(error).splitlines() if "Unsupported global" in line)
        print(type(error).__name__)
        print(reason.split(" Please use")[0].strip())
# --8<-- [end:whole]


# --8<-- [start:payload]
def unsupported(error):
    """The line of a weights_only error that names the global it refused."""
    line = next(line for line in str(error).splitlines() if "Unsupported global" in line)
    return line.split(" Please use")[0].strip()


class Payload:
    def __reduce__(self):  # tells pickle: "to rebuild me, call print(...)"
        return (print, ("this code ran inside torch.load!",))


with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "innocent-looking.pt")
    torch.save({"weight": torch.zeros(2), "extra": Payload()}, path)
    try:
        torch.load(path)
    except pickle.UnpicklingError as error:
        print("weights_only=True: ", unsupported(error))
    print("weights_only=False:", end=" ")
    torch.load(path, weights_only=False)  # runs the code: only for files you trust
# --8<-- [end:payload]

# --8<-- [start:safe]
with tempfile.TemporaryDirectory() as folder:
    whole = os.path.join(folder, "whole-model.pt")
    torch.save(model, whole)
    try:
        with torch.serialization.safe_globals([TinyNet]):  # not enough: there is an nn.Linear too
            torch.load(whole)
    except pickle.UnpicklingError as error:
        print("safe_globals([TinyNet]):", unsupported(error))
    with torch.serialization.safe_globals([TinyNet, nn.Linear]):  # classes you trust, this load
        loaded = torch.load(whole)
    same = torch.equal(loaded.fc.weight, model.fc.weight)
    print("safe_globals([TinyNet, nn.Linear]):", type(loaded).__name__, same)
# --8<-- [end:safe]

# --8<-- [start:load]
import os
import tempfile

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(3, 2)
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "weights.pt")
    torch.save(model.state_dict(), path)  # each tensor is saved with the device it was on
    for where in ["cpu", torch.device("cpu"), "meta", {"cpu": "meta"}]:
        state = torch.load(path, map_location=where)
        print(f"map_location={where!r:25} -> {state['weight'].device}")
    state = torch.load(path, map_location=lambda storage, location: storage)
    print("map_location=lambda storage, location: storage ->", state["weight"].device)
# --8<-- [end:load]

# --8<-- [start:copy]
target = nn.Linear(3, 2).to(torch.float64)  # stands in for a model already on the GPU
target.load_state_dict(model.state_dict())  # float32 values from the file...
# ...copied into float64
print(target.weight.dtype, torch.equal(target.weight, model.weight.double()))
# --8<-- [end:copy]

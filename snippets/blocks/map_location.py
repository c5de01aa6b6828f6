# --8<-- [start:copy]
import os
import tempfile

import torch
from torch import nn

torch.manual_seed(0)
cpu_model = nn.Linear(3, 2)  # float32, as a model saved from the CPU
target = nn.Linear(3, 2).to(torch.float64)  # stands in for a model already on the GPU
target.load_state_dict(cpu_model.state_dict())  # float32 values from the file...
print(target.weight.dtype, torch.equal(target.weight, cpu_model.weight.double()))  # ...copied in
# --8<-- [end:copy]

# --8<-- [start:forms]
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "weights.pt")
    torch.save(cpu_model.state_dict(), path)  # each tensor is saved with the device it was on
    for where in ["cpu", torch.device("cpu"), "meta", {"cpu": "meta"}]:
        state = torch.load(path, map_location=where)
        print(f"map_location={where!r:25} -> {state['weight'].device}")
    state = torch.load(path, map_location=lambda storage, location: storage)
    print("map_location=lambda storage, location: storage ->", state["weight"].device)
# --8<-- [end:forms]

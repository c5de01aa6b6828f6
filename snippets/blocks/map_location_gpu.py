import os
import sys
import tempfile

import torch
from torch import nn

if not torch.cuda.is_available():  # a standalone run on a machine without a CUDA GPU
    print("this example needs a CUDA GPU")
    sys.exit(0)

# --8<-- [start:gpu]
gpu_model = nn.Linear(3, 2).to("cuda")
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "gpu-weights.pt")
    torch.save(gpu_model.state_dict(), path)
    print(torch.load(path)["weight"].device)  # back where it was saved
    print(torch.load(path, map_location="cpu")["weight"].device)  # what a CPU-only machine needs
# --8<-- [end:gpu]

import io

import torch

buffer = io.BytesIO()  # a file in memory
torch.save(torch.ones(2), buffer)
buffer.seek(0)  # back to the start, to read what was written
try:
    torch.load(buffer, map_location="cuda")  # put the tensors on the GPU, as for a file saved there
except RuntimeError as error:
    print("RuntimeError:", error)

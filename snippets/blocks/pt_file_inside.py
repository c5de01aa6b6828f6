import os
import pickletools
import tempfile
import zipfile

import torch

with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "weights.pt")
    torch.save({"w": torch.ones(2)}, path)
    with zipfile.ZipFile(path) as archive:  # a .pt file is a zip archive
        print(archive.namelist())
        program = archive.read("weights/data.pkl")  # the pickle: how to rebuild the object
        print([arg for op, arg, _ in pickletools.genops(program) if op.name == "GLOBAL"])
        print(archive.read("weights/data/0"))  # the tensor's data: two float32 1.0, raw bytes

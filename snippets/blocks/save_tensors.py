import os
import tempfile

import torch

with tempfile.TemporaryDirectory() as folder:  # deleted, with its files, at the end of the block
    x = torch.arange(4)
    torch.save(x, os.path.join(folder, "x-file.pt"))
    x2 = torch.load(os.path.join(folder, "x-file.pt"))
    print(x2)

    y = torch.zeros(4)
    torch.save([x, y], os.path.join(folder, "x-files.pt"))
    x3, y3 = torch.load(os.path.join(folder, "x-files.pt"))
    print(x3, y3)

    torch.save({"x": x, "y": y}, os.path.join(folder, "mydict.pt"))
    print(torch.load(os.path.join(folder, "mydict.pt")))
    print(sorted(os.listdir(folder)))

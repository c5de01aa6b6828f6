from custom_mlp import MLP  # for a standalone run; on the page, MLP is embedded above

# isort: split
# --8<-- [start:save_load]
import os
import tempfile

import torch

torch.manual_seed(0)
net = MLP()
X = torch.randn(2, 20)
Y = net(X)

with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "mlp.params")
    torch.save(net.state_dict(), path)  # only the tensors, by name

    clone = MLP()  # the code of the model is needed to load: a new model, random weights
    print("before loading, same output:", torch.equal(clone(X), Y))
    print(clone.load_state_dict(torch.load(path)))
    clone.eval()  # for inference (matters for Dropout and BatchNorm)
    print("after loading, same output: ", torch.equal(clone(X), Y))
# --8<-- [end:save_load]

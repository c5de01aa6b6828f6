# --8<-- [start:strict]
import torch
from torch import nn

torch.manual_seed(0)
small = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
bigger = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1), nn.Sigmoid(), nn.Linear(1, 1))
state = small.state_dict()
state["extra.weight"] = torch.zeros(1)  # a key that no module of `bigger` has

try:
    bigger.load_state_dict(state)  # strict=True is the default
except RuntimeError as error:
    for line in str(error).splitlines():
        print(line.strip())
print("0.weight loaded anyway:", torch.equal(bigger[0].weight, small[0].weight))
# --8<-- [end:strict]

# --8<-- [start:non_strict]
# a fresh model
bigger = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1), nn.Sigmoid(), nn.Linear(1, 1))
result = bigger.load_state_dict(state, strict=False)
print("missing:   ", result.missing_keys)  # in the model, not in the file: left as they were
print("unexpected:", result.unexpected_keys)  # in the file, not in the model: ignored
print(torch.equal(bigger[0].weight, small[0].weight))
# --8<-- [end:non_strict]

# --8<-- [start:shape]
wider = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1))
try:
    wider.load_state_dict(small.state_dict(), strict=False)
except RuntimeError as error:
    print(str(error).splitlines()[1].strip())
print("2.bias loaded anyway:", torch.equal(wider[2].bias, small[2].bias))  # the one that fits
# --8<-- [end:shape]

# --8<-- [start:prefix]
class Wrapper(nn.Module):  # DistributedDataParallel and DataParallel hold the model like this
    def __init__(self, module):
        super().__init__()
        self.module = module


saved = Wrapper(small).state_dict()  # so every name starts with "module."
print(list(saved)[:2])
fresh = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
result = fresh.load_state_dict(saved, strict=False)
missing, unexpected = len(result.missing_keys), len(result.unexpected_keys)
print(missing, "missing,", unexpected, "unexpected: nothing loaded")
nn.modules.utils.consume_prefix_in_state_dict_if_present(saved, "module.")
print(list(saved)[:2])
# --8<-- [end:prefix]

# --8<-- [start:compiled]
compiled = torch.compile(small)  # a wrapper; nothing is compiled until its first call
print(type(compiled).__name__, compiled._orig_mod is small)
print(list(compiled.state_dict())[:2])
print(list(small.state_dict())[:2])
# --8<-- [end:compiled]

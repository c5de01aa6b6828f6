import torch
from torch import nn

torch.manual_seed(0)
fc = nn.Linear(4, 2)
pixels = torch.tensor([[0, 64, 128, 255]], dtype=torch.uint8)  # raw 8-bit image values


def to_unit_range(module, args):
    (x,) = args  # args is the tuple of positional inputs
    return x.float() / 255  # one tensor returned: torch wraps it into a tuple


with fc.register_forward_pre_hook(to_unit_range):
    out = fc(pixels)  # fc.forward receives floats in [0, 1]
print(out.detach().round(decimals=4))
print("same as fc(pixels.float() / 255):", torch.equal(out, fc(pixels.float() / 255)))
try:
    fc(pixels)  # the hook is gone: Linear gets uint8 values
except RuntimeError as error:
    print("without the hook: RuntimeError:", error)

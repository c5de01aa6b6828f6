# --8<-- [start:in_place]
import torch
from torch import nn


class Scaled(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 1)  # parameters: fc.weight and fc.bias
        self.register_buffer("scale", torch.ones(1))  # a buffer: saved state that is not trained
        self.offset = torch.zeros(1)  # a plain tensor attribute: neither

    def forward(self, x):
        return self.fc(x) * self.scale + self.offset


model = Scaled()
weight = model.fc.weight  # keep a handle on one parameter
address = weight.data_ptr()  # where its numbers are stored

# Module.to() converts with the same code for a dtype as for a device:
# it replaces the data of every parameter and buffer, then returns the module itself.
returned = model.to(torch.float64)
print("returned is model:", returned is model)
print("same Parameter object:", model.fc.weight is weight)
print("new storage:", weight.data_ptr() != address, weight.dtype)
print("buffer scale:", model.scale.dtype)
print("plain attribute offset:", model.offset.dtype)
# --8<-- [end:in_place]

# --8<-- [start:plain_attribute]
model = Scaled().to("meta")  # "meta" stands in for a GPU: a device every PyTorch build has
print("fc.weight:", model.fc.weight.device)
print("scale (buffer):", model.scale.device)
print("offset (plain attribute):", model.offset.device)
try:
    model(torch.ones(1, 2, device="meta"))
except RuntimeError as error:
    print("RuntimeError:", error)
# --8<-- [end:plain_attribute]

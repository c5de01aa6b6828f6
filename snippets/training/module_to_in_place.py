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
weight.grad = torch.ones_like(weight)  # a gradient, as if backward() had run

# Module.to() converts with the same code for a dtype as for a device:
# it replaces the data of every parameter and buffer, then returns the module itself.
returned = model.to(torch.float64)
print("returned is model:", returned is model)
print("same Parameter object:", model.fc.weight is weight)
print("new storage:", weight.data_ptr() != address, weight.dtype)
print("its .grad:", weight.grad.dtype)
print("buffer scale:", model.scale.dtype)
print("plain attribute offset:", model.offset.dtype)
# --8<-- [end:in_place]

# --8<-- [start:int_buffer]
bn = nn.BatchNorm1d(3)
bn.to(torch.float64)  # a dtype change converts floating-point tensors only
print("running_mean:", bn.running_mean.dtype)
print("num_batches_tracked:", bn.num_batches_tracked.dtype)  # a count: stays an integer
bn.to("meta")  # a change of device moves every tensor, integer ones included
print("after bn.to('meta'):", bn.num_batches_tracked.device, bn.num_batches_tracked.dtype)
# --8<-- [end:int_buffer]

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

# --8<-- [start:meta_identity]
model = Scaled()
weight = model.fc.weight
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)  # created too early: before the move
model.to("meta")
print("same Parameter object:", model.fc.weight is weight)
print("the old one is still on:", weight.device)
in_optimizer = optimizer.param_groups[0]["params"][0]  # the weight the optimizer would update
print("optimizer updates the model's weight:", in_optimizer is model.fc.weight)
# --8<-- [end:meta_identity]

# --8<-- [start:swap]
torch.__future__.set_swap_module_params_on_conversion(True)
model = Scaled()
weight = model.fc.weight
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)  # created before the move again
model.to("meta")
print("same Parameter object:", model.fc.weight is weight, "on", weight.device)
in_optimizer = optimizer.param_groups[0]["params"][0]
print("optimizer updates the model's weight:", in_optimizer is model.fc.weight)
torch.__future__.set_swap_module_params_on_conversion(False)  # back to the default
# --8<-- [end:swap]

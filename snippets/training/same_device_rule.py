import torch

# "meta" is a device that every PyTorch build has: its tensors have a shape and a dtype but
# no data. Here it stands in for a GPU, so the check can be seen on any machine.
weights = torch.ones(3, device="meta")
data = torch.ones(3)  # on the CPU
try:
    weights + data
except RuntimeError as error:
    print("RuntimeError:", error)

# Nothing is moved for you. Move one side explicitly and it works:
print((weights + data.to(weights.device)).device)

# The main exception: a Python number, or a 0-dimensional CPU tensor, mixes with any device.
print((weights * 2).device, (weights * torch.tensor(2.0)).device)
# Another one: a CPU tensor of indices can index a tensor on any device.
print(weights[torch.tensor([0, 1])].device)

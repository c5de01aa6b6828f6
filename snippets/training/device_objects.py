import torch

cpu = torch.device("cpu")
gpu0 = torch.device("cuda:0")  # the same as torch.device("cuda", 0)
gpu = torch.device("cuda")  # no index: "the current CUDA device"
print(cpu, gpu0, gpu)
print("type:", gpu0.type, "index:", gpu0.index)
print("index of 'cuda':", gpu.index)

# A device object is only a name: making one checks nothing, even with no GPU at all.
print(torch.device("cuda:7"))

# New tensors go to the default device, which is the CPU unless you change it.
print("default device:", torch.get_default_device())
print(torch.ones(2).device)

import torch

# The accelerator of this PyTorch build (an NVIDIA or AMD GPU, Apple's MPS, an Intel
# XPU...) if it works on this machine, else None; then the CPU.
device = torch.accelerator.current_accelerator(check_available=True)
if device is None:
    device = torch.device("cpu")
print("device:", device)

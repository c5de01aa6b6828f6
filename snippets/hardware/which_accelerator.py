import torch

answers = {
    "torch.__version__": torch.__version__,
    "torch.version.cuda": torch.version.cuda,  # None: no CUDA in this build
    "torch.version.hip": torch.version.hip,  # set only on AMD ROCm builds
    "torch.cuda.is_available()": torch.cuda.is_available(),  # NVIDIA, and AMD on ROCm builds
    "torch.cuda.device_count()": torch.cuda.device_count(),
    "torch.backends.mps.is_available()": torch.backends.mps.is_available(),  # Apple silicon
    "torch.xpu.is_available()": torch.xpu.is_available(),  # Intel GPUs
    # Device-agnostic: the accelerator this build was made for (None: none at all) ...
    "torch.accelerator.current_accelerator()": torch.accelerator.current_accelerator(),
    # ... and whether it works on this machine.
    "torch.accelerator.is_available()": torch.accelerator.is_available(),
}
for name, answer in answers.items():
    print(f"{name:40} {answer}")

# The usual choice: the accelerator if it works here, else the CPU.
device = torch.accelerator.current_accelerator(check_available=True)
if device is None:
    device = torch.device("cpu")
print("training will run on:", device)

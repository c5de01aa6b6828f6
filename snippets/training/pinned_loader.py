# --8<-- [start:loader]
import torch
from torch.utils.data import DataLoader, TensorDataset

device = torch.accelerator.current_accelerator(check_available=True)
if device is None:
    device = torch.device("cpu")
dataset = TensorDataset(torch.randn(512, 4), torch.randint(0, 3, (512,)))

# Pinning helps with a CUDA GPU (on the CPU or MPS the loader would warn and not pin). With
# num_workers=0, as here, the main thread pins each batch; with num_workers > 0, a background
# thread does it.
loader = DataLoader(dataset, batch_size=128, pin_memory=(device.type == "cuda"))

for features, labels in loader:
    # From pinned memory this copy runs in the background; from ordinary memory it still works.
    features = features.to(device, non_blocking=True)
    labels = labels.to(device, non_blocking=True)
print(features.shape, features.device)

# Copying to where the tensor already is does nothing, with or without non_blocking.
cpu_tensor = torch.ones(3)
print(cpu_tensor.to("cpu", non_blocking=True) is cpu_tensor)
# --8<-- [end:loader]

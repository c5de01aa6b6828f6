# --8<-- [start:demo]
import torch

device = torch.accelerator.current_accelerator(check_available=True)
if device is None:
    device = torch.device("cpu")

# 1. Create the tensor on the device. Factory functions (zeros, ones, randn, arange...)
#    allocate there directly; torch.tensor() builds it on the CPU, then copies it, in one call.
w = torch.zeros(2, 3, device=device)
x = torch.tensor([0, 1, 2, 3], device=device)
print(w.device, x.device)

# 2. Move a tensor that already exists: .to() returns a tensor on the target device,
#    and the original stays where it was.
y = torch.randn(2, 3)
y_on_device = y.to(device)
print(y.device, y_on_device.device)
# --8<-- [end:demo]

# --8<-- [start:forgot_assign]
z = torch.ones(3)
z.to("meta")  # the moved tensor is thrown away: z itself never moves
print("after z.to('meta'):", z.device)
z = z.to("meta")  # keep the result
print("after z = z.to('meta'):", z.device)
# --8<-- [end:forgot_assign]

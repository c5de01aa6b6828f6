import torch

t = torch.ones(2)
t64 = t.to(torch.float64)
print("t.to(float64) is t:", t64 is t)
print("t is unchanged:", t.dtype)

# Nothing to convert: .to() hands back the very same tensor, no copy.
print("t.to(float32) is t:", t.to(torch.float32) is t)
print("t.to('cpu') is t:", t.to("cpu") is t)
print("t.to('cpu', copy=True) is t:", t.to("cpu", copy=True) is t)

# --8<-- [start:setup]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 6), nn.Dropout(p=0.5))
x = torch.ones(1, 4)


def describe(label, out):
    zeros = (out == 0).sum().item()  # Linear alone gives no exact zeros here: Dropout made them
    grad = out.requires_grad
    print(f"{label:17} training={model.training!s:5}  requires_grad={grad!s:5}  zeros={zeros}")


# --8<-- [end:setup]
# --8<-- [start:compare]
model.train()
describe("train()", model(x))

model.eval()
describe("eval()", model(x))  # Dropout is off, but autograd still records
model(x).sum().backward()
print("  eval() still computes gradients:", model[0].weight.grad is not None)

model.train()
with torch.no_grad():
    describe("train()+no_grad", model(x))  # no graph, but Dropout still drops

model.eval()
with torch.inference_mode():
    describe("eval()+inference", model(x))  # what you want for evaluation
# --8<-- [end:compare]

# --8<-- [start:inference]
head = nn.Linear(6, 1)

with torch.no_grad():
    features = model(x)
head(features).sum().backward()  # a no_grad result is an ordinary tensor
print("no_grad result used in autograd later: works")

with torch.inference_mode():
    features = model(x)
print("is_inference():", features.is_inference())
try:
    head(features).sum().backward()
except RuntimeError as error:
    print("inference_mode result in head(features): RuntimeError:", str(error).split(".")[0])
bias = torch.zeros(1, 6, requires_grad=True)
(features + bias).sum().backward()  # an addition saves neither input for backward
print("inference_mode result in an addition: works, bias.grad =", bias.grad.tolist())
head(features.clone()).sum().backward()  # a clone made outside inference_mode is ordinary again
print("after .clone(): works")
# --8<-- [end:inference]

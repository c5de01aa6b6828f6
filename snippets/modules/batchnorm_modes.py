import torch
from torch import nn

bn = nn.BatchNorm1d(2)  # 2 features; weight = 1 and bias = 0 at the start
batch = torch.tensor([[1.0, 2.0], [3.0, 6.0]])  # 2 samples
print("start: running_mean", bn.running_mean, "running_var", bn.running_var)

# Training mode: normalise with this batch's mean and variance, and update the running statistics.
out = bn(batch)
print("train output:", out.detach().round(decimals=4))
print("after one batch: running_mean", bn.running_mean, "running_var", bn.running_var)
print("batches seen:", bn.num_batches_tracked.item())

# Evaluation mode: normalise with the running statistics, and leave them alone.
bn.eval()
out = bn(batch)
print("eval output: ", out.detach().round(decimals=4))
print("eval changed nothing:", bn.num_batches_tracked.item(), bn.running_mean)

# A batch of one sample: fine in eval mode, an error in training mode.
one = torch.tensor([[1.0, 2.0]])
print("eval, one sample:", bn(one).detach().round(decimals=4))
bn.train()
try:
    bn(one)
except ValueError as error:
    print("train, one sample: ValueError:", str(error).split(",")[0])

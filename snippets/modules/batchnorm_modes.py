# --8<-- [start:train]
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
# --8<-- [end:train]

# --8<-- [start:eval]
# Evaluation mode: normalise with the running statistics, and leave them alone.
bn.eval()
print("eval output: ", bn(batch).detach().round(decimals=4))
print("eval changed nothing:", bn.num_batches_tracked.item(), bn.running_mean)

# One value per feature: fine in eval mode, an error in training mode.
one = torch.tensor([[1.0, 2.0]])
print("eval, one sample:", bn(one).detach().round(decimals=4))
bn.train()
try:
    bn(one)
except ValueError as error:
    print("train, one sample: ValueError:", str(error).split(",")[0])
print("train, shape (1, 2, 3):", tuple(bn(torch.ones(1, 2, 3)).shape))  # 3 values per feature
# --8<-- [end:eval]

# --8<-- [start:variance]
# A fresh layer and the same batch: which variance does each step use?
fresh = nn.BatchNorm1d(2)
normalised = fresh(batch)
mean = batch.mean(dim=0)
biased, unbiased = batch.var(dim=0, correction=0), batch.var(dim=0, correction=1)
print("biased var:", biased, "unbiased var:", unbiased)
with_biased = (batch - mean) / torch.sqrt(biased + fresh.eps)
print("output uses the biased var:", torch.allclose(normalised, with_biased))
updated = (1 - fresh.momentum) * 1.0 + fresh.momentum * unbiased  # running_var started at 1
print("running_var uses the unbiased var:", torch.allclose(fresh.running_var, updated))
# --8<-- [end:variance]

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

# Which variance? Biased (divide by N = 2) to normalise, unbiased (divide by N - 1 = 1) to update.
mean = batch.mean(dim=0)
biased, unbiased = batch.var(dim=0, correction=0), batch.var(dim=0, correction=1)
print("biased var:", biased, "unbiased var:", unbiased)
normalised = (batch - mean) / torch.sqrt(biased + bn.eps)
updated_var = 0.9 * 1.0 + 0.1 * unbiased  # momentum 0.1, from the starting running_var of 1
print("output uses the biased var:", torch.allclose(out, normalised))
print("running_var uses the unbiased var:", torch.allclose(bn.running_var, updated_var))

# Evaluation mode: normalise with the running statistics, and leave them alone.
bn.eval()
out = bn(batch)
print("eval output: ", out.detach().round(decimals=4))
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

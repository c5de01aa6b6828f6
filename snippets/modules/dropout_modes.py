import torch
from torch import nn

dropout = nn.Dropout(p=0.5)
x = torch.ones(10)

torch.manual_seed(0)
print("train:", dropout(x))  # about half are zeroed, the rest are scaled by 1 / (1 - p) = 2
big = dropout(torch.ones(100_000))
print("train, share zeroed:", round((big == 0).float().mean().item(), 3))
print("train, mean:", round(big.mean().item(), 3))  # the scaling keeps the mean close to 1

dropout.eval()
print("eval: ", dropout(x))  # the input, unchanged

import torch
from torch import nn

dropout = nn.Dropout(p=0.5)
x = torch.ones(8)

dropout.eval()
print("eval,  dropout.forward(x):", dropout.forward(x))
dropout.train()
torch.manual_seed(0)
print("train, dropout.forward(x):", dropout.forward(x))
torch.manual_seed(0)
print("train, dropout(x):        ", dropout(x))

# Calling a module never changes its mode: only train() and eval() do.
for mode in ("train", "eval"):
    getattr(dropout, mode)()
    before = dropout.training
    dropout(x)
    dropout.forward(x)
    print(f"after {mode}(): training = {before}; after two calls: training = {dropout.training}")

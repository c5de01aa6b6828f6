import warnings

import torch
from torch.utils.data import DataLoader

# A DataLoader asked to pin memory only warns, and hands out ordinary batches.
loader = DataLoader(torch.ones(4, 2), batch_size=2, pin_memory=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # record the warning even if it was shown before
    batch = next(iter(loader))
print("DataLoader warns:", caught[0].message)
print("batch is pinned:", batch.is_pinned())

# Called directly, .cuda() and .pin_memory() fail.
t = torch.ones(2)
try:
    t.cuda()  # .cuda() means CUDA, with no fallback
except (AssertionError, RuntimeError) as error:  # which one depends on how torch was built
    print("t.cuda():", error)
try:
    t.pin_memory()  # page-locked memory is something an accelerator asks for
except RuntimeError as error:
    print("t.pin_memory():", error)

import torch

t = torch.ones(2)
try:
    t.cuda()  # .cuda() means CUDA, with no fallback
except (AssertionError, RuntimeError) as error:  # which one depends on how torch was built
    print("t.cuda():", error)
try:
    t.pin_memory()  # page-locked memory is something an accelerator asks for
except RuntimeError as error:
    print("t.pin_memory():", error)

# --8<-- [start:setup]
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)

    def forward(self, x):
        return self.fc(x).relu()


runs = {"compiled code": 0}


def counting_backend(graph_module, example_inputs):
    """A torch.compile backend: gets the captured graph once, returns what to run instead."""

    def run(*args):
        runs["compiled code"] += 1
        return graph_module.forward(*args)

    return run


# --8<-- [end:setup]
# --8<-- [start:method]
torch.manual_seed(0)
model = Net()
model.compile(backend=counting_backend)  # sets model._compiled_call_impl; compiles at first call
x = torch.ones(1, 3)
model(x)
print("after model(x):        ", runs)
model.forward(x)
print("after model.forward(x):", runs)
print("same result:", torch.equal(model(x), model.forward(x)))
# --8<-- [end:method]

# --8<-- [start:function]
plain = Net()
compiled = torch.compile(plain, backend=counting_backend)  # a new module around plain


def count(key):
    def hook(module, args, output):
        runs[key] += 1

    return hook


runs = {"compiled code": 0, "plain hook": 0, "compiled hook": 0}
plain.register_forward_hook(count("plain hook"))
compiled.register_forward_hook(count("compiled hook"))
compiled(x)
print("after compiled(x):        ", runs)
compiled.forward(x)
print("after compiled.forward(x):", runs)
plain(x)
print("after plain(x):           ", runs)
print(type(compiled).__name__, "wraps plain:", compiled._orig_mod is plain)
wrapped = compiled.forward.__wrapped__  # the function that torch.compile compiled
print("compiled.forward wraps plain.__call__:", wrapped == plain.__call__)
# --8<-- [end:function]

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
    """A torch.compile backend: gets the captured graph once, returns the function to run instead."""

    def run(*args):
        runs["compiled code"] += 1
        return graph_module.forward(*args)

    return run


torch.manual_seed(0)
model = Net()
model.compile(backend=counting_backend)  # sets model._compiled_call_impl; compiles on the first call
x = torch.ones(1, 3)
model(x)
print("after model(x):        ", runs)
model.forward(x)
print("after model.forward(x):", runs)
print("same result:", torch.equal(model(x), model.forward(x)))

# --8<-- [start:model]
import torch
from torch import nn
from torch.nn.modules.module import register_module_forward_hook


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)

    def forward(self, x):
        return self.fc(x)  # the child is called through its own __call__


torch.manual_seed(0)
model = Net()
x = torch.ones(1, 3)
# --8<-- [end:model]

# --8<-- [start:hooks]
names = {module: name or "model" for name, module in model.named_modules()}


def report(kind):
    return lambda module, args, output: print(f"  {kind} hook, module: {names[module]}")


with (
    register_module_forward_hook(report("global")),
    model.register_forward_hook(report("model's")),
    model.fc.register_forward_hook(report("fc's")),
):
    print("model(x):")
    y_call = model(x)
    print("model.forward(x):")
    y_forward = model.forward(x)
print("same numbers:", torch.equal(y_call, y_forward))
# --8<-- [end:hooks]

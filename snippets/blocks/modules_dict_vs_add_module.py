from torch import nn


class Registry(nn.Module):
    pass


box = Registry()
box._modules["a"] = "not a layer"  # writing to the private dict: no check at all
print(list(box._modules))
try:
    box.add_module("b", "not a layer")  # the public method checks the type
except TypeError as error:
    print("TypeError:", error)

from torch import nn

box = nn.Module()
box.size = 3  # a plain attribute, not a child
try:
    box.add_module("size", nn.ReLU())
except KeyError as error:
    print("KeyError:", error.args[0])
for bad_name in ["a.b", ""]:
    try:
        box.add_module(bad_name, nn.ReLU())
    except KeyError as error:
        print("KeyError:", error.args[0])
box.size = nn.ReLU()  # setattr replaces the plain attribute with a child
box.add_module("size", nn.Tanh())  # an existing child: add_module replaces it without complaint
setattr(box, "a.b", nn.ReLU())  # setattr accepts the ".", but then "a.b.weight" would be ambiguous
print(list(box._modules), box.size)

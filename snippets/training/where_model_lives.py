from torch import nn

model = nn.Sequential(nn.Linear(4, 10), nn.ReLU(), nn.Linear(10, 3))

# The usual check: the device of the first parameter.
print(next(model.parameters()).device)

# A module has no .device attribute, because nothing forces its parts to agree.
print(hasattr(model, "device"))


def devices_of(module):
    """The names of every device that holds a parameter or a buffer of the module, sorted."""
    return sorted({str(t.device) for t in [*module.parameters(), *module.buffers()]})


model[2].to("meta")  # move only the last layer ("meta" stands in for a second device)
print(devices_of(model))
print(next(model.parameters()).device)  # the first parameter tells only half the story

# A module without parameters or buffers lives nowhere: next() has nothing to return.
print(devices_of(nn.ReLU()))
try:
    next(nn.ReLU().parameters())
except StopIteration:
    print("next(nn.ReLU().parameters()): StopIteration")

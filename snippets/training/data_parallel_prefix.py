from torch import nn

model = nn.Linear(2, 1)
wrapped = nn.DataParallel(model)  # with no GPU it simply calls the model

print("wrapped.module is model:", wrapped.module is model)
print("model keys:  ", list(model.state_dict()))
print("wrapped keys:", list(wrapped.state_dict()))
# DistributedDataParallel adds the same "module." prefix. Save the inner model instead:
print("saved keys:  ", list(wrapped.module.state_dict()))

# What goes wrong otherwise: the wrapper's keys do not fit a plain model.
try:
    nn.Linear(2, 1).load_state_dict(wrapped.state_dict())
except RuntimeError as error:
    for line in str(error).splitlines():
        print(line.strip())

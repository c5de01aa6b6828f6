from torch import nn

model = nn.Linear(2, 1)
wrapped = nn.DataParallel(model)  # with no GPU it simply calls the model

print("wrapped.module is model:", wrapped.module is model)
print("model keys:  ", list(model.state_dict()))
print("wrapped keys:", list(wrapped.state_dict()))
# DistributedDataParallel adds the same "module." prefix. Save the inner model instead:
print("saved keys:  ", list(wrapped.module.state_dict()))

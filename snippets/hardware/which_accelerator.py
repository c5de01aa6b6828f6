import torch

print("torch.__version__:          ", torch.__version__)
print("torch.version.cuda:         ", torch.version.cuda)  # None: no CUDA in this build
print("torch.version.hip:          ", torch.version.hip)  # set only on AMD ROCm builds
print("torch.cuda.is_available():  ", torch.cuda.is_available())
print("torch.cuda.device_count():  ", torch.cuda.device_count())
print("torch.backends.mps.is_available():", torch.backends.mps.is_available())

# The usual choice, in order of preference. A ROCm build answers through torch.cuda too.
if torch.cuda.is_available():
    device = torch.device("cuda")
elif torch.backends.mps.is_available():
    device = torch.device("mps")
else:
    device = torch.device("cpu")
print("training will run on:", device)

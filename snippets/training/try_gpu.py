import torch


def try_gpu(i=0):
    """CUDA GPU number i if it exists, else Apple's MPS GPU if there is one, else the CPU."""
    if i < torch.cuda.device_count():
        return torch.device(f"cuda:{i}")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def try_all_gpus():
    """Every CUDA GPU; with none, a one-element list: [mps] or [cpu]."""
    gpus = [torch.device(f"cuda:{i}") for i in range(torch.cuda.device_count())]
    return gpus or [try_gpu()]


if __name__ == "__main__":
    print("CUDA GPUs:", torch.cuda.device_count())
    print("MPS:", torch.backends.mps.is_available())
    print("try_gpu():", try_gpu())
    print("try_gpu(7):", try_gpu(7))
    print("try_all_gpus():", try_all_gpus())

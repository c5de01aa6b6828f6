# --8<-- [start:short]
import torch

print("torch", torch.__version__, "| CUDA in this build:", torch.version.cuda)
if not torch.cuda.is_available():
    print("no CUDA GPU that PyTorch can use")
for index in range(torch.cuda.device_count()):
    properties = torch.cuda.get_device_properties(index)
    print(f"GPU {index}: {properties.name}")
    print(f"  compute capability: {properties.major}.{properties.minor}")
    print(f"  memory:             {properties.total_memory / 2**30:.1f} GiB")
    print(f"  SMs:                {properties.multi_processor_count}")
# --8<-- [end:short]

# --8<-- [start:build]
# Both can be asked on any build, with or without a GPU.
print("native bf16:", torch.cuda.is_bf16_supported(including_emulation=False))
print("GPU code in this build:", torch.cuda.get_arch_list())
# --8<-- [end:build]

import torch

for index in range(torch.cuda.device_count()):
    properties = torch.cuda.get_device_properties(index)
    major, minor = torch.cuda.get_device_capability(index)
    print(f"GPU {index}: {torch.cuda.get_device_name(index)}")
    print(f"  compute capability: {major}.{minor}")
    print(f"  memory:             {properties.total_memory / 2**30:.1f} GiB")
    print(f"  SMs:                {properties.multi_processor_count}")
print("native bf16:", torch.cuda.is_bf16_supported(including_emulation=False))
print("GPU code in this build:", torch.cuda.get_arch_list())

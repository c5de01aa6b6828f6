import os
import platform

import torch

found = torch.cpu.get_capabilities()  # what PyTorch detected about this CPU at start-up
print("CPU name:         ", found.get("cpu_name") or "not reported")
print("architecture:     ", platform.machine())
print("physical cores:   ", found.get("num_physical_cores"))
print("logical CPUs:     ", os.cpu_count())
if hasattr(os, "sched_getaffinity"):  # Linux: the CPUs this process may run on
    print("CPUs I may use:   ", len(os.sched_getaffinity(0)))
print("PyTorch's threads:", torch.get_num_threads())
print("vector kernels:   ", torch.backends.cpu.get_cpu_capability())

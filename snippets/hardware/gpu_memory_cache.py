import sys

import torch

if not torch.cuda.is_available():  # a standalone run on a machine without a CUDA GPU
    print("this example needs a CUDA GPU")
    sys.exit(0)

# --8<-- [start:demo]
torch.cuda.empty_cache()
start_allocated, start_reserved = torch.cuda.memory_allocated(), torch.cuda.memory_reserved()


def show(moment):
    """Allocated and reserved memory, as changes since the start (earlier work may hold some)."""
    allocated = (torch.cuda.memory_allocated() - start_allocated) / 2**20
    reserved = (torch.cuda.memory_reserved() - start_reserved) / 2**20
    print(f"{moment:26} allocated {allocated:+5.0f} MiB   reserved {reserved:+5.0f} MiB")


show("start")
x = torch.empty(256 * 2**20, dtype=torch.uint8, device="cuda")  # 256 MiB
show("with a 256 MiB tensor")
del x
show("after del x")
y = torch.empty(128 * 2**20, dtype=torch.uint8, device="cuda")  # can reuse the cached memory
show("with a 128 MiB tensor")
del y
torch.cuda.empty_cache()
show("after empty_cache()")

free, total = torch.cuda.mem_get_info()  # the driver's view: every process on this GPU
print(f"driver: {(total - free) / 2**20:.0f} MiB used of {total / 2**20:.0f} MiB")
# --8<-- [end:demo]

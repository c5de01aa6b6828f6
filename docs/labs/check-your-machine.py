# %% [markdown]
# # Check your machine
#
# Before you train, know what you train on. This lab asks Python and PyTorch the few questions
# that matter, and says what each answer means for training. On this page you see the answers of
# the machine that built the site; download the notebook and run it to get yours.
#
# The [hardware report](../../hardware/report/) asks the same questions on any operating system
# and never crashes; here are the calls themselves.

# %%
import os
import platform

import psutil
import torch

print("Python", platform.python_version(), "on", platform.system())
print("PyTorch", torch.__version__)

# %% [markdown]
# ## The CPU
#
# The processor's name tells you its generation, once you look it up. Linux writes it in
# `/proc/cpuinfo`, macOS answers `sysctl`; `platform.processor()` is often empty or vague
# (the [CPU page](../../hardware/cpu/) shows why).

# %%
import subprocess


def cpu_name():
    if platform.system() == "Linux":
        with open("/proc/cpuinfo", encoding="utf-8") as file:
            for line in file:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    if platform.system() == "Darwin":
        command = ["sysctl", "-n", "machdep.cpu.brand_string"]
        answer = subprocess.run(command, capture_output=True, text=True)
        return answer.stdout.strip()
    # Windows, and ARM Linux (whose /proc/cpuinfo names no model)
    return platform.processor() or platform.machine()


print("CPU:         ", cpu_name())
print("architecture:", platform.machine())

# %% [markdown]
# Three counts matter, and they differ more often than you would think:
#
# - **physical cores** do the arithmetic. PyTorch's x86 builds start one thread per core for one
#   large operation (a matrix product);
# - **logical CPUs** are what the operating system schedules: with simultaneous multithreading
#   (Hyper-Threading) two per core, which share that core's arithmetic units;
# - **the CPUs this process may use**: a container, a job scheduler or `taskset` can allow fewer
#   than the machine has. Size `DataLoader(num_workers=...)` and `torch.set_num_threads` from
#   this one.

# %%
if hasattr(os, "sched_getaffinity"):  # Linux
    usable = len(os.sched_getaffinity(0))
else:
    usable = os.cpu_count()  # macOS, Windows: no affinity mask to read
print("physical cores:        ", psutil.cpu_count(logical=False))
print("logical CPUs:          ", os.cpu_count())
print("CPUs this process uses:", usable)
print("torch threads:         ", torch.get_num_threads())
print("torch CPU kernels:     ", torch.backends.cpu.get_cpu_capability())

# %% [markdown]
# `torch CPU kernels` names the widest vector instructions PyTorch uses here: `AVX512` computes
# twice as many numbers per instruction as `AVX2`; `DEFAULT` means neither (ARM's NEON and SVE
# have names of their own).
#
# ## Memory
#
# Everything that lives on the CPU during training (the data set, the model, the optimizer's
# state, the batches being prepared) has to fit in the *available* memory, not the total.

# %%
memory = psutil.virtual_memory()
print(f"RAM total:     {memory.total / 2**30:.1f} GiB")
print(f"RAM available: {memory.available / 2**30:.1f} GiB")

# %% [markdown]
# ## Accelerators
#
# A GPU is used only if this PyTorch build was made for it (`torch.version.cuda` is `None` in a
# CPU-only build), a driver is installed, and the two agree: `torch.cuda.is_available()` checks
# all of it at once. `torch.accelerator` asks the same of whatever accelerator the build supports
# (CUDA, ROCm, Apple's MPS, Intel's XPU).

# %%
print("torch built for CUDA:", torch.version.cuda)
print("CUDA GPU usable:     ", torch.cuda.is_available())
print("Apple MPS usable:    ", torch.backends.mps.is_available())
accelerator = torch.accelerator.current_accelerator(check_available=True)
print("accelerator:         ", accelerator)

# %% [markdown]
# For each CUDA GPU: its name, its number of streaming multiprocessors (SMs: how much it can run
# at once), its compute capability (8.0 and newer run `bfloat16` fast, 8.9 and newer `float8`) and
# its memory. The model, its gradients, the optimizer's state and the activations of one batch must
# fit in that memory. On a machine without a GPU this cell prints why there is none.

# %%
if torch.cuda.is_available():
    for index in range(torch.cuda.device_count()):
        gpu = torch.cuda.get_device_properties(index)
        free, total = torch.cuda.mem_get_info(index)
        print(f"cuda:{index}: {gpu.name}")
        print(f"  {gpu.multi_processor_count} SMs, "
              f"compute capability {gpu.major}.{gpu.minor}")
        print(f"  memory {total / 2**30:.1f} GiB ({free / 2**30:.1f} free)")
elif torch.version.cuda is None:
    print("no CUDA GPU: this PyTorch is a CPU-only build")
else:
    print("no CUDA GPU: none found, or no working driver")

# %% [markdown]
# ## What the threads are worth
#
# One measurement to finish: a large matrix product with one thread, then with all of them. A
# big operation is split between the threads; a small one (a tiny model's layers) is not worth
# splitting, which is why small models often train just as fast with `torch.set_num_threads(1)`.

# %%
import time


def seconds_per_matmul(size, threads, repeats=5):
    torch.set_num_threads(threads)
    a = torch.randn(size, size)
    a @ a  # once first: the first call pays for setting up
    start = time.perf_counter()
    for _ in range(repeats):
        a @ a
    return (time.perf_counter() - start) / repeats


all_threads = torch.get_num_threads()
for size in (64, 1024):
    one = seconds_per_matmul(size, 1)
    many = seconds_per_matmul(size, all_threads)
    print(f"{size:4d} x {size:<4d}: {one * 1e3:7.3f} ms on 1 thread, "
          f"{many * 1e3:7.3f} ms on {all_threads} ({one / many:.2f}x)")
torch.set_num_threads(all_threads)

# %% [markdown]
# The speed-up is at most the number of physical cores. On a busy machine it is less, and for a
# small product more threads can even be slower: they spend the time waiting for each other. The
# numbers above were measured while the site was being built, on a shared machine. Run the cell a
# few times on yours.
#
# ## Exercises
#
# 1. Start Python with `taskset -c 0 python` (Linux) and run the cells again. Which counts change?
# 2. Compare `torch.get_num_threads()` with the physical cores and with the CPUs you may use. Which
#    one did PyTorch pick, and when would you lower it?
# 3. With a GPU: move the matrix product to `"cuda"` and time it the same way. Why must you call
#    `torch.cuda.synchronize()` before reading the clock? (See
#    [A GPU works from a queue](../../performance/#a-gpu-works-from-a-queue).)

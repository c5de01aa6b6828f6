# %% [markdown]
# <!-- translation of docs/labs/check-your-machine.py, sha256:859bcd3d312e -->
# # 检查你的机器 { #check-your-machine }
#
# 训练之前，先弄清楚你在什么机器上训练。本实验向 Python 和 PyTorch 提出几个要紧的问题，并说明每个答案对训练意味着什么。本页上显示的是构建本站的那台机器的答案；下载这个 notebook 并运行它，就能得到你自己机器的答案。
#
# [硬件报告](../../hardware/report/)在任何操作系统上都会问同样的问题，而且从不崩溃；这里展示的是这些调用本身。

# %%
import os
import platform

import psutil
import torch

print("Python", platform.python_version(), "on", platform.system())
print("PyTorch", torch.__version__)

# %% [markdown]
# ## CPU { #the-cpu }
#
# 查一下处理器的名称，就能知道它是哪一代的。Linux 把它写在 `/proc/cpuinfo` 里，macOS 则由 `sysctl` 回答；`platform.processor()` 常常是空的，或者含糊不清（[CPU 页](../../hardware/cpu/)说明了原因）。

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
# 有三个数很重要，而且它们互不相同的情况比你想象的更常见：
#
# - **物理核心**（physical core）负责运算。PyTorch 的 x86 构建版本为一个大型运算（一次矩阵乘法）在每个核心上启动一个线程（thread）；
# - **逻辑 CPU**（logical CPU）是操作系统调度的对象：开启同时多线程（simultaneous multithreading，SMT，又称超线程，Hyper-Threading）时，每个核心有两个逻辑 CPU，它们共用这个核心的运算单元；
# - **这个进程（process）可以使用的 CPU**：容器、作业调度器或者 `taskset` 可以只允许使用比机器实际拥有的更少的 CPU。设置 `DataLoader(num_workers=...)` 和 `torch.set_num_threads` 时，要以这个数为准。

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
# `torch CPU kernels` 给出 PyTorch 在这里使用的最宽的向量指令：`AVX512` 每条指令计算的数是 `AVX2` 的两倍；`DEFAULT` 表示两者都没有（ARM 的 NEON 和 SVE 有各自的名称）。
#
# ## 内存 { #memory }
#
# 训练期间位于 CPU 上的一切（数据集、模型、优化器的状态、正在准备的批量）都必须放进*可用*内存，而不是总内存。

# %%
memory = psutil.virtual_memory()
print(f"RAM total:     {memory.total / 2**30:.1f} GiB")
print(f"RAM available: {memory.available / 2**30:.1f} GiB")

# %% [markdown]
# ## 加速器 { #accelerators }
#
# 只有同时满足以下条件，GPU 才会被使用：这个 PyTorch 构建版本（build）是为它构建的（在仅 CPU 的构建版本中，`torch.version.cuda` 是 `None`）；装有驱动程序（driver）；而且两者相互匹配。`torch.cuda.is_available()` 一次就检查了所有这些。`torch.accelerator` 对这个构建版本所支持的加速器（CUDA、ROCm、Apple 的 MPS、Intel 的 XPU），不论是哪一种，都做同样的检查。

# %%
print("torch built for CUDA:", torch.version.cuda)
print("CUDA GPU usable:     ", torch.cuda.is_available())
print("Apple MPS usable:    ", torch.backends.mps.is_available())
accelerator = torch.accelerator.current_accelerator(check_available=True)
print("accelerator:         ", accelerator)

# %% [markdown]
# 对每块 CUDA GPU，下面打印：它的名称；它的流式多处理器（streaming multiprocessor，SM）的数量，即它一次能同时运行多少工作；它的计算能力（compute capability），8.0 及更新的 GPU 计算 `bfloat16` 很快，8.9 及更新的 GPU 计算 `float8` 很快；以及它的显存（GPU memory）。模型、它的梯度、优化器的状态和一个批量的激活值都必须放进这块显存。在没有 GPU 的机器上，这个单元格会打印没有 GPU 的原因。

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
# ## 线程能带来多少收益 { #what-the-threads-are-worth }
#
# 最后做一次测量：一个大的矩阵乘法，先用一个线程，再用所有线程。大的运算会被分给各个线程去做；小的运算（一个很小的模型的各层）不值得拆分，所以小模型用 `torch.set_num_threads(1)` 训练往往一样快。

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
# 加速比最多等于物理核心数。在繁忙的机器上会更小；对于小的矩阵乘法，更多的线程甚至可能更慢：它们把时间花在了相互等待上。上面的数字是在构建本站时、在一台共享的机器上测得的。在你的机器上把这个单元格多运行几次。
#
# ## 练习 { #exercises }
#
# 1. 用 `taskset -c 0 python`（Linux）启动 Python，再把这些单元格运行一遍。哪些数变了？
# 2. 把 `torch.get_num_threads()` 与物理核心数、与你可以使用的 CPU 数作比较。PyTorch 选的是哪一个？什么时候你会把它调低？
# 3. 有 GPU 的话：把矩阵乘法移到 `"cuda"` 上，用同样的方法计时。为什么在读取时钟之前必须调用 `torch.cuda.synchronize()`？（参见 [GPU 从队列中取工作](../../performance/#a-gpu-works-from-a-queue)。）

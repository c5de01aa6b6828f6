"""A hardware report that runs anywhere: python snippets/hardware/hardware_report.py

One screen about the CPU, the memory and the accelerators, with one line on what each value means
for training. It never crashes: a value it cannot find prints as "unknown (the reason)".
Every function below returns a value or an Unknown; none of them raises.
"""

# --8<-- [start:unknown]
import importlib
import math
import os
import platform
import subprocess
from dataclasses import dataclass


@dataclass(frozen=True)
class Unknown:
    """A value we could not find out, and why."""

    reason: str

    def __str__(self):
        return f"unknown ({self.reason})"


def safely(function, *args, **kwargs):
    """Call function(*args, **kwargs); if it raises, return an Unknown that says what went wrong."""
    try:
        return function(*args, **kwargs)
    except Exception as error:
        return Unknown(f"{type(error).__name__}: {error}")


# --8<-- [end:unknown]


# --8<-- [start:machine]
class Machine:
    """Everything the report learns from the outside world goes through this object.

    To see what the report prints on another machine (ARM, Windows, a container), subclass it
    and override a method: nothing else has to change.
    """

    def system(self):
        return platform.system()  # "Linux", "Darwin" (macOS), "Windows", ...

    def architecture(self):
        return platform.machine()  # "x86_64", "AMD64", "arm64", "aarch64", ...

    def read_text(self, path):
        with open(path, encoding="utf-8", errors="replace") as file:
            return file.read()

    def run(self, args):
        """What a command prints. Raises FileNotFoundError when the program does not exist."""
        return subprocess.run(args, capture_output=True, text=True, timeout=20, check=True).stdout

    def module(self, name):
        """An optional module (psutil, torch, winreg), or None when it cannot be imported."""
        try:
            return importlib.import_module(name)
        except ImportError:
            return None

    def host_cpu_count(self):
        return os.cpu_count()  # all CPUs of the host; None when Python cannot tell

    def process_cpu_count(self):
        """CPUs this process may run on (its affinity mask), or None where the OS cannot tell."""
        if hasattr(os, "process_cpu_count"):  # Python 3.13+
            return os.process_cpu_count()
        if hasattr(os, "sched_getaffinity"):  # Linux
            return len(os.sched_getaffinity(0))
        return None


# --8<-- [end:machine]


# --8<-- [start:cpu_name]
# --8<-- [start:cpu_name_helpers]
# A few ARM designs by their 'CPU implementer' and 'CPU part' codes in /proc/cpuinfo.
ARM_IMPLEMENTERS = {0x41: "ARM", 0x4E: "NVIDIA", 0x51: "Qualcomm", 0x61: "Apple", 0xC0: "Ampere"}
ARM_PARTS = {
    (0x41, 0xD08): "Cortex-A72",  # Raspberry Pi 4
    (0x41, 0xD0B): "Cortex-A76",  # Raspberry Pi 5
    (0x41, 0xD0C): "Neoverse-N1",  # AWS Graviton2, Ampere Altra
    (0x41, 0xD40): "Neoverse-V1",  # AWS Graviton3
    (0x41, 0xD49): "Neoverse-N2",
    (0x41, 0xD4F): "Neoverse-V2",  # AWS Graviton4, NVIDIA Grace
}


def cpuinfo_fields(text):
    """The 'key : value' lines of /proc/cpuinfo as a dict (the first processor wins)."""
    fields = {}
    for line in text.splitlines():
        key, colon, value = line.partition(":")
        if colon and key.strip() not in fields:
            fields[key.strip()] = value.strip()
    return fields


def cpu_name_from_cpuinfo(text):
    """The processor name in Linux's /proc/cpuinfo, on x86 and on ARM."""
    fields = cpuinfo_fields(text)
    if fields.get("model name"):  # x86, and some 32-bit ARM kernels
        return fields["model name"]
    if "CPU implementer" in fields and "CPU part" in fields:  # 64-bit ARM has no 'model name'
        try:
            implementer = int(fields["CPU implementer"], 16)
            part = int(fields["CPU part"], 16)
        except ValueError:
            return Unknown("unreadable 'CPU implementer' or 'CPU part' in /proc/cpuinfo")
        vendor = ARM_IMPLEMENTERS.get(implementer, f"implementer {implementer:#x}")
        return f"{vendor} {ARM_PARTS.get((implementer, part), f'part {part:#x}')}"
    return Unknown("/proc/cpuinfo has neither 'model name' nor 'CPU implementer'")


def windows_cpu_name(machine):
    """The registry value that Task Manager shows; PowerShell as a second way. No wmic."""
    winreg = machine.module("winreg")
    if winreg is not None:
        key_path = r"HARDWARE\DESCRIPTION\System\CentralProcessor\0"
        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key_path) as key:
                return winreg.QueryValueEx(key, "ProcessorNameString")[0].strip()
        except OSError:
            pass
    command = ["powershell", "-NoProfile", "-Command", "(Get-CimInstance Win32_Processor).Name"]
    name = safely(machine.run, command)
    if isinstance(name, Unknown) or not name.strip():
        return Unknown("no winreg value and no answer from PowerShell Get-CimInstance")
    return name.strip().splitlines()[0]


# --8<-- [end:cpu_name_helpers]
# --8<-- [start:cpu_name_dispatch]
def cpu_name(machine):
    system = machine.system()
    if system == "Linux":
        text = safely(machine.read_text, "/proc/cpuinfo")
        return text if isinstance(text, Unknown) else cpu_name_from_cpuinfo(text)
    if system == "Darwin":
        name = safely(machine.run, ["sysctl", "-n", "machdep.cpu.brand_string"])
        if isinstance(name, Unknown):
            return name
        return name.strip() or Unknown("sysctl printed an empty name")
    if system == "Windows":
        return windows_cpu_name(machine)
    return platform.processor() or Unknown(f"no method for the system {system!r}")


# --8<-- [end:cpu_name_dispatch]
# --8<-- [end:cpu_name]


# --8<-- [start:cores]
def physical_cores(psutil):
    if psutil is None:
        return Unknown("psutil is not installed: pip install psutil")
    cores = safely(psutil.cpu_count, logical=False)
    if cores is None:  # documented: psutil returns None when it cannot tell
        return Unknown("psutil.cpu_count(logical=False) returned None")
    return cores


def logical_cpus(machine):
    count = safely(machine.host_cpu_count)
    return Unknown("os.cpu_count() returned None") if count is None else count


def usable_cpus(machine):
    count = safely(machine.process_cpu_count)
    if count is None:
        return Unknown("this OS does not report which CPUs a process may use")
    return count


# --8<-- [end:cores]


# --8<-- [start:quota]
def quota_from_cpu_max(text):
    """cgroup v2 writes 'QUOTA PERIOD' (microseconds) in /sys/fs/cgroup/cpu.max; 'max' = no limit.

    '150000 100000' means 150 ms of CPU time in every 100 ms: 1.5 CPUs. Returns None for no limit.
    """
    quota, period = text.split()
    return None if quota == "max" else int(quota) / int(period)


def quota_from_cfs(quota_text, period_text):
    """cgroup v1 keeps the same two numbers in two files; a quota of -1 means no limit."""
    quota, period = int(quota_text), int(period_text)
    return None if quota < 0 else quota / period


def cpu_quota(machine):
    """The container's CPU limit in CPUs, None for no limit, or Unknown."""
    if machine.system() != "Linux":
        return Unknown("CPU quotas are read from Linux cgroups; this is not Linux")
    cpu_max = safely(machine.read_text, "/sys/fs/cgroup/cpu.max")  # cgroup v2
    if isinstance(cpu_max, str):
        return safely(quota_from_cpu_max, cpu_max)
    quota = safely(machine.read_text, "/sys/fs/cgroup/cpu/cpu.cfs_quota_us")  # cgroup v1
    period = safely(machine.read_text, "/sys/fs/cgroup/cpu/cpu.cfs_period_us")
    if isinstance(quota, str) and isinstance(period, str):
        return safely(quota_from_cfs, quota, period)
    return Unknown("no cgroup cpu.max or cpu.cfs_quota_us file to read")


# --8<-- [end:quota]


# --8<-- [start:clock]
def cpu_clock(psutil):
    """(current MHz, max MHz); either may be Unknown."""
    if psutil is None:
        unknown = Unknown("psutil is not installed: pip install psutil")
        return unknown, unknown
    if not hasattr(psutil, "cpu_freq"):
        unknown = Unknown("psutil has no cpu_freq() on this platform")
        return unknown, unknown
    freq = safely(psutil.cpu_freq)
    if freq is None:
        freq = Unknown("psutil.cpu_freq() returned None")
    if isinstance(freq, Unknown):
        return freq, freq
    # 0.0 is psutil's value for "not known". On Linux: the kernel has no cpufreq folder in
    # /sys (common in virtual machines), so psutil read /proc/cpuinfo, which has no max.
    not_known = Unknown("0.0, psutil's value for not known")
    current = round(freq.current) if freq.current else not_known
    maximum = round(freq.max) if freq.max else not_known
    return current, maximum


# --8<-- [end:clock]


def cpu_capability(torch):
    if torch is None:
        return Unknown("torch is not installed")
    return safely(torch.backends.cpu.get_cpu_capability)


def cpu_features(torch):
    """Instruction-set extensions that PyTorch's CPU kernels use, as detected by torch itself."""
    if torch is None:
        return Unknown("torch is not installed")
    if not hasattr(torch.cpu, "get_capabilities"):
        return Unknown("torch.cpu.get_capabilities() needs a newer PyTorch")
    capabilities = safely(torch.cpu.get_capabilities)
    if isinstance(capabilities, Unknown):
        return capabilities
    wanted = ["avx2", "avx512_f", "avx512_bf16", "amx_tile", "neon", "sve", "sve2", "bf16"]
    return [name for name in wanted if capabilities.get(name) is True]


def torch_threads(torch):
    """(intra-op threads, inter-op threads) that PyTorch uses on the CPU."""
    if torch is None:
        unknown = Unknown("torch is not installed")
        return unknown, unknown
    return safely(torch.get_num_threads), safely(torch.get_num_interop_threads)


def memory(psutil):
    """(total bytes, available bytes) of RAM."""
    if psutil is None:
        unknown = Unknown("psutil is not installed: pip install psutil")
        return unknown, unknown
    info = safely(psutil.virtual_memory)
    if isinstance(info, Unknown):
        return info, info
    return info.total, info.available


def limit_from_text(text):
    """v2 writes 'max' for no limit; v1 writes a huge number (close to 2**63)."""
    text = text.strip()
    return None if text == "max" or int(text) >= 2**60 else int(text)


def memory_limit(machine):
    """The container's memory limit in bytes, None for no limit, or Unknown."""
    if machine.system() != "Linux":
        return Unknown("memory limits are read from Linux cgroups; this is not Linux")
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        text = safely(machine.read_text, path)
        if isinstance(text, str):
            return safely(limit_from_text, text)
    return Unknown("no cgroup memory.max or memory.limit_in_bytes file to read")


# --8<-- [start:architectures]
# Compute capability -> (architecture, example GPUs). Source: NVIDIA's "CUDA GPU Compute
# Capability" pages (developer.nvidia.com/cuda-gpus and /cuda-legacy-gpus), November 2026.
ARCHITECTURES = {
    (7, 0): ("Volta", "V100, TITAN V"),
    (7, 2): ("Volta (Jetson)", "Jetson AGX Xavier, Xavier NX"),
    (7, 5): ("Turing", "T4, RTX 20 series (GTX 16 series: no tensor cores)"),
    (8, 0): ("Ampere", "A100, A30"),
    (8, 6): ("Ampere", "RTX 30 series, A40, A10, RTX A6000"),
    (8, 7): ("Ampere (Jetson)", "Jetson AGX Orin, Orin NX, Orin Nano"),
    (8, 9): ("Ada Lovelace", "RTX 40 series, L4, L40S, RTX 6000 Ada"),
    (9, 0): ("Hopper", "H100, H200, GH200"),
    (10, 0): ("Blackwell", "B200, GB200"),
    (10, 1): ("Blackwell (Jetson)", "Jetson Thor, as CUDA 12.x numbers it (11.0 from CUDA 13)"),
    (10, 3): ("Blackwell Ultra", "B300, GB300"),
    (11, 0): ("Blackwell (Jetson)", "Jetson T5000, T4000 (Thor)"),
    (12, 0): ("Blackwell", "RTX 50 series, RTX PRO Blackwell"),
    (12, 1): ("Blackwell", "GB10 (DGX Spark)"),
}


def architecture(capability):
    if capability in ARCHITECTURES:
        return ARCHITECTURES[capability][0]
    if capability < (7, 0):
        return Unknown(f"{capability[0]}.{capability[1]} is older than Volta (Pascal or earlier)")
    return Unknown(f"{capability[0]}.{capability[1]} is not in this table: a newer GPU?")


def number_formats(capability):
    """What the tensor cores of this generation compute fast, for training.

    Some cards have no tensor cores at all: the GTX 16 series (7.5) has none."""
    formats = []
    if capability >= (7, 0):
        formats.append("fp16")
    if capability >= (8, 0):
        formats += ["bf16", "tf32"]
    if capability >= (8, 9):
        formats.append("fp8")
    if capability >= (10, 0):
        formats.append("fp4")
    return formats


# --8<-- [end:architectures]


# --8<-- [start:gpus]
def torch_build(torch):
    """Which GPU platform this PyTorch was built for."""
    if torch is None:
        return Unknown("torch is not installed")
    if getattr(torch.version, "hip", None):
        return f"ROCm {torch.version.hip} (AMD GPUs, used through torch.cuda)"
    if torch.version.cuda:
        return f"CUDA {torch.version.cuda}"
    return "CPU only (torch.version.cuda is None)"


def cuda_gpus(torch):
    """A list with one dict per visible GPU, or Unknown with the reason there is none."""
    if torch is None:
        return Unknown("torch is not installed")
    is_rocm = bool(getattr(torch.version, "hip", None))
    if not (torch.version.cuda or is_rocm):
        return Unknown("this PyTorch build is CPU-only")
    available = safely(torch.cuda.is_available)
    if available is not True:
        return Unknown(
            "torch.cuda.is_available() is not True: no GPU, no driver, "
            "or a driver older than this PyTorch's CUDA"
        )
    count = safely(torch.cuda.device_count)
    if isinstance(count, Unknown):
        return count
    gpus = []
    for index in range(count):
        properties = safely(torch.cuda.get_device_properties, index)
        if isinstance(properties, Unknown):
            gpus.append({"index": index, "error": properties})
            continue
        gpus.append(
            {
                "index": index,
                "name": properties.name,
                "capability": (properties.major, properties.minor),
                "memory": properties.total_memory,
                "sms": properties.multi_processor_count,
                # On ROCm builds, major.minor is AMD's numbering: the NVIDIA table does not apply.
                "amd_arch": getattr(properties, "gcnArchName", "?") if is_rocm else None,
            }
        )
    return gpus


def apple_mps(torch):
    if torch is None:
        return Unknown("torch is not installed")
    mps = getattr(torch.backends, "mps", None)
    if mps is None:
        return Unknown("this PyTorch has no torch.backends.mps")
    return safely(mps.is_available)


# --8<-- [end:gpus]


# --8<-- [start:nvidia_smi]
NVIDIA_SMI_QUERY = [
    "nvidia-smi",
    "--query-gpu=name,memory.total,memory.used,driver_version,compute_cap",
    "--format=csv,noheader,nounits",
]


def parse_nvidia_smi(text):
    """One dict per line of: name, memory.total (MiB), memory.used (MiB), driver, compute_cap."""
    rows = []
    for line in text.strip().splitlines():
        name, total, used, driver, capability = [field.strip() for field in line.split(",")]
        rows.append(
            {
                "name": name,
                "total_mib": int(total),
                "used_mib": int(used),
                "driver": driver,
                "capability": capability,
            }
        )
    return rows


def nvidia_smi(machine):
    try:
        return parse_nvidia_smi(machine.run(NVIDIA_SMI_QUERY))
    except FileNotFoundError:
        return Unknown("nvidia-smi not found: no NVIDIA driver, or it is not on PATH")
    except subprocess.CalledProcessError as error:
        message = (error.stderr or error.stdout or "").strip().splitlines()
        return Unknown(f"nvidia-smi failed: {message[0] if message else error}")
    except Exception as error:  # a timeout, an unexpected format, ...
        return Unknown(f"{type(error).__name__}: {error}")


# --8<-- [end:nvidia_smi]


# --------------------------------------------------------------------------------------------------
# The report: each line is (label, value, what it means for training).


def gib(n_bytes):
    return n_bytes if isinstance(n_bytes, Unknown) else f"{n_bytes / 2**30:.1f} GiB"


def pair(first, second):
    """'a / b', or the reason once when both are unknown for the same reason."""
    return str(first) if first == second and isinstance(first, Unknown) else f"{first} / {second}"


def cpu_lines(machine, psutil, torch):
    name = cpu_name(machine)
    cores, logical = physical_cores(psutil), logical_cpus(machine)
    usable, quota = usable_cpus(machine), cpu_quota(machine)
    current, maximum = cpu_clock(psutil)
    intra, inter = torch_threads(torch)
    capability, features = cpu_capability(torch), cpu_features(torch)

    if isinstance(cores, int) and isinstance(logical, int) and logical > cores:
        smt = f"{logical} threads on {cores} cores (SMT): threads of one core share its math units"
    else:
        smt = "threads are what the OS schedules; cores are what does the math"
    if isinstance(quota, float):
        quota_text = f"{quota:g} CPUs"
        threads = max(1, math.floor(quota))
        quota_meaning = f"a container limit: call torch.set_num_threads({threads})"
    elif quota is None:
        quota_text, quota_meaning = "no limit", "no container CPU limit found"
    else:
        quota_text, quota_meaning = quota, "check the limit of your container or job by hand"
    if isinstance(intra, int) and isinstance(usable, int) and intra > usable:
        thread_meaning = f"more threads than usable CPUs: call torch.set_num_threads({usable})"
    else:
        thread_meaning = "intra-op threads split one big operation; a tiny model gains little"
    if isinstance(features, list):
        features = ", ".join(features) or "none of avx2/avx512/amx/neon/sve"
    return [
        ("CPU", name, "look the name up to learn its generation"),
        ("architecture", machine.architecture() or Unknown("platform.machine() is empty"),
         "x86_64/AMD64 or arm64/aarch64: PyTorch ships CPU wheels for both"),
        ("physical cores", cores, "PyTorch's default intra-op threads on x86 (MKL) builds"),
        ("logical CPUs", logical, smt),
        ("CPUs this process may use", usable, "size DataLoader num_workers and threads from this"),
        ("container CPU quota", quota_text, quota_meaning),
        ("clock now / max (MHz)", pair(current, maximum), "a hint only: it changes all the time"),
        ("torch threads intra / inter", pair(intra, inter), thread_meaning),
        ("torch CPU kernels", capability, "AVX512 > AVX2 > DEFAULT: wider vectors, faster math"),
        ("CPU features", features, "amx_tile speeds up bf16 matmuls; neon/sve are ARM's vectors"),
    ]


def memory_lines(machine, psutil):
    total, available = memory(psutil)
    limit = memory_limit(machine)
    limit_text = "no limit" if limit is None else gib(limit)
    return [
        ("RAM total / available", pair(gib(total), gib(available)),
         "data, model and optimizer state on the CPU must fit in this"),
        ("container memory limit", limit_text, "going past it kills the process (out of memory)"),
    ]


def accelerator_lines(machine, torch):
    gpus = cuda_gpus(torch)
    lines = [("torch build", torch_build(torch), "a CPU-only build never uses a GPU")]
    if isinstance(gpus, Unknown) or not gpus:
        lines.append(("CUDA GPUs", gpus or 0, "training runs on the CPU"))
    for gpu in [] if isinstance(gpus, Unknown) else gpus:
        label = f"GPU {gpu['index']}"
        if "error" in gpu:
            lines.append((label, gpu["error"], "PyTorch sees the GPU but cannot query it"))
            continue
        major, minor = gpu["capability"]
        formats = ", ".join(number_formats(gpu["capability"])) or "fp32 only"
        if gpu["capability"] == (7, 5):  # Turing, but not every Turing card has them
            formats += " (none on a GTX 16 series card)"
        if gpu["amd_arch"]:
            kind = (f"{label} architecture", gpu["amd_arch"],
                    "an AMD GPU: see AMD's ROCm documentation")
        else:
            kind = (f"{label} capability", f"{major}.{minor} = {architecture(gpu['capability'])}",
                    f"fast tensor-core formats: {formats}")
        lines += [
            (label, gpu["name"], f"{gpu['sms']} SMs (streaming multiprocessors) work in parallel"),
            kind,
            (f"{label} memory", gib(gpu["memory"]),
             "weights, gradients, optimizer state and activations must fit"),
        ]
    lines.append(("Apple MPS", apple_mps(torch), "True: use torch.device('mps')"))
    smi = nvidia_smi(machine)
    if isinstance(smi, Unknown):
        lines.append(("nvidia-smi", smi, "it also shows memory that other processes use"))
    for row in [] if isinstance(smi, Unknown) else smi:
        used = f"{row['name']}: {row['used_mib']} of {row['total_mib']} MiB used"
        lines.append(("nvidia-smi", f"{used}, driver {row['driver']}",
                      "used includes every process and its CUDA context"))
    return lines


# --8<-- [start:print_report]
def print_report(machine=None):
    machine = machine or Machine()
    psutil, torch = machine.module("psutil"), machine.module("torch")
    sections = [
        ("CPU", safely(cpu_lines, machine, psutil, torch)),
        ("Memory", safely(memory_lines, machine, psutil)),
        ("Accelerators", safely(accelerator_lines, machine, torch)),
    ]
    for title, lines in sections:
        print(f"== {title}")
        if isinstance(lines, Unknown):  # a bug in this file: still print the other sections
            lines = [("error", lines, "please report this")]
        for label, value, meaning in lines:
            print(f"{label + ':':29} {value}")
            print(f"{'':29}   -> {meaning}")


# --8<-- [end:print_report]


if __name__ == "__main__":
    print_report()

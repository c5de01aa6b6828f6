"""The hardware report on hostile machines: it must finish and say "unknown (reason)", never crash.

The report is imported by path, as a reader would download it. Each fake replaces one source of
facts: the Machine (files, commands, OS name, optional modules), psutil, or torch.cuda.
"""

from __future__ import annotations

import subprocess
import types

import pytest
import torch

from site_tools.page_process import run_script
from site_tools.paths import ROOT, load_snippet

REPORT_PATH = "snippets/hardware/hardware_report.py"

# /proc/cpuinfo of one core of an AWS Graviton2 (Neoverse-N1): 64-bit ARM has no 'model name'.
ARM_CPUINFO = """\
processor\t: 0
BogoMIPS\t: 243.75
Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc \
dcpop asimddp ssbs
CPU implementer\t: 0x41
CPU architecture: 8
CPU variant\t: 0x3
CPU part\t: 0xd0c
CPU revision\t: 1
"""

X86_CPUINFO = """\
processor\t: 0
vendor_id\t: GenuineIntel
cpu family\t: 6
model\t\t: 154
model name\t: 12th Gen Intel(R) Core(TM) i7-12700H
flags\t\t: fpu vme de pse avx avx2
"""


report = load_snippet(REPORT_PATH)


class FakeMachine(report.Machine):
    """A machine described by data: its files, its commands and its importable modules."""

    def __init__(
        self,
        system="Linux",
        files=None,
        commands=None,
        modules=None,
        architecture="x86_64",
        host_cpus=8,
        process_cpus=8,
    ):
        self._system = system
        self.files = {"/proc/cpuinfo": X86_CPUINFO} if files is None else files
        self.commands = commands or {}  # program name -> output, or an exception to raise
        self.modules = modules or {}  # name -> module, or None for "not installed"
        self._architecture = architecture
        self.host_cpus = host_cpus
        self.process_cpus = process_cpus

    def system(self):
        return self._system

    def architecture(self):
        return self._architecture

    def read_text(self, path):
        if path not in self.files:
            raise FileNotFoundError(2, "No such file or directory", path)
        return self.files[path]

    def run(self, args):
        result = self.commands.get(args[0])
        if result is None:
            raise FileNotFoundError(2, "No such file or directory", args[0])
        if isinstance(result, BaseException):
            raise result
        return result

    def module(self, name):
        if name in self.modules:
            return self.modules[name]
        if name == "winreg":
            return None
        return super().module(name)

    def host_cpu_count(self):
        return self.host_cpus

    def process_cpu_count(self):
        return self.process_cpus


def fake_psutil(**overrides):
    """A psutil whose answers are fixed; pass a function to override one of them."""
    frequency = types.SimpleNamespace(current=3200.0, min=800.0, max=4700.0)
    answers = {
        "cpu_count": lambda logical=True: 16 if logical else 8,
        "cpu_freq": lambda: frequency,
        "virtual_memory": lambda: types.SimpleNamespace(total=32 * 2**30, available=20 * 2**30),
    }
    answers.update(overrides)
    return types.SimpleNamespace(**{k: v for k, v in answers.items() if v is not None})


def report_text(machine, capsys):
    report.print_report(machine)
    return capsys.readouterr().out


def line(text, label):
    """The value printed after 'label:' in the report."""
    for row in text.splitlines():
        if row.startswith(label + ":"):
            return row[len(label) + 1 :].strip()
    raise AssertionError(f"no line {label!r} in:\n{text}")


# -- this machine ------------------------------------------------------------------------------


def test_report_runs_as_a_script_here():
    result = run_script(ROOT / REPORT_PATH, cwd=ROOT)
    assert result.returncode == 0, result.output
    for title in ("== CPU", "== Memory", "== Accelerators"):
        assert title in result.output
    assert "Traceback" not in result.output


def test_every_item_has_a_meaning_line(capsys):
    text = report_text(report.Machine(), capsys)
    rows = [row for row in text.splitlines() if not row.startswith("==")]
    values, meanings = rows[0::2], rows[1::2]
    assert len(values) == len(meanings)
    assert all("->" in row for row in meanings)


# -- psutil ------------------------------------------------------------------------------------


def test_cpu_freq_returning_none(capsys):
    machine = FakeMachine(modules={"psutil": fake_psutil(cpu_freq=lambda: None)})
    text = report_text(machine, capsys)
    assert "unknown (psutil.cpu_freq() returned None)" in line(text, "clock now / max (MHz)")


def test_cpu_freq_raising(capsys):
    def cpu_freq():
        raise NotImplementedError("can't find current frequency file")

    machine = FakeMachine(modules={"psutil": fake_psutil(cpu_freq=cpu_freq)})
    clock = line(report_text(machine, capsys), "clock now / max (MHz)")
    assert "unknown (NotImplementedError: can't find current frequency file)" in clock


def test_cpu_freq_missing_from_psutil(capsys):
    machine = FakeMachine(modules={"psutil": fake_psutil(cpu_freq=None)})
    clock = line(report_text(machine, capsys), "clock now / max (MHz)")
    assert "unknown (psutil has no cpu_freq() on this platform)" in clock


def test_cpu_freq_zero_in_a_virtual_machine(capsys):
    zero_max = types.SimpleNamespace(current=2445.4, min=0.0, max=0.0)
    machine = FakeMachine(modules={"psutil": fake_psutil(cpu_freq=lambda: zero_max)})
    clock = line(report_text(machine, capsys), "clock now / max (MHz)")
    assert clock == "2445 / unknown (0.0, psutil's value for not known)"


def test_physical_core_count_none(capsys):
    def cpu_count(logical=True):
        return 8 if logical else None

    machine = FakeMachine(modules={"psutil": fake_psutil(cpu_count=cpu_count)})
    text = report_text(machine, capsys)
    assert line(text, "physical cores") == "unknown (psutil.cpu_count(logical=False) returned None)"
    assert line(text, "logical CPUs") == "8"


def test_smt_is_explained_when_logical_exceeds_physical(capsys):
    machine = FakeMachine(host_cpus=16, modules={"psutil": fake_psutil()})
    text = report_text(machine, capsys)
    assert "16 threads on 8 cores (SMT)" in text


def test_psutil_not_installed(capsys):
    text = report_text(FakeMachine(modules={"psutil": None}), capsys)
    assert line(text, "physical cores") == "unknown (psutil is not installed: pip install psutil)"
    assert "unknown (psutil is not installed" in line(text, "RAM total / available")


def test_os_cpu_count_none(capsys):
    text = report_text(FakeMachine(host_cpus=None, process_cpus=None), capsys)
    assert line(text, "logical CPUs") == "unknown (os.cpu_count() returned None)"
    assert line(text, "CPUs this process may use").startswith("unknown (this OS does not report")


# -- the processor name ------------------------------------------------------------------------


def test_seed_code_breaks_on_arm():
    """The common one-liner assumes 'model name' exists: on 64-bit ARM it raises IndexError."""
    with pytest.raises(IndexError):
        ARM_CPUINFO.split("model name")[1].split(":")[1]


def test_arm_cpuinfo_without_model_name(capsys):
    machine = FakeMachine(files={"/proc/cpuinfo": ARM_CPUINFO}, architecture="aarch64")
    text = report_text(machine, capsys)
    assert line(text, "CPU") == "ARM Neoverse-N1"
    assert line(text, "architecture") == "aarch64"


def test_arm_cpuinfo_with_a_part_not_in_the_table():
    text = ARM_CPUINFO.replace("0xd0c", "0xd99").replace("0x41", "0x61")
    assert report.cpu_name_from_cpuinfo(text) == "Apple part 0xd99"


def test_cpuinfo_with_no_name_at_all(capsys):
    machine = FakeMachine(files={"/proc/cpuinfo": "processor\t: 0\nisa\t: rv64imafdc\n"})
    name = line(report_text(machine, capsys), "CPU")
    assert name == "unknown (/proc/cpuinfo has neither 'model name' nor 'CPU implementer')"


def test_cpuinfo_unreadable(capsys):
    name = line(report_text(FakeMachine(files={}), capsys), "CPU")
    assert name.startswith("unknown (FileNotFoundError:")


def test_macos_brand_string(capsys):
    machine = FakeMachine(system="Darwin", files={}, commands={"sysctl": "Apple M2\n"})
    text = report_text(machine, capsys)
    assert line(text, "CPU") == "Apple M2"
    assert line(text, "container CPU quota").startswith("unknown (CPU quotas are read from Linux")


def test_macos_without_sysctl(capsys):
    machine = FakeMachine(system="Darwin", files={})
    assert line(report_text(machine, capsys), "CPU").startswith("unknown (FileNotFoundError:")


def test_windows_without_wmic_winreg_or_powershell(capsys):
    """Recent Windows 11 has no wmic; here winreg is absent too and no program can be run."""
    machine = FakeMachine(
        system="Windows", files={}, modules={"winreg": None}, architecture="AMD64"
    )
    text = report_text(machine, capsys)
    assert line(text, "CPU") == (
        "unknown (no winreg value and no answer from PowerShell Get-CimInstance)"
    )
    assert "unknown (memory limits are read from Linux cgroups" in text


def test_windows_registry_name():
    class Key:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    winreg = types.SimpleNamespace(
        HKEY_LOCAL_MACHINE="HKLM",
        OpenKey=lambda root, path: Key(),
        QueryValueEx=lambda key, name: ("Intel(R) Core(TM) Ultra 7 155H  ", 1),
    )
    machine = FakeMachine(system="Windows", modules={"winreg": winreg})
    assert report.cpu_name(machine) == "Intel(R) Core(TM) Ultra 7 155H"


def test_windows_powershell_when_registry_fails():
    def open_key(root, path):
        raise OSError("access denied")

    winreg = types.SimpleNamespace(HKEY_LOCAL_MACHINE="HKLM", OpenKey=open_key)
    machine = FakeMachine(
        system="Windows",
        modules={"winreg": winreg},
        commands={"powershell": "AMD Ryzen 9 7950X 16-Core Processor\r\n"},
    )
    assert report.cpu_name(machine) == "AMD Ryzen 9 7950X 16-Core Processor"


# -- containers --------------------------------------------------------------------------------


def test_container_with_cpu_quota(capsys):
    files = {"/proc/cpuinfo": X86_CPUINFO, "/sys/fs/cgroup/cpu.max": "150000 100000\n"}
    text = report_text(FakeMachine(files=files, host_cpus=64, process_cpus=64), capsys)
    assert line(text, "container CPU quota") == "1.5 CPUs"
    assert "torch.set_num_threads(1)" in text


def test_cgroup_v2_without_limit(capsys):
    files = {"/proc/cpuinfo": X86_CPUINFO, "/sys/fs/cgroup/cpu.max": "max 100000\n"}
    assert line(report_text(FakeMachine(files=files), capsys), "container CPU quota") == "no limit"


def test_cgroup_v1_quota(capsys):
    files = {
        "/proc/cpuinfo": X86_CPUINFO,
        "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "400000\n",
        "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n",
    }
    text = report_text(FakeMachine(files=files), capsys)
    assert line(text, "container CPU quota") == "4 CPUs"
    assert "torch.set_num_threads(4)" in text


def test_garbled_cpu_max(capsys):
    files = {"/proc/cpuinfo": X86_CPUINFO, "/sys/fs/cgroup/cpu.max": "garbage\n"}
    quota = line(report_text(FakeMachine(files=files), capsys), "container CPU quota")
    assert quota.startswith("unknown (ValueError:")


def test_no_cgroup_files(capsys):
    text = report_text(FakeMachine(), capsys)
    assert line(text, "container CPU quota") == (
        "unknown (no cgroup cpu.max or cpu.cfs_quota_us file to read)"
    )


@pytest.mark.parametrize(
    ("content", "shown"),
    [("max\n", "no limit"), ("2147483648\n", "2.0 GiB"), ("9223372036854771712\n", "no limit")],
)
def test_container_memory_limit(capsys, content, shown):
    files = {"/proc/cpuinfo": X86_CPUINFO, "/sys/fs/cgroup/memory.max": content}
    assert line(report_text(FakeMachine(files=files), capsys), "container memory limit") == shown


def test_more_torch_threads_than_usable_cpus(capsys, monkeypatch):
    monkeypatch.setattr(torch, "get_num_threads", lambda: 32)
    text = report_text(FakeMachine(process_cpus=4), capsys)
    assert "more threads than usable CPUs: call torch.set_num_threads(4)" in text


# -- accelerators ------------------------------------------------------------------------------


def test_no_torch(capsys):
    text = report_text(FakeMachine(modules={"torch": None}), capsys)
    assert line(text, "torch build") == "unknown (torch is not installed)"
    assert line(text, "CUDA GPUs") == "unknown (torch is not installed)"
    assert line(text, "torch CPU kernels") == "unknown (torch is not installed)"


def test_no_cuda_on_a_cpu_only_build(capsys, monkeypatch):
    monkeypatch.setattr(torch.version, "cuda", None)
    monkeypatch.setattr(torch.version, "hip", None)
    text = report_text(FakeMachine(), capsys)
    assert line(text, "torch build") == "CPU only (torch.version.cuda is None)"
    assert line(text, "CUDA GPUs") == "unknown (this PyTorch build is CPU-only)"
    assert line(text, "nvidia-smi") == (
        "unknown (nvidia-smi not found: no NVIDIA driver, or it is not on PATH)"
    )


def raise_no_driver(*args, **kwargs):
    raise RuntimeError("Found no NVIDIA driver on your system.")


def test_cuda_build_without_driver(capsys, monkeypatch):
    """torch.version.cuda is set, but is_available() is False and every query raises."""
    monkeypatch.setattr(torch.version, "cuda", "12.8")
    monkeypatch.setattr(torch.version, "hip", None)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    for name in ("device_count", "get_device_name", "get_device_properties"):
        monkeypatch.setattr(torch.cuda, name, raise_no_driver)
    text = report_text(FakeMachine(), capsys)
    assert line(text, "torch build") == "CUDA 12.8"
    assert line(text, "CUDA GPUs").startswith("unknown (torch.cuda.is_available() is not True")


def test_cuda_is_available_raising(capsys, monkeypatch):
    monkeypatch.setattr(torch.version, "cuda", "12.8")
    monkeypatch.setattr(torch.cuda, "is_available", raise_no_driver)
    text = report_text(FakeMachine(), capsys)
    assert line(text, "CUDA GPUs").startswith("unknown (torch.cuda.is_available() is not True")


def test_gpu_visible_but_properties_raise(capsys, monkeypatch):
    monkeypatch.setattr(torch.version, "cuda", "12.8")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    monkeypatch.setattr(torch.cuda, "get_device_properties", raise_no_driver)
    text = report_text(FakeMachine(), capsys)
    assert line(text, "GPU 0") == "unknown (RuntimeError: Found no NVIDIA driver on your system.)"


def fake_gpu(monkeypatch, capability, name="Fake GPU", memory=24 * 2**30, sms=128, **extra):
    properties = types.SimpleNamespace(
        **extra,
        name=name,
        major=capability[0],
        minor=capability[1],
        total_memory=memory,
        multi_processor_count=sms,
    )
    monkeypatch.setattr(torch.version, "cuda", "12.8")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    monkeypatch.setattr(torch.cuda, "get_device_properties", lambda index: properties)


def test_a_gpu_is_described(capsys, monkeypatch):
    """No GPU here: a faked one checks the GPU lines of the report."""
    fake_gpu(monkeypatch, (8, 6))
    smi = "Fake GPU, 24576, 512, 570.00, 8.6\n"
    text = report_text(FakeMachine(commands={"nvidia-smi": smi}), capsys)
    assert line(text, "GPU 0") == "Fake GPU"
    assert "128 SMs" in text
    assert line(text, "GPU 0 capability") == "8.6 = Ampere"
    assert "fast tensor-core formats: fp16, bf16, tf32" in text
    assert line(text, "GPU 0 memory") == "24.0 GiB"
    assert line(text, "nvidia-smi") == "Fake GPU: 512 of 24576 MiB used, driver 570.00"


def test_turing_says_that_gtx_16_cards_have_no_tensor_cores(capsys, monkeypatch):
    fake_gpu(monkeypatch, (7, 5), name="NVIDIA GeForce GTX 1660 SUPER")
    text = report_text(FakeMachine(), capsys)
    assert line(text, "GPU 0 capability") == "7.5 = Turing"
    assert "fast tensor-core formats: fp16 (none on a GTX 16 series card)" in text


def test_a_gpu_newer_than_the_table(capsys, monkeypatch):
    fake_gpu(monkeypatch, (13, 0))
    text = report_text(FakeMachine(), capsys)
    assert line(text, "GPU 0 capability") == (
        "13.0 = unknown (13.0 is not in this table: a newer GPU?)"
    )


def test_a_rocm_gpu_is_not_looked_up_in_the_nvidia_table(capsys, monkeypatch):
    fake_gpu(monkeypatch, (9, 4), gcnArchName="gfx942:sramecc+:xnack-")
    monkeypatch.setattr(torch.version, "hip", "6.4.43482")
    text = report_text(FakeMachine(), capsys)
    assert line(text, "GPU 0 architecture") == "gfx942:sramecc+:xnack-"
    assert "capability" not in text


def test_cuda_available_with_no_device(capsys, monkeypatch):
    monkeypatch.setattr(torch.version, "cuda", "12.8")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 0)
    assert line(report_text(FakeMachine(), capsys), "CUDA GPUs") == "0"


def test_a_bug_in_one_section_does_not_stop_the_others(capsys, monkeypatch):
    def broken(*args):
        raise KeyError("oops")

    monkeypatch.setattr(report, "cpu_lines", broken)
    text = report_text(FakeMachine(), capsys)
    assert line(text, "error") == "unknown (KeyError: 'oops')"
    assert "== Accelerators" in text


def test_nvidia_smi_failing(capsys):
    error = subprocess.CalledProcessError(
        9,
        ["nvidia-smi"],
        stderr="NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n",
    )
    text = report_text(FakeMachine(commands={"nvidia-smi": error}), capsys)
    assert line(text, "nvidia-smi").startswith("unknown (nvidia-smi failed: NVIDIA-SMI has failed")


def test_nvidia_smi_unexpected_output(capsys):
    text = report_text(FakeMachine(commands={"nvidia-smi": "[N/A]\n"}), capsys)
    assert line(text, "nvidia-smi").startswith("unknown (ValueError:")


def test_rocm_build(capsys, monkeypatch):
    monkeypatch.setattr(torch.version, "hip", "6.4.43482")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    text = report_text(FakeMachine(), capsys)
    assert line(text, "torch build").startswith("ROCm 6.4.43482")


# -- the compute capability table --------------------------------------------------------------


@pytest.mark.parametrize(
    ("capability", "name"),
    [  # one row per major version
        ((7, 0), "Volta"),
        ((7, 2), "Volta (Jetson)"),
        ((7, 5), "Turing"),
        ((8, 0), "Ampere"),
        ((8, 6), "Ampere"),
        ((8, 7), "Ampere (Jetson)"),
        ((8, 9), "Ada Lovelace"),
        ((9, 0), "Hopper"),
        ((10, 0), "Blackwell"),
        ((10, 1), "Blackwell (Jetson)"),
        ((10, 3), "Blackwell Ultra"),
        ((11, 0), "Blackwell (Jetson)"),
        ((12, 0), "Blackwell"),
        ((12, 1), "Blackwell"),
    ],
)
def test_architecture_table(capability, name):
    assert report.architecture(capability) == name


def test_number_formats_by_generation():
    assert report.number_formats((6, 1)) == []
    assert report.number_formats((7, 5)) == ["fp16"]
    assert report.number_formats((8, 0)) == ["fp16", "bf16", "tf32"]
    assert report.number_formats((8, 7)) == ["fp16", "bf16", "tf32"]
    assert report.number_formats((8, 9)) == ["fp16", "bf16", "tf32", "fp8"]
    assert report.number_formats((12, 0)) == ["fp16", "bf16", "tf32", "fp8", "fp4"]

import subprocess

# /proc/cpuinfo of an ARM server (an AWS Graviton2), first lines. 64-bit ARM Linux
# writes no 'model name' line: it names the design with two hexadecimal codes.
ARM_CPUINFO = """\
processor\t: 0
BogoMIPS\t: 243.75
Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm
CPU implementer\t: 0x41
CPU architecture: 8
CPU variant\t: 0x3
CPU part\t: 0xd0c
CPU revision\t: 1
"""

# The common one-liner: take the text after the first 'model name'.
try:
    name = ARM_CPUINFO.split("model name")[1].split(":")[1].split("\n")[0].strip()
except IndexError as error:
    print("on ARM Linux:", type(error).__name__, "-", error)

# The common Windows way: a program that recent Windows 11 no longer installs.
try:
    subprocess.check_output(["wmic", "cpu", "get", "Name"])
except FileNotFoundError as error:
    print("without wmic:", type(error).__name__)

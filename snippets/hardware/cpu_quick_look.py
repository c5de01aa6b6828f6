import os
import platform

print("platform.system():   ", platform.system())
print("platform.machine():  ", platform.machine())
print("platform.processor():", repr(platform.processor()))
print("os.cpu_count():      ", os.cpu_count())

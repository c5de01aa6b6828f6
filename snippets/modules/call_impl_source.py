# ruff: noqa: E402 - each section is a block of its own on a page and starts with its own imports
# --8<-- [start:alias]
from torch import nn

# nn.Module.__call__ is not written as "def __call__": the class says __call__ = _wrapped_call_impl.
print("__call__ is _wrapped_call_impl:", nn.Module.__call__ is nn.Module._wrapped_call_impl)
# --8<-- [end:alias]

# --8<-- [start:source]
import inspect
import re

wrapped = inspect.getsource(nn.Module._wrapped_call_impl)
print("_wrapped_call_impl calls _call_impl:", "self._call_impl(*args, **kwargs)" in wrapped)
print("unless module.compile() was used:", "self._compiled_call_impl(*args, **kwargs)" in wrapped)

impl = inspect.getsource(nn.Module._call_impl)
tracing_choice = "self._slow_forward if torch._C._get_tracing_state() else self.forward"
print("forward_call is self.forward (unless torch.jit.trace is recording):", tracing_choice in impl)

# The fast path: if none of these hook registries holds a hook, forward runs at once.
fast_path_check = impl[impl.index("if not (") : impl.index("return forward_call(")]
checked = re.findall(r"[\w.]*_hooks\b", fast_path_check)
print("fast path checks the module's:", ", ".join(n for n in checked if n.startswith("self.")))
print("and the global ones:", ", ".join(n for n in checked if not n.startswith("self.")))

# Where each step stands in the source of _call_impl, in the order in which it appears there.
steps = {
    "fast path: no hooks at all, return forward_call(...)": "return forward_call(*args, **kwargs)",
    "forward pre-hooks, global ones first": "*_global_forward_pre_hooks.items()",
    "backward hooks: wrap the input tensors": "bw_hook.setup_input_hook(args)",
    "forward itself": "result = forward_call(*args, **kwargs)",
    "forward hooks, global ones first": "*_global_forward_hooks.items()",
    "backward hooks: wrap the output tensors": "bw_hook.setup_output_hook(result)",
    "on an exception: always_call forward hooks": "except Exception:",
}
for number, step in enumerate(sorted(steps, key=lambda s: impl.index(steps[s])), start=1):
    print(f"{number}. {step}")
# --8<-- [end:source]

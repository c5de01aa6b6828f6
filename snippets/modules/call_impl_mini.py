# ruff: noqa: E402 - each section is a block of its own on a page and starts with its own imports
# --8<-- [start:model]
import torch
from torch import nn
from torch.nn.modules.module import (
    register_module_forward_hook,
    register_module_forward_pre_hook,
    register_module_full_backward_hook,
    register_module_full_backward_pre_hook,
)

events = []  # every hook and forward appends a line here


class Scale(nn.Module):
    """y = w * x + shift: one tensor in, one tensor out, and a keyword argument."""

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.tensor([2.0, 3.0]))

    def forward(self, x, shift=0.0):
        events.append(f"forward(shift={shift})")
        return self.w * x + shift


# --8<-- [end:model]
# --8<-- [start:hooks]
def note(text):
    """A hook of any kind that only records that it ran (it returns None: nothing is changed)."""
    return lambda *hook_args: events.append(text)


def set_shift(module, args, kwargs):
    events.append("forward pre-hook with kwargs: shift 0.5 -> 1.0")
    return args, {**kwargs, "shift": 1.0}  # a with_kwargs pre-hook returns (args, kwargs)


def add_hooks(model):
    """One hook of each kind, registered in this order. Returns their handles."""
    return [
        model.register_full_backward_hook(note("full backward hook")),
        model.register_full_backward_pre_hook(note("full backward pre-hook")),
        model.register_forward_hook(note("forward hook")),
        model.register_forward_hook(note("forward hook with kwargs"), with_kwargs=True),
        model.register_forward_pre_hook(note("forward pre-hook A")),
        model.register_forward_pre_hook(note("forward pre-hook B (prepend=True)"), prepend=True),
        model.register_forward_pre_hook(set_shift, with_kwargs=True),
        register_module_full_backward_hook(note("global full backward hook")),
        register_module_full_backward_pre_hook(note("global full backward pre-hook")),
        register_module_forward_hook(note("global forward hook")),
        register_module_forward_pre_hook(note("global forward pre-hook")),
    ]


# --8<-- [end:hooks]
# --8<-- [start:torch_order]
model = Scale()
handles = add_hooks(model)
x = torch.tensor([1.0, 1.0], requires_grad=True)  # so that grad_input holds a tensor

y = model(x, shift=0.5)  # torch's own Module.__call__
events.append("--- y.sum().backward()")
y.sum().backward()
torch_events, torch_y, torch_grads = events.copy(), y.detach(), (x.grad, model.w.grad)
print("\n".join(torch_events))
# --8<-- [end:torch_order]


# --8<-- [start:mini]
from torch.nn.modules import module as registry  # where torch keeps the global hooks


class Tap(torch.autograd.Function):
    """The identity going forward; going backward, hands the gradient to `on_grad`."""

    @staticmethod
    def forward(ctx, tensor, on_grad):
        ctx.on_grad = on_grad
        return tensor.view_as(tensor)

    @staticmethod
    def backward(ctx, grad):
        return ctx.on_grad(grad), None


def mini_call(module, *args, **kwargs):
    """Module.__call__ in short: one tensor in, one tensor out, full backward hooks only."""
    pre = [*registry._global_forward_pre_hooks.items(), *module._forward_pre_hooks.items()]
    post = [*registry._global_forward_hooks.items(), *module._forward_hooks.items()]
    bw_pre = [*registry._global_backward_pre_hooks.values(), *module._backward_pre_hooks.values()]
    bw = [*registry._global_backward_hooks.values(), *module._backward_hooks.values()]
    if not (pre or post or bw_pre or bw):
        return module.forward(*args, **kwargs)  # 1. the fast path
    post_kwargs = {
        **registry._global_forward_hooks_with_kwargs, **module._forward_hooks_with_kwargs
    }
    always = {
        **registry._global_forward_hooks_always_called, **module._forward_hooks_always_called
    }
    ran, result, grads = set(), None, {}
    try:
        for hook_id, hook in pre:  # 2. forward pre-hooks: may replace the inputs
            if hook_id in module._forward_pre_hooks_with_kwargs:
                new = hook(module, args, kwargs)
                args, kwargs = (args, kwargs) if new is None else new
            else:
                new = hook(module, args)
                args = args if new is None else new if isinstance(new, tuple) else (new,)

        def on_grad_input(grad):  # backward: full backward hooks see grad_input
            for hook in bw:
                new = hook(module, (grad,), grads["output"])
                grad = grad if new is None else new[0]
            return grad

        def on_grad_output(grad):  # backward: pre-hooks see grad_output first
            grads["output"] = (grad,)
            for hook in bw_pre:
                new = hook(module, grads["output"])
                grads["output"] = grads["output"] if new is None else new
            if not args[0].requires_grad:  # no grad_input will come: report None now
                for hook in bw:
                    hook(module, (None,), grads["output"])
            return grads["output"][0]

        if bw_pre or bw:  # 3. wrap the input
            args = (Tap.apply(args[0], on_grad_input), *args[1:])
        result = module.forward(*args, **kwargs)  # 4. forward
        for hook_id, hook in post:  # 5. forward hooks: may replace the output
            ran.add(hook_id)
            if hook_id in post_kwargs:
                new = hook(module, args, kwargs, result)
            else:
                new = hook(module, args, result)
            result = result if new is None else new
        if bw_pre or bw:  # 6. wrap the output
            result = Tap.apply(result, on_grad_output)
        return result
    except Exception:
        for hook_id, hook in post:  # 7. forward failed: always_call hooks still run
            if hook_id in always and hook_id not in ran:
                hook(module, args, result)
        raise


# --8<-- [end:mini]
# --8<-- [start:compare]
events.clear()
x.grad, model.w.grad = None, None
y = mini_call(model, x, shift=0.5)  # the same model, the same hooks
events.append("--- y.sum().backward()")
y.sum().backward()
print("same events:", events == torch_events)
print("same output:", torch.equal(y, torch_y))
same_grads = torch.equal(x.grad, torch_grads[0]) and torch.equal(model.w.grad, torch_grads[1])
print("same gradients:", same_grads)

for handle in handles:  # global hooks would fire for every module from now on
    handle.remove()
events.clear()
print("no hooks left, same result:", torch.equal(mini_call(model, x), model(x)), events)
# --8<-- [end:compare]

# --8<-- [start:always_call]


class Broken(nn.Module):
    def forward(self, x):
        events.append("forward raises")
        raise ValueError("bad input")


broken = Broken()
broken.register_forward_hook(note("forward hook"))
broken.register_forward_hook(note("forward hook, always_call=True"), always_call=True)
for call in (broken, lambda x: mini_call(broken, x)):
    events.clear()
    try:
        call(torch.zeros(1))
    except ValueError as error:
        events.append(f"caller sees ValueError: {error}")
    print(events)
# --8<-- [end:always_call]

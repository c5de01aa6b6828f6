# ruff: noqa: E402 - each section is a block of its own on a page and starts with its own imports
# --8<-- [start:reasons]
import ast
import inspect
import textwrap

import torch
from torch import nn

torch.manual_seed(0)
attn = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True)
calls = []
handle = attn.out_proj.register_forward_hook(lambda module, args, output: calls.append("out_proj"))
x = torch.randn(1, 3, 8)
attn(x, x, x)
handle.remove()
print("out_proj is a child:", "out_proj" in dict(attn.named_children()))
print("out_proj hook calls:", len(calls))  # forward reads out_proj.weight, never calls out_proj

# TransformerEncoderLayer.forward sets why_not_sparsity_fast_path to a reason when it cannot take
# its fused fast path. Print every reason written in its source, in source order.
source = textwrap.dedent(inspect.getsource(nn.TransformerEncoderLayer.forward))
reasons = [
    node for node in ast.walk(ast.parse(source))
    if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "why_not_sparsity_fast_path"
]
print("no fast path when:")
for node in sorted(reasons, key=lambda node: node.lineno)[1:]:  # [0] is the empty start value
    print("  " + ast.unparse(node.value))
# --8<-- [end:reasons]

# --8<-- [start:global]
from torch.nn.modules.module import register_module_forward_hook

layer = nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, batch_first=True)
layer.eval()  # eval() and no_grad() below: the fast path is allowed
seen = []


def see(module, args, output):
    seen.append(type(module).__name__)


with register_module_forward_hook(see), torch.no_grad():
    layer(x)
    print("global hook only:   ", seen)
    seen.clear()
    with layer.norm1.register_forward_hook(lambda module, args, output: None):
        layer(x)  # a hook inside the layer: no fast path, every child is called
    print("plus a hook on norm1:", seen)
# --8<-- [end:global]

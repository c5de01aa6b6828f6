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
print("out_proj hook calls:", len(calls))  # forward uses attn.out_proj.weight, never attn.out_proj(...)

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

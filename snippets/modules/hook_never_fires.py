import inspect

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

# TransformerEncoderLayer has a fused fast path, and it is turned off when a hook is attached:
source = inspect.getsource(nn.TransformerEncoderLayer.forward)
print("fast path checks for hooks:", "forward pre-/hooks are attached to the module" in source)

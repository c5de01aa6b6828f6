# --8<-- [start:encoder]
import torch
from torch import nn

torch.manual_seed(0)
layer = nn.TransformerEncoderLayer(d_model=16, nhead=4, dim_feedforward=32, batch_first=True)
encoder = nn.TransformerEncoder(layer, num_layers=3)  # three copies of `layer`
encoder.eval()  # switches off the Dropout inside each layer
tokens = torch.randn(2, 5, 16)  # 2 sequences, 5 tokens each, 16 features per token
# --8<-- [end:encoder]

# --8<-- [start:capture]
features = {}


def save_output(name):
    def hook(module, args, output):
        features[name] = output.detach()  # keep a copy that holds no autograd graph

    return hook


handles = [
    block.register_forward_hook(save_output(f"layers.{i}"))
    for i, block in enumerate(encoder.layers)
]
with torch.no_grad():
    encoded = encoder(tokens)
for handle in handles:
    handle.remove()

for name, feature in features.items():
    print(name, tuple(feature.shape))
print("layers.2 output is the encoder output:", torch.equal(features["layers.2"], encoded))
sentence_vectors = features["layers.1"].mean(dim=1)  # one vector per sequence
print("mean-pooled layers.1:", tuple(sentence_vectors.shape))
# --8<-- [end:capture]

# --8<-- [start:attention]
attention = {}


def ask_for_weights(module, args, kwargs):
    # The encoder layer calls self_attn(x, x, x, ..., need_weights=False); ask for them instead.
    return args, {**kwargs, "need_weights": True}


def save_weights(name):
    def hook(module, args, output):
        attention[name] = output[1]  # MultiheadAttention returns (output, weights)

    return hook


handles = []
for i, block in enumerate(encoder.layers):
    attn = block.self_attn
    handles.append(attn.register_forward_pre_hook(ask_for_weights, with_kwargs=True))
    handles.append(attn.register_forward_hook(save_weights(f"layers.{i}.self_attn")))
with torch.no_grad():
    out_again = encoder(tokens)
for handle in handles:
    handle.remove()

for name, weights in attention.items():
    rows_sum_to_one = torch.allclose(weights.sum(dim=-1), torch.ones(2, 5))
    print(name, tuple(weights.shape), "rows sum to 1:", rows_sum_to_one)
print("encoder output unchanged:", torch.allclose(out_again, encoded, atol=1e-6))
# --8<-- [end:attention]

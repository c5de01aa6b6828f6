import torch
from torch import nn


class Holder(nn.Module):
    def __init__(self):
        super().__init__()
        self.param = nn.Parameter(torch.zeros(2))  # trained
        self.register_buffer("saved_buffer", torch.zeros(2))  # state, not trained
        self.register_buffer("scratch_buffer", torch.zeros(2), persistent=False)  # not saved
        self.plain = torch.zeros(2)  # invisible to the module


holder = Holder().to(torch.float64)
parameters = dict(holder.named_parameters())
buffers = dict(holder.named_buffers())
state = holder.state_dict()
print(f"{'attribute':15} {'parameters()':13} {'buffers()':10} {'state_dict()':13} .to(float64)")
for attribute in ["param", "saved_buffer", "scratch_buffer", "plain"]:
    converted = getattr(holder, attribute).dtype == torch.float64
    print(f"{attribute:15} {str(attribute in parameters):13} {str(attribute in buffers):10} "
          f"{str(attribute in state):13} {converted}")

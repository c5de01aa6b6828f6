# --8<-- [start:classes]
import torch
from torch import nn


class ConvBlock(nn.Module):
    """A 3x3 convolution followed by ReLU: a reusable piece of a CNN."""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3)
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.conv(x))


class MyCNN(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv_block = ConvBlock(3, 16)
        # A 3x3 convolution without padding turns a 32x32 image into 30x30.
        self.fc = nn.Linear(16 * 30 * 30, num_classes)

    def forward(self, x):
        x = self.conv_block(x)  # ConvBlock.__call__ -> ConvBlock.forward
        x = x.flatten(1)  # keep the batch dimension, flatten the rest
        return self.fc(x)  # Linear.__call__ -> Linear.forward


# --8<-- [end:classes]
# --8<-- [start:model]
torch.manual_seed(0)
model = MyCNN()
images = torch.randn(4, 3, 32, 32)  # a batch of 4 RGB images, 32x32
print("output:", tuple(model(images).shape))
print("children:", [name for name, _ in model.named_children()])
print("parameters:", sum(p.numel() for p in model.parameters()))
# --8<-- [end:model]

# --8<-- [start:trace]
names = {module: name or "model" for name, module in model.named_modules()}
depth = [0]  # how many modules are running right now


def enter(module, args):
    print("  " * depth[0] + f"-> {names[module]} ({type(module).__name__})")
    depth[0] += 1


def leave(module, args, output):
    depth[0] -= 1
    print("  " * depth[0] + f"<- {names[module]} {tuple(output.shape)}")


handles = []
for module in model.modules():
    handles.append(module.register_forward_pre_hook(enter))
    handles.append(module.register_forward_hook(leave))
logits = model(images)
for handle in handles:
    handle.remove()
# --8<-- [end:trace]

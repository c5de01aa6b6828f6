from torch import nn

bn_net = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4))
bn_net[0].bias.requires_grad_(False)  # a frozen parameter is still a parameter
print("parameters():", [name for name, _ in bn_net.named_parameters()])
print("buffers():   ", [name for name, _ in bn_net.named_buffers()])
print("state_dict():", list(bn_net.state_dict()))

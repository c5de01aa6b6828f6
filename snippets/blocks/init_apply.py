# --8<-- [start:normal]
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))


def init_normal(m):
    if isinstance(m, nn.Linear):  # apply visits every module, ReLU and net itself included
        nn.init.normal_(m.weight, mean=0, std=0.01)
        nn.init.zeros_(m.bias)


net.apply(init_normal)
print(net[0].weight[0].detach().numpy().round(4), net[0].bias[0].item())
# --8<-- [end:normal]


# --8<-- [start:per_layer]
nn.init.xavier_uniform_(net[0].weight)  # a different rule for each layer
nn.init.constant_(net[2].weight, 42)
print(net[0].weight[0].detach().numpy().round(4))
print(net[2].weight.detach().numpy())
# --8<-- [end:per_layer]


# --8<-- [start:symmetry]
net(torch.randn(10, 4)).sum().backward()
print(net[2].weight.grad.numpy().round(3))  # 8 equal weights, not 8 equal gradients
# --8<-- [end:symmetry]


# --8<-- [start:all_constant]
def init_constant(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 0.5)
        nn.init.zeros_(m.bias)


torch.manual_seed(0)
tied_start = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
tied_start.apply(init_constant)  # every layer constant: nothing tells the hidden units apart
optimizer = torch.optim.SGD(tied_start.parameters(), lr=0.01)
for _ in range(10):
    optimizer.zero_grad()
    tied_start(torch.randn(16, 4)).pow(2).mean().backward()
    optimizer.step()
hidden = tied_start[0].weight  # one row per hidden unit
print("after 10 steps, 8 equal hidden units:", torch.allclose(hidden, hidden[0].expand(8, 4)))
# --8<-- [end:all_constant]


# --8<-- [start:visited]
visited = []
net.apply(lambda m: visited.append(type(m).__name__))
print(visited)  # children first, the module itself last
# --8<-- [end:visited]

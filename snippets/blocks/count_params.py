from torch import nn

# the shared-layer network of the page
shared = nn.Linear(8, 8)
net = nn.Sequential(
    nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(), nn.Linear(8, 1)
)

# --8<-- [start:count]
def count_parameters(model, trainable_only=False):
    # parameters() yields each Parameter once, even when the model uses it twice
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


print("parameters():          ", count_parameters(net))
print("state_dict():          ", sum(t.numel() for t in net.state_dict().values()))
every_place = net.named_parameters(remove_duplicate=False)  # the shared layer twice
print("remove_duplicate=False:", sum(p.numel() for _, p in every_place))

bn_net = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4))
bn_net[0].requires_grad_(False)
print("with BatchNorm:", count_parameters(bn_net), "parameters,",
      count_parameters(bn_net, trainable_only=True), "trainable,",
      sum(t.numel() for t in bn_net.state_dict().values()), "numbers in state_dict")
# --8<-- [end:count]

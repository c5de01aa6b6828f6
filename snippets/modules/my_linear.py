import torch


class MyLinear:
    """A toy fully connected layer: y = x @ W.T + b, called like a function."""

    def __init__(self, in_features, out_features):
        self.weight = torch.randn(out_features, in_features)
        self.bias = torch.randn(out_features)

    def forward(self, x):
        return x @ self.weight.T + self.bias

    def __call__(self, x):
        return self.forward(x)


torch.manual_seed(0)
my_fc = MyLinear(3, 2)
x = torch.tensor([[1.0, 2.0, 3.0]])
print(my_fc(x))

# torch's nn.Linear computes the same thing when it holds the same numbers.
fc = torch.nn.Linear(3, 2)
with torch.no_grad():
    fc.weight.copy_(my_fc.weight)
    fc.bias.copy_(my_fc.bias)
print(torch.allclose(fc(x), my_fc(x)))

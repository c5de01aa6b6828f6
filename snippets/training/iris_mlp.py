# The Iris classifier used by the training pages: data preparation and a 4-10-3 MLP.
# ruff: noqa: E402 - each section is a block of its own on a page and starts with its own imports
# --8<-- [start:data]
import torch
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler

iris = load_iris()
X_train, X_test, y_train, y_test = train_test_split(
    iris.data, iris.target, test_size=0.2, random_state=42
)
scaler = MinMaxScaler()  # fit on the training set only, then apply the same scaling to the test set
X_train = torch.tensor(scaler.fit_transform(X_train), dtype=torch.float32)
X_test = torch.tensor(scaler.transform(X_test), dtype=torch.float32)
y_train = torch.tensor(y_train, dtype=torch.long)  # class indices, as CrossEntropyLoss expects
y_test = torch.tensor(y_test, dtype=torch.long)
# --8<-- [end:data]

# --8<-- [start:model]
from torch import nn


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 10)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(10, 3)  # no softmax: CrossEntropyLoss works on raw scores (logits)

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))
# --8<-- [end:model]


if __name__ == "__main__":
    print(X_train.shape, y_train.shape, X_test.shape, y_test.shape)
    print(MLP())

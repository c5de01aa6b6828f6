# --8<-- [start:log_softmax]
import math

import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
logits = torch.randn(4, 3)  # raw scores: 4 samples, 3 classes
labels = torch.tensor([0, 2, 1, 0])  # class indices, dtype torch.int64 ("long")
criterion = nn.CrossEntropyLoss()

# CrossEntropyLoss is log_softmax followed by the negative log-likelihood: log-softmax is inside.
by_hand = F.nll_loss(F.log_softmax(logits, dim=1), labels)
print("same as log_softmax + nll_loss:", torch.allclose(criterion(logits, labels), by_hand))

# So a softmax at the end of the model is applied twice. Then even a perfect, confident
# answer cannot push the loss below log(1 + 2/e) for 3 classes.
perfect = torch.tensor([[100.0, 0.0, 0.0]])
print("logits:           ", round(criterion(perfect, torch.tensor([0])).item(), 4))
print("softmax, then CE: ", round(criterion(perfect.softmax(dim=1), torch.tensor([0])).item(), 4))
print("log(1 + 2/e):     ", round(math.log(1 + 2 / math.e), 4))
# --8<-- [end:log_softmax]

# --8<-- [start:targets]
# Class indices must be int64 ("long"); uint8 is accepted too, other integer types are not.
for dtype in [torch.int32, torch.uint8]:
    try:
        same = torch.equal(criterion(logits, labels.to(dtype)), criterion(logits, labels))
        print(f"{dtype}: accepted, same loss: {same}")
    except RuntimeError as error:
        print(f"{dtype}: RuntimeError: {error}")

# A float target is accepted only as class probabilities, one value per class: the same shape
# as the scores. A float vector of class numbers is rejected.
try:
    criterion(logits, labels.float())
except RuntimeError as error:
    print("RuntimeError:", error)
one_hot = F.one_hot(labels, num_classes=3).float()  # shape (4, 3): probabilities 0 or 1
same = torch.allclose(criterion(logits, one_hot), criterion(logits, labels))
print("one-hot probabilities give the same loss:", same)
# --8<-- [end:targets]

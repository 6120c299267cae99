"""Chapter 13 exercises: the answers, run and checked like every other block."""

# --8<-- [start:count-parameters]
from torch import nn

for hidden_size in [16, 32]:
    # the layers of IrisClassifier: 4 features in, 3 logits out
    model = nn.Sequential(nn.Linear(4, hidden_size), nn.Sigmoid(), nn.Linear(hidden_size, 3))
    num_params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print(f"hidden size {hidden_size}: {num_params} trainable parameters")
# --8<-- [end:count-parameters]

# --8<-- [start:loss-at-chance]
import math

import torch
from torch import nn

loss_fn = nn.CrossEntropyLoss()
labels = torch.tensor([0, 1, 2, 1])

equal_logits = torch.zeros(4, 3)  # every species equally likely: probability 1/3 each
print(f"{loss_fn(equal_logits, labels):.4f} {math.log(3):.4f}")

confident_and_wrong = torch.tensor([[5.0, 0.0, 0.0]]).repeat(4, 1)  # always "setosa"
print(f"{loss_fn(confident_and_wrong, labels):.4f}")
# --8<-- [end:loss-at-chance]

"""Why model.train() and model.eval() matter: dropout behaves differently in each."""

# --8<-- [start:dropout]
import torch

torch.manual_seed(123)
dropout = torch.nn.Dropout(p=0.5)
x = torch.ones(8)

dropout.train()
print(dropout(x))  # about half the entries zeroed, the rest scaled by 1 / (1 - p) = 2
dropout.eval()
print(dropout(x))  # evaluation mode: the input passes through unchanged
# --8<-- [end:dropout]

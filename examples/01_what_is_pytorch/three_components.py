"""The three parts of PyTorch, one small use of each."""

# --8<-- [start:imports]
import torch

# --8<-- [end:imports]

# --8<-- [start:tensor-library]
scores = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(scores.sum(dim=0))
# --8<-- [end:tensor-library]

# --8<-- [start:autograd]
w = torch.tensor(3.0, requires_grad=True)
loss = (2 * w - 1) ** 2
loss.backward()  # d(loss)/dw = 4 * (2w - 1) = 20
print(w.grad)
# --8<-- [end:autograd]

# --8<-- [start:nn-library]
layer = torch.nn.Linear(in_features=2, out_features=1)
print(layer)
print(sum(p.numel() for p in layer.parameters()))
# --8<-- [end:nn-library]

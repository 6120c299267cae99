"""Chapter 1 exercises: the answers, run and checked like every other block."""

# --8<-- [start:sum-along-rows]
import torch

scores = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(scores.sum(dim=1))  # dim=1 adds across each row: 1 + 2 and 3 + 4
# --8<-- [end:sum-along-rows]

# --8<-- [start:gradient-at-minimum]
import torch

w = torch.tensor(0.5, requires_grad=True)
loss = (2 * w - 1) ** 2
loss.backward()  # d(loss)/dw = 4 * (2w - 1) = 4 * 0
print(loss.item(), w.grad)
# --8<-- [end:gradient-at-minimum]

# --8<-- [start:branch-taken]
import torch

x = torch.tensor([1.0, -2.0], requires_grad=True)
y = x * 2  # tensor([2., -4.]): its sum is -2
out = y.exp() if y.sum() > 0 else -y  # Python decides which operation is recorded
print(out.grad_fn.name())
# --8<-- [end:branch-taken]

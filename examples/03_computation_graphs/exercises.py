"""Chapter 3 exercises: the answers, run and checked like every other block."""

# --8<-- [start:other-label]
import torch
import torch.nn.functional as F

y = torch.tensor([0.0])  # the true label is now class 0
x1 = torch.tensor([1.1])
w1 = torch.tensor([2.2])
b = torch.tensor([0.0])

a = torch.sigmoid(x1 * w1 + b)  # the same prediction: class 1 with probability 0.92
loss = F.binary_cross_entropy(a, y)  # -log(1 - a)
print(f"a = {a.item():.4f}, loss = {loss.item():.4f}")
# --8<-- [end:other-label]

# --8<-- [start:only-weight-graph]
import torch
import torch.nn.functional as F

from pytorch_primer.graph import graph_edges

y = torch.tensor([1.0])
x1 = torch.tensor([1.1])
w1 = torch.tensor([2.2], requires_grad=True)
b = torch.tensor([0.0])  # a plain tensor this time: no gradient asked for

loss = F.binary_cross_entropy(torch.sigmoid(x1 * w1 + b), y)
for source, target in graph_edges(loss, names={id(w1): "w1", id(b): "b"}):
    print(f"{source:>28} -> {target}")
# --8<-- [end:only-weight-graph]

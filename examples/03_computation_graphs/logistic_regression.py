"""The forward pass of a one-feature logistic regression, and the graph it records."""

# --8<-- [start:imports]
import torch
import torch.nn.functional as F

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]

# --8<-- [start:forward-pass]
y = torch.tensor([1.0])  # true label
x1 = torch.tensor([1.1])  # input feature
w1 = torch.tensor([2.2])  # weight
b = torch.tensor([0.0])  # bias

z = x1 * w1 + b  # net input
a = torch.sigmoid(z)  # activation: the predicted probability of class 1
loss = F.binary_cross_entropy(a, y)
print(f"z = {z.item():.4f}, a = {a.item():.4f}, loss = {loss.item():.4f}")
# --8<-- [end:forward-pass]

# --8<-- [start:loss-from-logits]
print(F.binary_cross_entropy_with_logits(z, y))  # the same loss, straight from z

z_wrong = torch.tensor([-120.0])  # very confident, and wrong: the label is 1
print(F.binary_cross_entropy(torch.sigmoid(z_wrong), y))  # sigmoid gives 0.0; the log is clamped
print(F.binary_cross_entropy_with_logits(z_wrong, y))  # the true loss
# --8<-- [end:loss-from-logits]

# --8<-- [start:no-graph-yet]
print(loss.grad_fn)
# --8<-- [end:no-graph-yet]

# --8<-- [start:recorded-graph]
w1 = torch.tensor([2.2], requires_grad=True)
b = torch.tensor([0.0], requires_grad=True)

z = x1 * w1 + b
a = torch.sigmoid(z)
loss = F.binary_cross_entropy(a, y)
print(type(loss.grad_fn).__name__)
# --8<-- [end:recorded-graph]

# --8<-- [start:walk-graph]
from pytorch_primer.graph import graph_edges, save_graph_svg

edges = graph_edges(loss, names={id(w1): "w1", id(b): "b"})
for source, target in edges:
    print(f"{source:>28} -> {target}")
save_graph_svg(edges, "03-logistic-regression-graph.svg")
# --8<-- [end:walk-graph]

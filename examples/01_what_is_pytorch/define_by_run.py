"""Define-by-run: the graph is recorded while ordinary Python runs."""

import torch


# --8<-- [start:graph-ops]
def graph_ops(tensor):
    """Names of the operations autograd recorded to make `tensor`, newest first."""
    names, node = [], tensor.grad_fn
    while node is not None:
        names.append(type(node).__name__)
        parents = [fn for fn, _ in node.next_functions if fn is not None]
        node = next((fn for fn in parents if type(fn).__name__ != "AccumulateGrad"), None)
    return names


# --8<-- [end:graph-ops]


# --8<-- [start:forward]
def forward(x):
    y = x * 2
    print("y right after it is computed:", y)
    if y.sum() > 0:  # plain Python chooses which operations run
        y = y.exp()
    else:
        y = -y
    return y.sum()


# --8<-- [end:forward]

# --8<-- [start:two-graphs]
x_positive = torch.tensor([1.0, 2.0], requires_grad=True)
x_negative = torch.tensor([-1.0, -2.0], requires_grad=True)
print(graph_ops(forward(x_positive)))
print(graph_ops(forward(x_negative)))
# --8<-- [end:two-graphs]

"""Chapter 4 exercises: the answers, run and checked like every other block."""

# --8<-- [start:label-zero-gradients]
import torch
import torch.nn.functional as F

torch.set_printoptions(precision=4, sci_mode=False)

y = torch.tensor([0.0])  # the label is now 0
x1 = torch.tensor([1.1])
w1 = torch.tensor([2.2], requires_grad=True)
b = torch.tensor([0.0], requires_grad=True)

a = torch.sigmoid(x1 * w1 + b)
loss = F.binary_cross_entropy(a, y)
loss.backward()
print(w1.grad, b.grad)
print((a - y).detach() * x1, (a - y).detach())  # the chain rule, shortened: dL/dz = a - y
# --8<-- [end:label-zero-gradients]

# --8<-- [start:three-backwards]
import torch

torch.set_printoptions(precision=4, sci_mode=False)

w = torch.tensor([2.0], requires_grad=True)
loss = (w**2).sum()  # d(loss)/dw = 2w = 4
for _ in range(3):
    loss.backward(retain_graph=True)  # each call adds 4 to w.grad
print(w.grad)
# --8<-- [end:three-backwards]

# --8<-- [start:detach-in-loss]
import torch

torch.set_printoptions(precision=4, sci_mode=False)

w = torch.tensor([3.0], requires_grad=True)
loss = (w * w.detach()).sum()  # the detached factor is a constant to autograd
loss.backward()
print(w.grad)
# --8<-- [end:detach-in-loss]

"""Gradients of the logistic-regression loss: by torch.autograd.grad, by backward(),
and by hand with the chain rule."""

# --8<-- [start:imports]
import torch
import torch.nn.functional as F
from torch.autograd import grad

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]

# --8<-- [start:requires-grad]
y = torch.tensor([1.0])
x1 = torch.tensor([1.1])
w1 = torch.tensor([2.2], requires_grad=True)
b = torch.tensor([0.0], requires_grad=True)

z = x1 * w1 + b
a = torch.sigmoid(z)
loss = F.binary_cross_entropy(a, y)
print(w1.requires_grad, x1.requires_grad, loss.requires_grad)
# --8<-- [end:requires-grad]

# --8<-- [start:manual-grad]
grad_L_w1 = grad(loss, w1, retain_graph=True)
grad_L_b = grad(loss, b, retain_graph=True)
print(grad_L_w1)
print(grad_L_b)
# --8<-- [end:manual-grad]

# --8<-- [start:backward]
loss.backward(retain_graph=True)
print(w1.grad)
print(b.grad)
# --8<-- [end:backward]

# --8<-- [start:accumulate]
loss.backward()  # a second backward adds to .grad instead of replacing it
print(w1.grad)
w1.grad = None  # what optimizer.zero_grad() does for every parameter
b.grad = None
print(w1.grad)
# --8<-- [end:accumulate]

# --8<-- [start:chain-rule]
a_value = a.detach()
dL_da = -(y / a_value) + (1 - y) / (1 - a_value)  # binary cross-entropy
da_dz = a_value * (1 - a_value)  # sigmoid
dz_dw1 = x1  # z = x1 * w1 + b
dz_db = torch.tensor([1.0])
print(dL_da * da_dz * dz_dw1)
print(dL_da * da_dz * dz_db)
# --8<-- [end:chain-rule]

# --8<-- [start:no-grad-and-detach]
with torch.no_grad():
    z_inference = x1 * w1 + b
print(z_inference.requires_grad, z_inference.grad_fn)

z_detached = (x1 * w1 + b).detach()
print(z_detached.requires_grad, z_detached)
# --8<-- [end:no-grad-and-detach]

# --8<-- [start:detach-in-place]
a = torch.sigmoid(x1 * w1 + b)  # sigmoid saves its output a for the backward pass
a_logged = a.detach()  # no copy: a_logged and a share one block of memory
a_logged.zero_()  # an in-place edit of the detached tensor changes a as well
print(a)
try:
    a.backward()
except RuntimeError as error:
    message = str(error)
    print(message[: message.index(" Hint:")])
a_logged = a.detach().clone()  # clone() copies the data: edit this one freely
# --8<-- [end:detach-in-place]

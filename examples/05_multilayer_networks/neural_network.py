"""A multilayer perceptron with two hidden layers, in torch.nn."""

# --8<-- [start:imports]
import torch
import torch.nn.functional as F

from pytorch_primer import NeuralNetwork

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]

# --8<-- [start:instantiate]
torch.manual_seed(123)
model = NeuralNetwork(50, 3)
print(model)
# --8<-- [end:instantiate]

# --8<-- [start:count-parameters]
num_params = sum(p.numel() for p in model.parameters() if p.requires_grad)
print("Total number of trainable model parameters:", num_params)
# --8<-- [end:count-parameters]

# --8<-- [start:first-layer]
print(model.layers[0].weight.shape)
print(model.layers[0].bias.shape)
# --8<-- [end:first-layer]

# --8<-- [start:forward]
X = torch.rand((1, 50))
out = model(X)
print(out)
# --8<-- [end:forward]

# --8<-- [start:no-grad-forward]
with torch.no_grad():
    out = model(X)
print(out)
# --8<-- [end:no-grad-forward]

# --8<-- [start:softmax]
with torch.no_grad():
    probas = torch.softmax(model(X), dim=1)
print(probas)
print(f"{probas.sum().item():.4f}")
# --8<-- [end:softmax]

# --8<-- [start:cross-entropy]
label = torch.tensor([1])  # the true class of the one example
print(F.cross_entropy(out, label))  # takes the logits
print(F.nll_loss(torch.log_softmax(out, dim=1), label))  # the same: log-softmax, then NLL
print(F.cross_entropy(probas, label))  # softmax first: a different loss, and no error
# --8<-- [end:cross-entropy]

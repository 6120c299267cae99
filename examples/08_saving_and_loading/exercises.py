"""Chapter 8 exercises: the answers, run and checked like every other block."""

# --8<-- [start:optimizer-state]
import torch
import torch.nn.functional as F

from pytorch_primer import NeuralNetwork, X_train, y_train

torch.manual_seed(123)
model = NeuralNetwork(2, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
print("before a step:", len(optimizer.state_dict()["state"]), "momentum buffers")

loss = F.cross_entropy(model(X_train), y_train)
loss.backward()
optimizer.step()
state = optimizer.state_dict()
print("after a step: ", len(state["state"]), "momentum buffers")
print(state["state"][0]["momentum_buffer"].shape)  # one buffer per parameter, same shape
# --8<-- [end:optimizer-state]

# --8<-- [start:state-dict-shares-memory]
import copy

import torch

from pytorch_primer import NeuralNetwork

torch.manual_seed(123)
model = NeuralNetwork(2, 2)
best = model.state_dict()  # a view of the live parameters, not a copy
best_copy = copy.deepcopy(model.state_dict())  # a snapshot

with torch.no_grad():
    model.layers[0].bias.add_(1.0)  # stands for more training

print(torch.equal(best["layers.0.bias"], model.layers[0].bias))
print(torch.equal(best_copy["layers.0.bias"], model.layers[0].bias))
# --8<-- [end:state-dict-shares-memory]

"""Saving a model's state_dict and loading it into a new instance."""

# --8<-- [start:imports]
import torch

from pytorch_primer import NeuralNetwork

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]

# --8<-- [start:state-dict]
torch.manual_seed(123)
model = NeuralNetwork(2, 2)
state = model.state_dict()
for name, tensor in state.items():
    print(f"{name:16} {tuple(tensor.shape)}")
# --8<-- [end:state-dict]

# --8<-- [start:save-and-load]
torch.save(model.state_dict(), "model.pth")

restored = NeuralNetwork(2, 2)  # a new instance, with new random weights
restored.load_state_dict(torch.load("model.pth", weights_only=True))

x = torch.tensor([[-1.2, 3.1]])
print(model(x))
print(restored(x))
# --8<-- [end:save-and-load]

# --8<-- [start:wrong-architecture]
try:
    NeuralNetwork(2, 3).load_state_dict(torch.load("model.pth", weights_only=True))
except RuntimeError as error:
    print(str(error).splitlines()[0])
    print(str(error).splitlines()[1].strip())
# --8<-- [end:wrong-architecture]

# --8<-- [start:whole-model]
torch.save(model, "whole-model.pth")  # pickles the class by its import path
try:
    torch.load("whole-model.pth", weights_only=True)
except Exception as error:
    print(type(error).__name__)
# --8<-- [end:whole-model]

"""Chapter 5 exercises: the answers, run and checked like every other block."""

# --8<-- [start:hidden-size-parameters]
import torch

# first hidden layer: 40, not 30
num_inputs, num_hidden_1, num_hidden_2, num_outputs = 50, 40, 20, 3

model = torch.nn.Sequential(
    torch.nn.Linear(num_inputs, num_hidden_1),
    torch.nn.ReLU(),
    torch.nn.Linear(num_hidden_1, num_hidden_2),
    torch.nn.ReLU(),
    torch.nn.Linear(num_hidden_2, num_outputs),
)
num_params = sum(p.numel() for p in model.parameters() if p.requires_grad)
print("Total number of trainable model parameters:", num_params)

# Each Linear layer: a weight of outputs x inputs, plus one bias per output
by_hand = (50 * 40 + 40) + (40 * 20 + 20) + (20 * 3 + 3)
print(by_hand)
# --8<-- [end:hidden-size-parameters]

# --8<-- [start:batch-output-shape]
import torch

from pytorch_primer import NeuralNetwork

torch.manual_seed(123)
model = NeuralNetwork(50, 3)
X = torch.rand((4, 50))  # a batch of four examples
with torch.no_grad():
    logits = model(X)
print(logits.shape)
# --8<-- [end:batch-output-shape]

# --8<-- [start:softmax-shift]
import torch

torch.set_printoptions(precision=4, sci_mode=False)

logits = torch.tensor([[-0.1670, 0.1001, -0.1219]])
print(torch.softmax(logits, dim=1))
print(torch.softmax(logits + 10.0, dim=1))  # the same constant added to every logit
# --8<-- [end:softmax-shift]

"""Chapter 9 exercises: the answers, run and checked like every other block."""

# --8<-- [start:device-agnostic-full-batch]
import torch
import torch.nn.functional as F

from pytorch_primer import NeuralNetwork, X_test, X_train, y_test, y_train

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")  # chosen once

# Five rows fit anywhere: move the data once, before the loop, not once per epoch.
X_train_d, y_train_d = X_train.to(device), y_train.to(device)
X_test_d, y_test_d = X_test.to(device), y_test.to(device)

torch.manual_seed(123)
# parameters made on the CPU, then moved
model = NeuralNetwork(num_inputs=2, num_outputs=2).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)

num_epochs = 20
model.train()
for _ in range(num_epochs):
    loss = F.cross_entropy(model(X_train_d), y_train_d)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

model.eval()
with torch.no_grad():
    train_acc = (model(X_train_d).argmax(dim=1) == y_train_d).float().mean()
    test_acc = (model(X_test_d).argmax(dim=1) == y_test_d).float().mean()
print(f"train accuracy: {train_acc:.2f}")  # formatting a 0-d tensor reads it back to the CPU
print(f"test accuracy:  {test_acc:.2f}")
print(
    "parameters on the chosen device:",
    all(p.device.type == device.type for p in model.parameters()),
)
# --8<-- [end:device-agnostic-full-batch]

# --8<-- [start:to-is-not-in-place]
import torch

from pytorch_primer import NeuralNetwork

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

model = NeuralNetwork(num_inputs=2, num_outputs=2)
print(model.to(device) is model)  # a module moves in place and returns itself

features = torch.tensor([[-1.2, 3.1]])
features.to(device)  # on a GPU: returns a moved copy, which is thrown away here
print(features.device.type)
print(features.to("cpu") is features)  # already there: .to returns the tensor itself
# --8<-- [end:to-is-not-in-place]

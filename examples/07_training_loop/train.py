"""The appendix's training loop: NeuralNetwork(2, 2) on the toy data, SGD, 3 epochs."""

# --8<-- [start:imports]
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from pytorch_primer import NeuralNetwork, ToyDataset, X_test, X_train, y_test, y_train

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]

# --8<-- [start:data]
train_loader = DataLoader(ToyDataset(X_train, y_train), batch_size=2, shuffle=True)
test_loader = DataLoader(ToyDataset(X_test, y_test), batch_size=2, shuffle=False)
# --8<-- [end:data]

# --8<-- [start:training-loop]
torch.manual_seed(123)
model = NeuralNetwork(num_inputs=2, num_outputs=2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)

num_epochs = 3
batch_losses = []

for epoch in range(num_epochs):
    model.train()
    for batch_idx, (features, labels) in enumerate(train_loader):
        logits = model(features)
        loss = F.cross_entropy(logits, labels)

        optimizer.zero_grad()  # clear the gradients of the previous step
        loss.backward()  # compute new ones
        optimizer.step()  # update the parameters with them

        batch_losses.append(loss.item())
        print(f"Epoch: {epoch + 1:03d}/{num_epochs:03d}"
              f" | Batch {batch_idx:03d}/{len(train_loader):03d}"
              f" | Train Loss: {loss:.2f}")

    model.eval()
# --8<-- [end:training-loop]

# --8<-- [start:loss-curve]
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(range(1, len(batch_losses) + 1), batch_losses, marker="o")
ax.set_xlabel("batch")
ax.set_ylabel("loss")
fig.tight_layout()
fig.savefig("07-loss-curve.svg")
print(f"first loss {batch_losses[0]:.2f}, last loss {batch_losses[-1]:.2f}")
# --8<-- [end:loss-curve]

# --8<-- [start:predict]
model.eval()
with torch.no_grad():
    outputs = model(X_train)
print(outputs)
# --8<-- [end:predict]

# --8<-- [start:softmax]
probas = torch.softmax(outputs, dim=1)
print(probas)
# --8<-- [end:softmax]

# --8<-- [start:argmax]
predictions = torch.argmax(probas, dim=1)
print(predictions)
print(torch.argmax(outputs, dim=1))  # softmax keeps the order: argmax of logits is the same
# --8<-- [end:argmax]

# --8<-- [start:accuracy]
print(predictions == y_train)
print(torch.sum(predictions == y_train))
print(torch.sum(predictions == y_train) / len(y_train))
# --8<-- [end:accuracy]

from pytorch_primer import compute_accuracy  # shown from src/

# --8<-- [start:compute-accuracy-use]
print(compute_accuracy(model, train_loader))
print(compute_accuracy(model, test_loader))
# --8<-- [end:compute-accuracy-use]

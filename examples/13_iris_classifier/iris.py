"""A multilayer classifier for the iris flowers, from data shipped with scikit-learn."""

# --8<-- [start:imports]
import numpy as np
import torch
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]

# --8<-- [start:load]
iris = load_iris()  # read from files inside the scikit-learn package: no download
X, y = iris["data"], iris["target"]
print(X.shape, y.shape, iris["target_names"].tolist())
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=1 / 3, random_state=1)
print(X_train.shape, X_test.shape, np.bincount(y_train), np.bincount(y_test))
# --8<-- [end:load]

# --8<-- [start:standardize]
mean, std = X_train.mean(axis=0), X_train.std(axis=0)  # from the training set only
X_train_norm = torch.from_numpy((X_train - mean) / std).float()
X_test_norm = torch.from_numpy((X_test - mean) / std).float()
y_train = torch.from_numpy(y_train)
y_test = torch.from_numpy(y_test)

torch.manual_seed(1)
train_dl = DataLoader(TensorDataset(X_train_norm, y_train), batch_size=2, shuffle=True)
# --8<-- [end:standardize]


# --8<-- [start:model]
class IrisClassifier(nn.Module):
    def __init__(self, num_features, hidden_size, num_classes):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(num_features, hidden_size),
            nn.Sigmoid(),
            nn.Linear(hidden_size, num_classes),
        )

    def forward(self, x):
        return self.layers(x)  # logits


model = IrisClassifier(num_features=4, hidden_size=16, num_classes=3)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
# --8<-- [end:model]

# --8<-- [start:loss-on-logits]
logits = torch.tensor([[2.0, 0.5, -1.0], [0.0, 3.0, 0.5]])  # two flowers, both classified right
targets = torch.tensor([0, 1])
log_probas = torch.log_softmax(logits, dim=1)
print(f"CrossEntropyLoss on logits:  {loss_fn(logits, targets):.4f}")
print(f"log_softmax, then NLL:       {nn.functional.nll_loss(log_probas, targets):.4f}")
print(f"softmax first (a bug):       {loss_fn(torch.softmax(logits, dim=1), targets):.4f}")
# --8<-- [end:loss-on-logits]

# --8<-- [start:train]
num_epochs = 100
loss_history, accuracy_history = [], []

for epoch in range(num_epochs):
    model.train()
    total_loss, correct = 0.0, 0
    for x_batch, y_batch in train_dl:
        logits = model(x_batch)
        loss = loss_fn(logits, y_batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * y_batch.size(0)  # .item(): a number, not a graph
        correct += (logits.argmax(dim=1) == y_batch).sum().item()
    loss_history.append(total_loss / len(train_dl.dataset))
    accuracy_history.append(correct / len(train_dl.dataset))
    if epoch % 20 == 19:
        print(
            f"Epoch {epoch + 1:3d}: loss {loss_history[-1]:.4f}, "
            f"accuracy {accuracy_history[-1]:.4f}"
        )
# --8<-- [end:train]

# --8<-- [start:plot]
import matplotlib.pyplot as plt

fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(8, 3))
ax_loss.plot(range(1, num_epochs + 1), loss_history)
ax_loss.set_xlabel("epoch")
ax_loss.set_ylabel("loss")
ax_acc.plot(range(1, num_epochs + 1), accuracy_history)
ax_acc.set_xlabel("epoch")
ax_acc.set_ylabel("accuracy")
fig.tight_layout()
fig.savefig("13-iris-training.svg")
# --8<-- [end:plot]

# --8<-- [start:test-accuracy]
model.eval()
with torch.no_grad():
    test_predictions = model(X_test_norm).argmax(dim=1)
test_accuracy = (test_predictions == y_test).float().mean().item()
print(f"Test accuracy: {test_accuracy:.4f}")
# --8<-- [end:test-accuracy]

# --8<-- [start:save-and-reload]
torch.save(model.state_dict(), "iris-classifier.pth")

reloaded = IrisClassifier(num_features=4, hidden_size=16, num_classes=3)
reloaded.load_state_dict(torch.load("iris-classifier.pth", weights_only=True))
reloaded.eval()
with torch.no_grad():
    same = torch.equal(reloaded(X_test_norm).argmax(dim=1), test_predictions)
print("reloaded model predicts the same:", same)
# --8<-- [end:save-and-reload]

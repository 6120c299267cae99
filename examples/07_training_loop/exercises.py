"""Chapter 7 exercises: the answers, run and checked like every other block."""

# --8<-- [start:learning-rate]
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from pytorch_primer import NeuralNetwork, ToyDataset, X_train, y_train

train_loader = DataLoader(ToyDataset(X_train, y_train), batch_size=2, shuffle=True)

for lr in (0.05, 0.5):
    torch.manual_seed(123)  # the same starting weights and shuffles for both runs
    model = NeuralNetwork(num_inputs=2, num_outputs=2)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    epoch_losses = []
    for _ in range(3):  # three epochs
        model.train()
        total = 0.0
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        epoch_losses.append(f"{total / len(train_loader):.2f}")
    print(f"lr={lr}: mean loss per epoch", ", ".join(epoch_losses))
# --8<-- [end:learning-rate]

# --8<-- [start:accuracy-by-hand]
import torch

logits = torch.tensor([[2.0, -1.0], [0.5, 0.7], [-1.0, 3.0]])
labels = torch.tensor([0, 0, 1])
predictions = torch.argmax(logits, dim=1)  # the larger logit in each row
print(predictions)
print(f"{(predictions == labels).float().mean().item():.4f}")
# --8<-- [end:accuracy-by-hand]

# --8<-- [start:dropout-values]
import torch

torch.set_printoptions(precision=4, sci_mode=False)

torch.manual_seed(123)
dropout = torch.nn.Dropout(p=0.25)
dropout.train()
out = dropout(torch.ones(12))
print(out)
print(out.unique())  # the only values the output can hold: 0 and 1 / (1 - p)
# --8<-- [end:dropout-values]

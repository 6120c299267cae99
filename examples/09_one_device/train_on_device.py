"""Chapter 7's training loop, made device-agnostic."""

# --8<-- [start:imports]
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from pytorch_primer import (
    NeuralNetwork,
    ToyDataset,
    X_test,
    X_train,
    compute_accuracy,
    y_test,
    y_train,
)

device = torch.accelerator.current_accelerator(check_available=True)  # cuda, mps, ... or None
if device is None:
    device = torch.device("cpu")
# --8<-- [end:imports]

# --8<-- [start:loaders]
pin = device.type == "cuda"  # page-locked host memory: faster, asynchronous copies to the GPU
train_loader = DataLoader(ToyDataset(X_train, y_train), batch_size=2, shuffle=True, pin_memory=pin)
test_loader = DataLoader(ToyDataset(X_test, y_test), batch_size=2, pin_memory=pin)
# --8<-- [end:loaders]

# --8<-- [start:training-loop]
torch.manual_seed(123)
model = NeuralNetwork(num_inputs=2, num_outputs=2).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)

num_epochs = 3
for epoch in range(num_epochs):
    model.train()
    for batch_idx, (features, labels) in enumerate(train_loader):
        features = features.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        logits = model(features)
        loss = F.cross_entropy(logits, labels)

        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

        print(f"Epoch: {epoch + 1:03d}/{num_epochs:03d}"
              f" | Batch {batch_idx:03d}/{len(train_loader):03d}"
              f" | Train Loss: {loss:.2f}")
# --8<-- [end:training-loop]

# --8<-- [start:accuracy]
print(compute_accuracy(model, train_loader, device=device))
print(compute_accuracy(model, test_loader, device=device))
# --8<-- [end:accuracy]

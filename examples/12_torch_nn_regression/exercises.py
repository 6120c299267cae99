"""Chapter 12 exercises: the answers, run and checked like every other block."""

# --8<-- [start:shape-trap]
import warnings

import numpy as np
import torch
from torch import nn

X_train = np.arange(10, dtype="float32").reshape((10, 1))
y_train = np.array([1.0, 1.3, 3.1, 2.0, 5.0, 6.3, 6.6, 7.4, 8.0, 9.0], dtype="float32")
X_train_norm = torch.from_numpy((X_train - np.mean(X_train)) / np.std(X_train))
y_train = torch.from_numpy(y_train)

model = nn.Linear(1, 1)
with torch.no_grad():  # the best line of chapter 11's exercise
    model.weight.fill_(2.7069)
    model.bias.fill_(4.97)
loss_fn = nn.MSELoss()

with torch.no_grad():
    pred = model(X_train_norm)  # shape (10, 1)
print((pred - y_train).shape)  # (10, 1) against (10,) broadcasts to every pair
print(f"{loss_fn(pred[:, 0], y_train):.4f}")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    wrong_loss = loss_fn(pred, y_train)  # the mean over all 100 pairs
print(f"{wrong_loss:.4f}")
print(str(caught[0].message).split(". ")[0])  # PyTorch's warning, first sentence
# --8<-- [end:shape-trap]

# --8<-- [start:sum-or-mean]
import numpy as np
import torch
from torch import nn

X_train = np.arange(10, dtype="float32").reshape((10, 1))
y_train = np.array([1.0, 1.3, 3.1, 2.0, 5.0, 6.3, 6.6, 7.4, 8.0, 9.0], dtype="float32")
X_train_norm = torch.from_numpy((X_train - np.mean(X_train)) / np.std(X_train))
y_train = torch.from_numpy(y_train)

for reduction, learning_rate in [("mean", 0.1), ("sum", 0.01)]:
    torch.manual_seed(1)
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    loss_fn = nn.MSELoss(reduction=reduction)
    for _ in range(5):  # five full-batch steps
        loss = loss_fn(model(X_train_norm)[:, 0], y_train)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    print(
        f"{reduction:4} lr {learning_rate}: "
        f"weight {model.weight.item():.4f}, bias {model.bias.item():.4f}"
    )
# --8<-- [end:sum-or-mean]

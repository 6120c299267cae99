"""The linear regression of chapter 11 again, with torch.nn and torch.optim."""

# --8<-- [start:imports]
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]

# --8<-- [start:data]
X_train = np.arange(10, dtype="float32").reshape((10, 1))
y_train = np.array([1.0, 1.3, 3.1, 2.0, 5.0, 6.3, 6.6, 7.4, 8.0, 9.0], dtype="float32")
mean, std = np.mean(X_train), np.std(X_train)
X_train_norm = torch.from_numpy((X_train - mean) / std)
y_train = torch.from_numpy(y_train)
train_dl = DataLoader(TensorDataset(X_train_norm, y_train), batch_size=1, shuffle=True)
# --8<-- [end:data]

# --8<-- [start:model-loss-optimizer]
learning_rate = 0.001
num_epochs = 200
log_epochs = 10

loss_fn = nn.MSELoss(reduction="mean")
model = nn.Linear(in_features=1, out_features=1)
optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
print(model)
# --8<-- [end:model-loss-optimizer]

# --8<-- [start:same-start]
torch.manual_seed(1)
with torch.no_grad():  # start where chapter 11's hand-made parameters started
    model.weight.copy_(torch.randn(1).reshape(1, 1))
    model.bias.zero_()
print(model.weight, model.bias)
# --8<-- [end:same-start]

# --8<-- [start:train]
for epoch in range(num_epochs):
    for x_batch, y_batch in train_dl:
        pred = model(x_batch)[:, 0]  # (batch, 1) -> (batch,), the shape of y_batch
        loss = loss_fn(pred, y_batch)
        loss.backward()
        optimizer.step()  # weight -= lr * weight.grad, for every parameter
        optimizer.zero_grad()
    if epoch % log_epochs == 0:
        print(f"Epoch {epoch} Loss {loss.item():.4f}")
# --8<-- [end:train]

# --8<-- [start:learned]
print(f"weight {model.weight.item():.4f}, bias {model.bias.item():.4f}")
# --8<-- [end:learned]

# --8<-- [start:plot]
import matplotlib.pyplot as plt

X_line = torch.from_numpy((np.linspace(0, 9, num=100, dtype="float32").reshape(-1, 1) - mean) / std)
with torch.no_grad():
    y_line = model(X_line)[:, 0]

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(X_train_norm.numpy(), y_train.numpy(), "o", label="training data")
ax.plot(X_line.numpy(), y_line.numpy(), label="fitted line")
ax.set_xlabel("x (standardized)")
ax.set_ylabel("y")
ax.legend()
fig.tight_layout()
fig.savefig("12-fitted-line.svg")
# --8<-- [end:plot]

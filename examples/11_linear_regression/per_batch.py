"""The same regression with one update per batch (stochastic gradient descent), and
what happens when the gradients are not zeroed."""

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

X_train = np.arange(10, dtype="float32").reshape((10, 1))
y_train = np.array([1.0, 1.3, 3.1, 2.0, 5.0, 6.3, 6.6, 7.4, 8.0, 9.0], dtype="float32")
X_train_norm = torch.from_numpy((X_train - np.mean(X_train)) / np.std(X_train))
y_train = torch.from_numpy(y_train)
train_dl = DataLoader(TensorDataset(X_train_norm, y_train), batch_size=1, shuffle=True)
learning_rate, num_epochs, log_epochs = 0.001, 200, 10


def loss_fn(input, target):
    return (input - target).pow(2).mean()


# --8<-- [start:train-per-batch]
def train_by_hand(zero_grads=True):
    """One update per batch; the learned parameters and the loss every `log_epochs` epochs."""
    torch.manual_seed(1)
    weight = torch.randn(1).requires_grad_()
    bias = torch.zeros(1, requires_grad=True)
    logged = []
    for epoch in range(num_epochs):
        for x_batch, y_batch in train_dl:
            loss = loss_fn(x_batch @ weight + bias, y_batch)
            loss.backward()
            with torch.no_grad():
                weight -= weight.grad * learning_rate
                bias -= bias.grad * learning_rate
                if zero_grads:
                    weight.grad.zero_()
                    bias.grad.zero_()
        if epoch % log_epochs == 0:
            logged.append(round(loss.item(), 4))
    return weight, bias, logged


# --8<-- [end:train-per-batch]

# --8<-- [start:per-batch-run]
weight, bias, losses = train_by_hand()
print(losses)
print(f"weight {weight.item():.4f}, bias {bias.item():.4f}")
# --8<-- [end:per-batch-run]

# --8<-- [start:without-zeroing]
weight_no_zero, bias_no_zero, losses = train_by_hand(zero_grads=False)
print(losses)
print(f"weight {weight_no_zero.item():.4f}, bias {bias_no_zero.item():.4f}")
# --8<-- [end:without-zeroing]

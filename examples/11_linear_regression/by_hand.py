"""Linear regression trained by hand: our own model, loss and update, with autograd
computing the gradients."""

# --8<-- [start:imports]
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]

# --8<-- [start:data]
X_train = np.arange(10, dtype="float32").reshape((10, 1))
y_train = np.array([1.0, 1.3, 3.1, 2.0, 5.0, 6.3, 6.6, 7.4, 8.0, 9.0], dtype="float32")
print(X_train.shape, y_train.shape)
# --8<-- [end:data]

# --8<-- [start:standardize]
X_train_norm = (X_train - np.mean(X_train)) / np.std(X_train)  # mean 0, standard deviation 1
X_train_norm = torch.from_numpy(X_train_norm)
y_train = torch.from_numpy(y_train)
print(X_train_norm.T)
# correction=0 divides by n, as np.std does; the default, correction=1, divides by n - 1
print(f"mean {X_train_norm.mean():.4f}, std {X_train_norm.std(correction=0):.4f}")
# --8<-- [end:standardize]

# --8<-- [start:data-loader]
train_ds = TensorDataset(X_train_norm, y_train)
train_dl = DataLoader(train_ds, batch_size=1, shuffle=True)
print(len(train_dl), "batches of", train_dl.batch_size)
# --8<-- [end:data-loader]

# --8<-- [start:parameters]
torch.manual_seed(1)
weight = torch.randn(1)
weight.requires_grad_()  # from now on autograd tracks it
bias = torch.zeros(1, requires_grad=True)
print(weight, bias)
# --8<-- [end:parameters]


# --8<-- [start:model-and-loss]
def model(xb):
    return xb @ weight + bias


def loss_fn(input, target):
    return (input - target).pow(2).mean()  # mean squared error


# --8<-- [end:model-and-loss]

# --8<-- [start:train-once-per-epoch]
learning_rate = 0.001
num_epochs = 200
log_epochs = 10

for epoch in range(num_epochs):
    for x_batch, y_batch in train_dl:
        pred = model(x_batch)
        loss = loss_fn(pred, y_batch)
        loss.backward()  # adds this batch's gradient to .grad
    with torch.no_grad():  # one update per epoch, with the sum of the ten gradients
        weight -= weight.grad * learning_rate
        bias -= bias.grad * learning_rate
        weight.grad.zero_()
        bias.grad.zero_()
    if epoch % log_epochs == 0:
        print(f"Epoch {epoch} Loss {loss.item():.4f}")
print(f"weight {weight.item():.4f}, bias {bias.item():.4f}")
# --8<-- [end:train-once-per-epoch]

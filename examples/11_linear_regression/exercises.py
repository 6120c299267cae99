"""Chapter 11 exercises: the answers, run and checked like every other block."""

# --8<-- [start:best-line]
import numpy as np
import torch

X_train = np.arange(10, dtype="float32").reshape((10, 1))
y_train = np.array([1.0, 1.3, 3.1, 2.0, 5.0, 6.3, 6.6, 7.4, 8.0, 9.0], dtype="float32")
x = torch.from_numpy((X_train - np.mean(X_train)) / np.std(X_train)).squeeze(1)
y = torch.from_numpy(y_train)

# Least squares for a feature with mean 0 and standard deviation 1:
# the bias is the mean of y, the weight the mean of x * y.
print(f"weight {(x * y).mean():.4f}, bias {y.mean():.4f}")
# --8<-- [end:best-line]

# --8<-- [start:learning-rates]
import numpy as np
import torch

X_train = np.arange(10, dtype="float32").reshape((10, 1))
y_train = np.array([1.0, 1.3, 3.1, 2.0, 5.0, 6.3, 6.6, 7.4, 8.0, 9.0], dtype="float32")
x = torch.from_numpy((X_train - np.mean(X_train)) / np.std(X_train)).squeeze(1)
y = torch.from_numpy(y_train)

for learning_rate in [0.05, 0.5, 0.9, 1.1]:
    torch.manual_seed(1)
    weight = torch.randn(1).requires_grad_()
    bias = torch.zeros(1, requires_grad=True)
    losses = []
    for _ in range(20):
        loss = (x * weight + bias - y).pow(2).mean()  # all ten examples: one step per epoch
        loss.backward()
        with torch.no_grad():
            weight -= weight.grad * learning_rate
            bias -= bias.grad * learning_rate
            weight.grad.zero_()
            bias.grad.zero_()
            losses.append((x * weight + bias - y).pow(2).mean().item())  # the loss after this step
    print(f"lr {learning_rate}: loss after 1 step {losses[0]:.4f}, after 20 steps {losses[-1]:.4f}")
# --8<-- [end:learning-rates]

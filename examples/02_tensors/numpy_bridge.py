"""torch.from_numpy and .numpy() share memory between NumPy and PyTorch."""

# --8<-- [start:imports]
import numpy as np
import torch

# --8<-- [end:imports]

# --8<-- [start:from-numpy]
array = np.arange(4, dtype="float32")
shared = torch.from_numpy(array)
copied = torch.tensor(array)
array[0] = 100.0
print(shared)  # sees the change: same memory
print(copied)  # does not: torch.tensor copies
# --8<-- [end:from-numpy]

# --8<-- [start:dtype-follows-numpy]
print(torch.from_numpy(np.arange(3)).dtype)  # NumPy's int64 stays int64
print(torch.from_numpy(np.linspace(0, 1, 3)).dtype)  # NumPy's float64 stays float64
# --8<-- [end:dtype-follows-numpy]

# --8<-- [start:to-numpy]
weights = torch.zeros(3)
weights_array = weights.numpy()  # no copy either: the same memory
weights[0] = 7.0
print(weights_array)

trained = torch.zeros(3, requires_grad=True)
try:
    trained.numpy()
except RuntimeError as error:
    print("RuntimeError:", error)
print(trained.detach().numpy())  # a tensor on a GPU needs .cpu() first as well
# --8<-- [end:to-numpy]

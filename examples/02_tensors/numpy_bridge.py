"""torch.from_numpy shares memory with the NumPy array."""

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

"""Chapter 2 exercises: the answers, run and checked like every other block."""

# --8<-- [start:matmul-shapes]
import torch

a = torch.arange(1, 7).view(2, 3)
print((a @ a.T).shape)
print((a.T @ a).shape)
# --8<-- [end:matmul-shapes]

# --8<-- [start:broadcast-add]
column = torch.tensor([[10], [20]])
row = torch.tensor([1, 2, 3])
print(column + row)
# --8<-- [end:broadcast-add]

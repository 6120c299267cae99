"""Shapes and the operations that change them or combine tensors."""

import torch

torch.set_printoptions(precision=4, sci_mode=False)

# --8<-- [start:shape]
tensor2d = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(tensor2d.shape)
# --8<-- [end:shape]

# --8<-- [start:reshape]
print(tensor2d.reshape(3, 2))
# --8<-- [end:reshape]

# --8<-- [start:view]
print(tensor2d.view(3, 2))
# --8<-- [end:view]

# --8<-- [start:view-needs-contiguous]
transposed = tensor2d.T
print(transposed.is_contiguous())
try:
    transposed.view(6)
except RuntimeError as error:
    print("RuntimeError:", error)
print(transposed.reshape(6))  # reshape copies when it must
# --8<-- [end:view-needs-contiguous]

# --8<-- [start:transpose]
print(tensor2d.T)
# --8<-- [end:transpose]

# --8<-- [start:matmul]
print(tensor2d.matmul(tensor2d.T))
print(tensor2d @ tensor2d.T)
print(torch.mm(tensor2d, tensor2d.T))
# --8<-- [end:matmul]

# --8<-- [start:mm-does-not-broadcast]
batch = torch.stack([tensor2d, 10 * tensor2d])  # shape (2, 2, 3)
print((batch @ tensor2d.T).shape)  # matmul broadcasts over the batch
try:
    torch.mm(batch, tensor2d.T)
except RuntimeError as error:
    print("RuntimeError:", error)
# --8<-- [end:mm-does-not-broadcast]

# --8<-- [start:squeeze-unsqueeze]
row = tensor2d[0].unsqueeze(0)  # add a dimension of size 1 at position 0
print(row.shape)
print(row.squeeze(0).shape)  # drop it again
print(torch.zeros(1, 3, 1).squeeze().shape)  # drop every dimension of size 1
# --8<-- [end:squeeze-unsqueeze]

# --8<-- [start:broadcasting]
column_means = tensor2d.float().mean(dim=0)  # shape (3,)
print(column_means)
print(tensor2d - column_means)  # (2, 3) - (3,): the row is repeated for each row
print(torch.tensor([[1], [2]]) + torch.tensor([10, 20, 30]))  # (2, 1) + (3,) -> (2, 3)
# --8<-- [end:broadcasting]

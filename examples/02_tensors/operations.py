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

# --8<-- [start:strides]
print(tensor2d.stride())  # memory steps: 3 elements to the next row, 1 to the next column
transposed = tensor2d.T  # no copy: the same memory, read with the steps swapped
print(transposed.stride())
print(transposed.is_contiguous())
# --8<-- [end:strides]

# --8<-- [start:view-needs-compatible-strides]
print(transposed.view(3, 1, 2).shape)  # adds a dimension, merges none: works
try:
    transposed.view(6)  # would merge the two dimensions: no single step walks them
except RuntimeError as error:
    print("RuntimeError:", error)
print(transposed.reshape(6))  # reshape copies when it must
# --8<-- [end:view-needs-compatible-strides]

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
batch_of_one = torch.zeros(1, 3, 1)  # one example: 3 values of 1 feature
print(batch_of_one.squeeze().shape)  # every size-1 dimension goes, the batch one too
print(batch_of_one.squeeze(-1).shape)  # only the dimension you name
# --8<-- [end:squeeze-unsqueeze]

# --8<-- [start:broadcasting]
column_means = tensor2d.float().mean(dim=0)  # shape (3,)
print(column_means)
difference = tensor2d - column_means  # (2, 3) - (3,): the row is repeated for each row
print(difference)
print(tensor2d.dtype, column_means.dtype, difference.dtype)  # int64 - float32 gives float32
print(torch.tensor([[1], [2]]) + torch.tensor([10, 20, 30]))  # (2, 1) + (3,) -> (2, 3)
# --8<-- [end:broadcasting]

"""Making tensors of 0 to 3 dimensions, and their data types."""

# --8<-- [start:imports]
import torch

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]

# --8<-- [start:zero-to-three-d]
tensor0d = torch.tensor(1)  # a scalar
tensor1d = torch.tensor([1, 2, 3])  # a vector
tensor2d = torch.tensor([[1, 2], [3, 4]])  # a matrix
tensor3d = torch.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
for t in (tensor0d, tensor1d, tensor2d, tensor3d):
    print(f"{t.dim()}-d, shape {tuple(t.shape)}:")
    print(t)
# --8<-- [end:zero-to-three-d]

# --8<-- [start:default-dtypes]
print(tensor1d.dtype)
floatvec = torch.tensor([1.0, 2.0, 3.0])
print(floatvec.dtype)
# --8<-- [end:default-dtypes]

# --8<-- [start:to-dtype]
floatvec = tensor1d.to(torch.float32)
print(floatvec, floatvec.dtype)
print(floatvec.to(torch.float64).element_size(), "bytes per element in float64")
print(floatvec.element_size(), "bytes per element in float32")
# --8<-- [end:to-dtype]

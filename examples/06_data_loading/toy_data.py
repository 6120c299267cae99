"""A Dataset and DataLoaders for the appendix's toy data."""

# --8<-- [start:imports]
import torch
from torch.utils.data import DataLoader, Dataset, TensorDataset  # noqa: F401 (Dataset: for the page's ToyDataset)

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]

from pytorch_primer import ToyDataset, X_test, X_train, y_test, y_train  # shown from src/

# --8<-- [start:datasets]
train_ds = ToyDataset(X_train, y_train)
test_ds = ToyDataset(X_test, y_test)
print(len(train_ds), len(test_ds))
print(train_ds[0])
# --8<-- [end:datasets]

# --8<-- [start:data-loaders]
torch.manual_seed(123)

train_loader = DataLoader(dataset=train_ds, batch_size=2, shuffle=True, num_workers=0)
test_loader = DataLoader(dataset=test_ds, batch_size=2, shuffle=False, num_workers=0)

for idx, (x, y) in enumerate(train_loader):
    print(f"Batch {idx + 1}:", x, y)
# --8<-- [end:data-loaders]

# --8<-- [start:drop-last]
train_loader = DataLoader(dataset=train_ds, batch_size=2, shuffle=True, drop_last=True)
print(len(train_loader), "batches per epoch")
for idx, (_, y) in enumerate(train_loader):
    print(f"Batch {idx + 1}:", y)
# --8<-- [end:drop-last]

# --8<-- [start:tensor-dataset]
tensor_ds = TensorDataset(X_train, y_train)
print(tensor_ds[0])
print(len(tensor_ds))
# --8<-- [end:tensor-dataset]

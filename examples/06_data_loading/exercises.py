"""Chapter 6 exercises: the answers, run and checked like every other block."""

# --8<-- [start:drop-last-batches]
import torch
from torch.utils.data import DataLoader, TensorDataset

dataset = TensorDataset(torch.arange(10))  # ten examples: 0, 1, ..., 9

for drop_last in (False, True):
    loader = DataLoader(dataset, batch_size=4, shuffle=False, drop_last=drop_last)
    batches = [x.tolist() for (x,) in loader]
    print(f"drop_last={drop_last}: len(loader) = {len(loader)}, batches {batches}")
# --8<-- [end:drop-last-batches]

# --8<-- [start:batch-larger-than-data]
from torch.utils.data import DataLoader

from pytorch_primer import ToyDataset, X_train, y_train

train_ds = ToyDataset(X_train, y_train)  # five examples
for drop_last in (False, True):
    loader = DataLoader(train_ds, batch_size=8, shuffle=False, drop_last=drop_last)
    print(
        f"drop_last={drop_last}: len(loader) = {len(loader)}, "
        f"labels {[y.tolist() for _, y in loader]}"
    )
# --8<-- [end:batch-larger-than-data]

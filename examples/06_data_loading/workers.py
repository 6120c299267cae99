"""num_workers > 0: the same batches, loaded by worker processes, when the shuffle is seeded.

Worker processes started with `spawn` (macOS, Windows) import this file again, so the
code that starts them sits under `if __name__ == "__main__":`.
"""

# --8<-- [start:imports]
import torch
from torch.utils.data import DataLoader

from pytorch_primer import ToyDataset, X_train, y_train

# --8<-- [end:imports]


# --8<-- [start:batch-labels]
def batch_labels(num_workers, seed=123):
    generator = torch.Generator().manual_seed(seed)  # the shuffle's own random numbers
    loader = DataLoader(
        ToyDataset(X_train, y_train),
        batch_size=2,
        shuffle=True,
        num_workers=num_workers,
        generator=generator,
    )
    return [y.tolist() for _, y in loader]


# --8<-- [end:batch-labels]

# --8<-- [start:same-batches]
if __name__ == "__main__":  # not when a worker process imports this file
    print(batch_labels(num_workers=0))
    print(batch_labels(num_workers=2))
    torch.manual_seed(999)  # the global seed does not matter: the loader's generator decides
    print(batch_labels(num_workers=2))
# --8<-- [end:same-batches]

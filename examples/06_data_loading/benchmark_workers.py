"""Time one epoch of loading with 0, 1, 2 and as many worker processes as CPUs.

The figures depend on the machine, so no page shows them as checked output:
run `python examples/06_data_loading/benchmark_workers.py` to see yours.
"""

import os
import time

import torch
from torch.utils.data import DataLoader, Dataset


class SlowDataset(Dataset):
    """Each item costs a little CPU work, as decoding an image would."""

    def __init__(self, size=2000):
        self.size = size

    def __getitem__(self, index):
        generator = torch.Generator().manual_seed(index)
        image = torch.rand(3, 64, 64, generator=generator)
        for _ in range(3):
            image = torch.nn.functional.avg_pool2d(image, 3, stride=1, padding=1)
        return image, index % 10

    def __len__(self):
        return self.size


def seconds_per_epoch(num_workers):
    loader = DataLoader(SlowDataset(), batch_size=64, num_workers=num_workers)
    start = time.perf_counter()
    for _ in loader:
        pass
    return time.perf_counter() - start


if __name__ == "__main__":
    torch.set_num_threads(1)
    for num_workers in sorted({0, 1, 2, os.cpu_count() or 1}):
        print(f"num_workers={num_workers}: {seconds_per_epoch(num_workers):.2f} s per epoch")

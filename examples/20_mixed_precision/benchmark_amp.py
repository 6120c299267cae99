"""Seconds per epoch and peak memory: float32, bfloat16 autocast, float16 autocast + GradScaler.

    python examples/20_mixed_precision/benchmark_amp.py

On a CUDA GPU it compares all three on a wide network. Without one it compares float32
and bfloat16 on the CPU, on a smaller network (the CPU has no GPU memory to report).
The figures depend on the machine; no page shows them as checked output.
"""

import time

import torch
import torch.nn.functional as F
from torch import nn


def make_model(width):
    return nn.Sequential(
        nn.Linear(width, width), nn.ReLU(),
        nn.Linear(width, width), nn.ReLU(),
        nn.Linear(width, width), nn.ReLU(),
        nn.Linear(width, 10),
    )  # fmt: skip


def seconds_per_epoch(device, dtype, use_scaler, width, batch_size, num_batches):
    torch.manual_seed(123)
    features = torch.randn(batch_size, width, device=device)  # one batch, used again and again
    labels = torch.randint(0, 10, (batch_size,), device=device)
    model = make_model(width).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    scaler = torch.amp.GradScaler(device.type, enabled=use_scaler)

    def epoch():
        for _ in range(num_batches):
            with torch.autocast(device_type=device.type, dtype=dtype, enabled=dtype is not None):
                loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
        if device.type == "cuda":
            torch.cuda.synchronize()  # GPU work is asynchronous: wait before reading the clock

    epoch()  # warm-up: allocations, kernel selection, autocast's weight copies
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    epoch()
    return time.perf_counter() - start


if __name__ == "__main__":
    if torch.cuda.is_available():
        device, width, batch_size, num_batches = torch.device("cuda"), 2048, 8192, 50
        settings = [
            ("float32", None, False),
            ("bfloat16", torch.bfloat16, False),
            ("float16 + scaler", torch.float16, True),
        ]
        print("GPU:", torch.cuda.get_device_name(), "| torch", torch.__version__)
    else:
        device, width, batch_size, num_batches = torch.device("cpu"), 256, 256, 10
        settings = [("float32", None, False), ("bfloat16", torch.bfloat16, False)]
        print("No CUDA GPU: comparing on the CPU, time only")
    for name, dtype, use_scaler in settings:
        seconds = seconds_per_epoch(device, dtype, use_scaler, width, batch_size, num_batches)
        line = f"{name:<17} {seconds:.3f} s per epoch"
        if device.type == "cuda":
            line += f", peak memory {torch.cuda.max_memory_allocated() / 2**20:.0f} MiB"
        print(line)

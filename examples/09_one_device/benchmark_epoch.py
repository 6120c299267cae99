"""One training epoch on the CPU and, where there is one, on a CUDA GPU.

    python examples/09_one_device/benchmark_epoch.py

Prints seconds per epoch for a wider NeuralNetwork-style model at a few batch sizes:
small batches favour the CPU (each GPU step has a fixed cost), large ones the GPU.
The figures depend on the machine; no page shows them as checked output.
"""

import time

import torch
import torch.nn.functional as F


def make_model(num_inputs=256, hidden=1024, num_outputs=10):
    return torch.nn.Sequential(
        torch.nn.Linear(num_inputs, hidden), torch.nn.ReLU(),
        torch.nn.Linear(hidden, hidden), torch.nn.ReLU(),
        torch.nn.Linear(hidden, num_outputs),
    )


def seconds_per_epoch(device, batch_size, num_examples=4096):
    torch.manual_seed(123)
    features = torch.randn(num_examples, 256, device=device)
    labels = torch.randint(0, 10, (num_examples,), device=device)
    model = make_model().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

    def epoch():
        for start in range(0, num_examples, batch_size):
            loss = F.cross_entropy(
                model(features[start:start + batch_size]),
                labels[start:start + batch_size],
            )
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()  # GPU work is asynchronous: wait before reading the clock

    epoch()  # warm-up: allocations, kernel selection
    start = time.perf_counter()
    epoch()
    return time.perf_counter() - start


if __name__ == "__main__":
    devices = [torch.device("cpu")] + ([torch.device("cuda")] if torch.cuda.is_available() else [])
    if torch.cuda.is_available():
        print(
            "GPU:", torch.cuda.get_device_name(),
            "| torch", torch.__version__,
            "| CUDA", torch.version.cuda,
        )
    for batch_size in (32, 256, 2048):
        times = {d.type: seconds_per_epoch(d, batch_size) for d in devices}
        line = ", ".join(f"{name} {seconds:.3f} s" for name, seconds in times.items())
        speedup = f" (GPU {times['cpu'] / times['cuda']:.1f}x faster)" if "cuda" in times else ""
        print(f"batch size {batch_size:5d}: {line}{speedup}")

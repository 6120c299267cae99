"""Training-performance figures for chapter 21, measured on this machine.

    python examples/21_gpu_performance/benchmark.py --quick      # small sizes, no torch.compile
    python examples/21_gpu_performance/benchmark.py --out results.json
    # maintainers: the file the page shows
    python examples/21_gpu_performance/benchmark.py --save cuda

Measures matmul throughput (float32, TF32, bfloat16), one training epoch on the CPU and
on the GPU, automatic mixed precision, torch.compile, DataLoader workers and pinned
memory, and DDP at world size 1. Writes one JSON file with the machine it ran on.
Every figure is a timing: it varies from run to run and machine to machine.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import socket
import time
from pathlib import Path

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, Dataset

# Dense (no sparsity) peaks from NVIDIA's datasheets, in TFLOPS: float32, TF32, bfloat16.
PUBLISHED_PEAKS = {
    "H100 PCIe": (51.0, 378.0, 756.0),
    "H100 NVL": (60.0, 417.5, 835.5),
    "H100": (67.0, 494.7, 989.4),  # SXM5
    "H200 NVL": (60.0, 417.5, 835.5),
    "H200": (67.0, 494.7, 989.4),  # SXM5
    "A100": (19.5, 156.0, 312.0),
}


def published_peaks(name):
    for card, peaks in PUBLISHED_PEAKS.items():  # most specific names first
        if card in name:
            return dict(zip(("float32", "tf32", "bfloat16"), peaks, strict=True))
    return {}


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize()  # GPU work is asynchronous: wait before reading the clock


def best_time(fn, device, repeats=3):
    """The fastest of a few runs, after one warm-up run."""
    fn()
    synchronize(device)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        synchronize(device)
        times.append(time.perf_counter() - start)
    return min(times)


def matmul_tflops(device, dtype, size, tf32=False):
    saved = torch.backends.cuda.matmul.fp32_precision  # the caller's setting, restored below
    torch.backends.cuda.matmul.fp32_precision = "tf32" if tf32 else "ieee"
    try:
        a = torch.randn(size, size, device=device, dtype=dtype)
        b = torch.randn(size, size, device=device, dtype=dtype)
        inner = 10 if device.type == "cuda" else 1

        def run():
            for _ in range(inner):
                a @ b

        seconds = best_time(run, device)
    finally:
        torch.backends.cuda.matmul.fp32_precision = saved
    return 2 * size**3 * inner / seconds / 1e12


def make_model(hidden=1024, num_inputs=256, num_outputs=10):
    """Chapter 9's benchmark network: a NeuralNetwork-style MLP, wider."""
    return torch.nn.Sequential(
        torch.nn.Linear(num_inputs, hidden), torch.nn.ReLU(),
        torch.nn.Linear(hidden, hidden), torch.nn.ReLU(),
        torch.nn.Linear(hidden, num_outputs),
    )


def epoch_seconds(model, device, num_examples, batch_size, autocast_dtype=None, scaler=None):
    torch.manual_seed(123)
    features = torch.randn(num_examples, 256, device=device)
    labels = torch.randint(0, 10, (num_examples,), device=device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    autocast = (
        torch.autocast(device_type=device.type, dtype=autocast_dtype)
        if autocast_dtype
        else contextlib.nullcontext()
    )

    def epoch():
        for start in range(0, num_examples, batch_size):
            with autocast:
                loss = F.cross_entropy(
                    model(features[start:start + batch_size]),
                    labels[start:start + batch_size],
                )
            optimizer.zero_grad()
            if scaler:
                scaler.scale(loss).backward()
                scaler.step(optimizer)
                scaler.update()
            else:
                loss.backward()
                optimizer.step()

    return best_time(epoch, device, repeats=2)


class NoisyImages(Dataset):
    """Makes each image on request, with some CPU work per item, as real data loading does."""

    def __init__(self, num_images=4096, size=64):
        self.num_images, self.size = num_images, size

    def __len__(self):
        return self.num_images

    def __getitem__(self, index):
        generator = torch.Generator().manual_seed(index)
        image = torch.rand(3, self.size, self.size, generator=generator)
        image = torch.nn.functional.avg_pool2d(image[None], 3, stride=1, padding=1)[0]  # a blur
        return image, index % 10


def dataloader_seconds(device, num_workers, pin_memory, num_images):
    loader = DataLoader(
        NoisyImages(num_images),
        batch_size=256,
        num_workers=num_workers,
        pin_memory=pin_memory,
    )

    def epoch():
        for images, labels in loader:
            images = images.to(device, non_blocking=pin_memory)
            labels = labels.to(device, non_blocking=pin_memory)

    return best_time(epoch, device, repeats=1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ddp_overhead(device, num_examples, batch_size):
    """One process, world size 1: what DDP's bookkeeping costs when there is nothing to share."""
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(free_port()))
    backend = "nccl" if device.type == "cuda" else "gloo"
    dist.init_process_group(backend, rank=0, world_size=1)
    try:
        torch.manual_seed(123)
        plain = epoch_seconds(make_model().to(device), device, num_examples, batch_size)
        torch.manual_seed(123)
        device_ids = [device.index or 0] if device.type == "cuda" else None
        wrapped = epoch_seconds(
            DDP(make_model().to(device), device_ids=device_ids), device, num_examples, batch_size
        )
    finally:
        dist.destroy_process_group()
    return {"backend": backend, "plain_seconds": plain, "ddp_seconds": wrapped}


def cpu_name():
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def measure(device, quick=False):
    """Every figure; `quick` shrinks the sizes 4-8x and skips torch.compile (a smoke test)."""
    on_gpu = device.type == "cuda"
    name = torch.cuda.get_device_name(device) if on_gpu else cpu_name()
    results = {
        "environment": {
            "device": device.type,
            "name": name,
            "torch": torch.__version__,
            "cuda": torch.version.cuda if on_gpu else None,
            "cpu_count": os.cpu_count(),
            "date": datetime.date.today().isoformat(),
        }
    }
    peaks = published_peaks(name) if on_gpu else {}
    size = (8192 if on_gpu else 2048) // (4 if quick else 1)
    kinds = [
        ("float32", torch.float32, False),
        ("tf32", torch.float32, True),
        ("bfloat16", torch.bfloat16, False),
    ]
    results["matmul"] = [
        {
            "precision": label,
            "size": size,
            "tflops": matmul_tflops(device, dtype, size, tf32),
            "peak_tflops": peaks.get(label),
        }
        for label, dtype, tf32 in kinds
        if on_gpu or not tf32  # TF32 is a GPU tensor-core format
    ]
    num_examples = (65536 if on_gpu else 16384) // (8 if quick else 1)
    cpu = torch.device("cpu")
    results["epoch"] = [
        {
            "device": d.type,
            "batch_size": 2048,
            "seconds": epoch_seconds(make_model().to(d), d, num_examples, 2048),
        }
        for d in ([cpu, device] if on_gpu else [cpu])
    ]
    hidden = 4096 if on_gpu else 1024
    amp = [("float32", None, None), ("bfloat16", torch.bfloat16, None)]
    if on_gpu:
        amp.append(("float16 + GradScaler", torch.float16, torch.amp.GradScaler("cuda")))
    results["amp"] = []
    for label, dtype, scaler in amp:
        if on_gpu:
            torch.cuda.reset_peak_memory_stats()
        seconds = epoch_seconds(
            make_model(hidden).to(device), device, num_examples, 1024, dtype, scaler
        )
        peak = torch.cuda.max_memory_allocated() / 2**20 if on_gpu else None
        results["amp"].append(
            {"precision": label, "hidden": hidden, "seconds": seconds, "peak_memory_mib": peak}
        )
    results["compile"] = None if quick else measure_compile(device, hidden, num_examples)
    settings = [(0, False), (2, False), (4, False)] + ([(0, True), (4, True)] if on_gpu else [])
    num_images = 512 if quick else 4096
    results["dataloader"] = [
        {"num_workers": w, "pin_memory": p, "seconds": dataloader_seconds(device, w, p, num_images)}
        for w, p in settings
    ]
    results["ddp"] = ddp_overhead(device, num_examples, 1024)
    return results


def measure_compile(device, hidden, num_examples):
    model = make_model(hidden).to(device)
    eager = epoch_seconds(model, device, num_examples, 1024)
    compiled = torch.compile(model)
    start = time.perf_counter()
    compiled(torch.randn(1024, 256, device=device)).sum().backward()  # the first call compiles
    synchronize(device)
    compile_seconds = time.perf_counter() - start
    return {
        "eager_seconds": eager,
        "compiled_seconds": epoch_seconds(compiled, device, num_examples, 1024),
        "compile_seconds": compile_seconds,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write the figures to this JSON file")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small sizes and no torch.compile: a smoke test",
    )
    parser.add_argument(
        "--save",
        choices=["cpu", "cuda"],
        help="write src/pytorch_primer/performance/NAME.json",
    )
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    results = measure(device, quick=args.quick)
    text = json.dumps(results, indent=2) + "\n"
    print(text)
    target = args.out or (
        args.save
        and Path(__file__).parents[2] / "src/pytorch_primer/performance" / f"{args.save}.json"
    )
    if target:
        Path(target).write_text(text, encoding="utf-8")

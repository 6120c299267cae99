"""Chapter 21's tables and figure, made from the figures benchmark.py recorded."""

# --8<-- [start:load]
from pytorch_primer.performance import load_results

recorded = {device: load_results(device) for device in ("cpu", "cuda")}
for device, results in recorded.items():
    if results is None:
        print(f"{device}: not measured yet")
        continue
    env = results["environment"]
    cuda = f", CUDA {env['cuda']}" if env["cuda"] else ""
    print(
        f"{device}: {env['name']} ({env['cpu_count']} CPU cores), "
        f"torch {env['torch']}{cuda}, measured {env['date']}"
    )
# --8<-- [end:load]

# --8<-- [start:matmul]
for device, results in recorded.items():
    for row in results["matmul"] if results else []:
        share = (
            f"{row['tflops'] / row['peak_tflops']:6.1%} of peak"
            if row["peak_tflops"]
            else "(no published peak)"
        )
        print(
            f"{device:4} {row['precision']:9} {row['size']}x{row['size']}: "
            f"{row['tflops']:7.2f} TFLOPS {share}"
        )
# --8<-- [end:matmul]

# --8<-- [start:tf32-settings]
import torch

print("float32 matrix products:  ", torch.backends.cuda.matmul.fp32_precision)  # none: no TF32
print("float32 cuDNN convolutions:", torch.backends.cudnn.conv.fp32_precision)
# --8<-- [end:tf32-settings]

# --8<-- [start:matmul-figure]
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6, 3))
bars = [
    (f"{device}\n{row['precision']}", row["tflops"])
    for device, r in recorded.items()
    if r
    for row in r["matmul"]
]
ax.bar([label for label, _ in bars], [tflops for _, tflops in bars])
ax.set_yscale("log")
ax.set_ylabel("TFLOPS")
ax.set_title("measured on " + " and ".join(device.upper() for device, r in recorded.items() if r))
fig.tight_layout()
fig.savefig("21-matmul-tflops.svg")
print(f"{len(bars)} bars")
# --8<-- [end:matmul-figure]

# --8<-- [start:epoch]
for device, results in recorded.items():
    for row in results["epoch"] if results else []:
        print(
            f"measured on {device}: one epoch on {row['device']:4}, "
            f"batch size {row['batch_size']}: {row['seconds']:7.3f} s"
        )
gpu = recorded["cuda"]
if gpu:
    cpu_s, gpu_s = (row["seconds"] for row in gpu["epoch"])
    print(f"the GPU is {cpu_s / gpu_s:.1f}x faster")
# --8<-- [end:epoch]

# --8<-- [start:amp]
for device, results in recorded.items():
    rows = results["amp"] if results else []
    for row in rows:
        memory = (
            f", peak memory {row['peak_memory_mib']:7.1f} MiB"
            if row["peak_memory_mib"]
            else ""
        )
        speedup = rows[0]["seconds"] / row["seconds"]
        print(
            f"{device:4} {row['precision']:21}: "
            f"{row['seconds']:7.3f} s per epoch ({speedup:.2f}x){memory}"
        )
# --8<-- [end:amp]

# --8<-- [start:compile]
for device, results in recorded.items():
    c = results and results["compile"]
    if c:  # a --quick run skips torch.compile
        print(
            f"{device:4} eager {c['eager_seconds']:7.3f} s, "
            f"compiled {c['compiled_seconds']:7.3f} s per epoch "
            f"({c['eager_seconds'] / c['compiled_seconds']:.2f}x); "
            f"compiling took {c['compile_seconds']:.1f} s"
        )
# --8<-- [end:compile]

# --8<-- [start:dataloader]
for device, results in recorded.items():
    for row in results["dataloader"] if results else []:
        print(
            f"{device:4} num_workers={row['num_workers']} "
            f"pin_memory={row['pin_memory']!s:5}: {row['seconds']:7.3f} s"
        )
# --8<-- [end:dataloader]

# --8<-- [start:ddp]
for device, results in recorded.items():
    if results:
        d = results["ddp"]
        overhead = d["ddp_seconds"] / d["plain_seconds"] - 1
        print(
            f"{device:4} {d['backend']:5} plain {d['plain_seconds']:7.3f} s, "
            f"DDP {d['ddp_seconds']:7.3f} s ({overhead:+.1%})"
        )
# --8<-- [end:ddp]

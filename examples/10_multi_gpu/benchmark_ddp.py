"""Wall time of the DDP example with 1 and 2 processes (and one per GPU, if any).

    python examples/10_multi_gpu/benchmark_ddp.py

Each run is a whole `torchrun` command: process start-up, joining the process group,
three tiny epochs and the exit. The figures depend on the machine; no page shows them
as checked output.
"""

import subprocess
import sys
import time
from pathlib import Path

import torch

SCRIPT = Path(__file__).with_name("ddp_torchrun.py")
# On a busy CPU, torch 2.13 may abort a rank at interpreter exit, after the script has
# finished (pytorch/pytorch#190489; chapter 10 explains it). The run still counts.
SHUTDOWN_ABORT = "terminate called without an active exception"


def seconds(nproc):
    torchrun = [sys.executable, "-m", "torch.distributed.run", "--standalone"]
    command = [*torchrun, f"--nproc_per_node={nproc}", str(SCRIPT)]
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0 and SHUTDOWN_ABORT not in proc.stderr:
        raise SystemExit(f"torchrun with {nproc} process(es) failed:\n{proc.stderr}")
    return time.perf_counter() - start


if __name__ == "__main__":
    counts = sorted({1, 2, torch.cuda.device_count() or 1})
    for nproc in counts:
        print(f"{nproc} process(es): {seconds(nproc):.1f} s")

"""Distributed data-parallel training, started with torch.multiprocessing.spawn.

    python examples/10_multi_gpu/ddp_spawn.py

Two processes, whatever the machine: one per GPU on a machine with two GPUs, two on the
CPU otherwise. The training itself is the torchrun script's: only the start-up differs.
"""

import os
import platform
import socket
import sys

import torch.multiprocessing as mp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ddp_torchrun import main as run_one_process  # noqa: E402


def free_port():
    """A port nobody listens on now: the OS picks it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker(rank, world_size):
    # what torchrun would have set for this process
    os.environ.update(RANK=str(rank), LOCAL_RANK=str(rank))
    os.environ.update(WORLD_SIZE=str(world_size), LOCAL_WORLD_SIZE=str(world_size))
    run_one_process()


if __name__ == "__main__":
    world_size = 2  # one process per GPU on a machine with two GPUs; on the CPU, two processes
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = str(free_port())
    if platform.system() == "Windows":
        os.environ["USE_LIBUV"] = "0"  # PyTorch for Windows is built without libuv
    mp.spawn(worker, args=(world_size,), nprocs=world_size)  # passes the rank first

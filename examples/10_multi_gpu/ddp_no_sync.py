"""Skipping DDP's gradient averaging with no_sync(): the forward pass belongs inside too.

    torchrun --standalone --nproc_per_node=2 examples/10_multi_gpu/ddp_no_sync.py

Each process gives a one-weight model the input rank + 1, so the gradient of its own
output is rank + 1. With two processes, a gradient of 1.5 on both means DDP averaged them.
The processes run on the CPU over Gloo: no_sync() works the same way on GPUs.
"""

import contextlib

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP


def main():
    dist.init_process_group(backend="gloo")  # rank and world size from torchrun
    try:
        rank = dist.get_rank()
        model = DDP(torch.nn.Linear(1, 1, bias=False))
        features = torch.tensor([[rank + 1.0]])  # d(output)/d(weight) = rank + 1
        grads = {}

        with model.no_sync():  # forward and backward inside: nothing is averaged
            model(features).sum().backward()
        grads["forward and backward inside no_sync()"] = model.module.weight.grad.item()
        model.zero_grad()

        output = model(features)  # the forward pass outside already prepared the averaging
        with model.no_sync():
            output.sum().backward()
        grads["only backward inside no_sync()"] = model.module.weight.grad.item()
        model.zero_grad()

        accumulation_steps = 4
        for step in range(accumulation_steps):
            if step < accumulation_steps - 1:
                sync = model.no_sync()  # forward and backward inside: add up into .grad
            else:
                sync = contextlib.nullcontext()  # the last backward averages the sum, once
            with sync:
                loss = model(features).sum() / accumulation_steps
                loss.backward()
        grads["4 micro-batches, only the last synced"] = model.module.weight.grad.item()

        all_grads = [None] * dist.get_world_size()
        dist.all_gather_object(all_grads, grads)  # every rank's gradients, in rank order
        if rank == 0:
            for case in grads:
                per_rank = [f"rank {r} grad {g[case]:.2f}" for r, g in enumerate(all_grads)]
                print(f"{case + ':':40} {', '.join(per_rank)}")
        dist.barrier()  # every rank is done before the group is torn down
    finally:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()

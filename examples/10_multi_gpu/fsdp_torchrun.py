"""Fully sharded data parallelism (FSDP2's fully_shard), launched by torchrun.

    torchrun --standalone --nproc_per_node=2 examples/10_multi_gpu/fsdp_torchrun.py

Like DDP, every process trains on its own share of the data. Unlike DDP, no process holds
the whole model: each keeps a slice of every parameter, of its gradient and of the
optimizer's state, and a layer's full parameters exist only while that layer computes.
The device choice, and the evaluation on every rank, are the DDP script's.
"""

import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from ddp_torchrun import choose_device, evaluate_on_every_rank  # the script next to this one
from torch.distributed.device_mesh import init_device_mesh
from torch.distributed.fsdp import fully_shard
from torch.distributed.tensor import DTensor
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from pytorch_primer import NeuralNetwork
from pytorch_primer.data import two_blobs


def held_here(tensors):
    """How many numbers of these tensors this process holds: of a sharded one, its slice."""
    total = 0
    for tensor in tensors:
        if isinstance(tensor, DTensor):
            total += tensor.to_local().numel()  # this rank's slice of the sharded tensor
        else:
            total += tensor.numel()
    return total


def main(num_epochs=3):
    rank = int(os.environ["RANK"])
    local_rank = int(os.environ["LOCAL_RANK"])
    world_size = int(os.environ["WORLD_SIZE"])

    device = choose_device(local_rank)
    if device.type == "cuda":
        torch.cuda.set_device(device)
    dist.init_process_group(backend=dist.get_default_backend_for_device(device))
    try:
        # all processes in one row: each parameter is cut into world_size slices
        mesh = init_device_mesh(device.type, (world_size,))
        torch.manual_seed(123)
        model = NeuralNetwork(num_inputs=2, num_outputs=2).to(device)
        num_parameters = sum(p.numel() for p in model.parameters())
        for layer in model.layers:
            if isinstance(layer, torch.nn.Linear):
                fully_shard(layer, mesh=mesh)  # gathered whole only while this layer runs
        fully_shard(model, mesh=mesh)  # the root: what is left, and the order of the layers
        optimizer = torch.optim.Adam(model.parameters(), lr=0.05)  # two numbers per parameter

        features, labels = two_blobs()
        train_ds = TensorDataset(features[:16], labels[:16])
        test_ds = TensorDataset(features[16:], labels[16:])
        sampler = DistributedSampler(train_ds, shuffle=True, seed=123)
        train_loader = DataLoader(train_ds, batch_size=2, sampler=sampler)
        for epoch in range(num_epochs):
            sampler.set_epoch(epoch)
            for features_batch, labels_batch in train_loader:
                features_batch, labels_batch = features_batch.to(device), labels_batch.to(device)
                loss = F.cross_entropy(model(features_batch), labels_batch)
                optimizer.zero_grad()
                loss.backward()  # gradients are averaged, and each rank keeps its slice
                optimizer.step()  # each rank updates only the slice it holds

        held = {
            "parameters": held_here(model.parameters()),
            "gradients": held_here(p.grad for p in model.parameters()),
            "Adam state": held_here(
                value
                for state in optimizer.state.values()
                for name, value in state.items()
                if name in ("exp_avg", "exp_avg_sq")  # not "step", one number per parameter
            ),
        }
        # every forward pass under FSDP gathers parameters from all ranks: all must evaluate
        test_acc = evaluate_on_every_rank(model, test_ds, device)

        all_held = [None] * world_size
        dist.all_gather_object(all_held, held)  # every rank's counts, in rank order
        if rank == 0:
            print(f"world size {world_size}, a model of {num_parameters} parameters")
            for other_rank, counts in enumerate(all_held):
                shares = ", ".join(f"{what} {count}" for what, count in counts.items())
                print(f"[rank {other_rank}] holds {shares}")
            together = ", ".join(f"{what} {sum(c[what] for c in all_held)}" for what in held)
            print(f"all ranks together: {together}")  # one copy in all, nothing twice
            print(f"test accuracy {test_acc:.2f}")
        dist.barrier()  # every rank is done before the group is torn down
    finally:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()

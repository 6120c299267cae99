"""Distributed data-parallel training, launched by torchrun.

    torchrun --standalone --nproc_per_node=2 examples/10_multi_gpu/ddp_torchrun.py

torchrun starts the processes and gives each one RANK, LOCAL_RANK, WORLD_SIZE and
LOCAL_WORLD_SIZE (and MASTER_ADDR / MASTER_PORT) in its environment. When every process
on a machine has a GPU of its own, each trains on its GPU over NCCL; otherwise all of
them run on the CPU over Gloo, with a warning.
"""

import os
import warnings

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from pytorch_primer import NeuralNetwork
from pytorch_primer.data import two_blobs


def choose_device(local_rank):
    """This process's own GPU if every process on this machine has one, else the CPU."""
    # the processes on this machine, not WORLD_SIZE: two machines of 8 GPUs make 16 processes
    local_world_size = int(os.environ.get("LOCAL_WORLD_SIZE", local_rank + 1))
    num_gpus = torch.cuda.device_count() if torch.cuda.is_available() else 0
    if local_world_size <= num_gpus:
        return torch.device("cuda", local_rank)
    warnings.warn(f"{local_world_size} processes on this machine but {num_gpus} GPUs:"
                  " training on the CPU with Gloo", stacklevel=2)
    return torch.device("cpu")


def evaluate_on_every_rank(model, dataset, device):
    """The accuracy on the whole data set: each rank counts its own share, all_reduce adds up."""
    sampler = DistributedSampler(dataset, shuffle=False)  # pads to a multiple of the world size
    loader = DataLoader(dataset, batch_size=4, sampler=sampler)
    counts = torch.zeros(2, device=device)  # correct predictions, examples seen
    model.eval()
    with torch.no_grad():
        for features, labels in loader:
            features, labels = features.to(device), labels.to(device)
            predictions = model(features).argmax(dim=1)
            counts[0] += (predictions == labels).sum()
            counts[1] += len(labels)
    model.train()
    dist.all_reduce(counts)  # the sums over all ranks, on every rank
    return (counts[0] / counts[1]).item()


def main(num_epochs=3):
    rank = int(os.environ["RANK"])
    local_rank = int(os.environ["LOCAL_RANK"])
    world_size = int(os.environ["WORLD_SIZE"])

    device = choose_device(local_rank)
    if device.type == "cuda":
        torch.cuda.set_device(device)  # before init, so NCCL uses this process's GPU
    backend = dist.get_default_backend_for_device(device)  # nccl for cuda, gloo for cpu
    dist.init_process_group(backend=backend)  # rank and world size from the environment
    try:
        features, labels = two_blobs()
        train_ds = TensorDataset(features[:16], labels[:16])
        test_ds = TensorDataset(features[16:], labels[16:])
        sampler = DistributedSampler(train_ds, shuffle=True, seed=123)  # this rank's share
        train_loader = DataLoader(
            train_ds, batch_size=2, sampler=sampler, pin_memory=device.type == "cuda"
        )

        torch.manual_seed(123)
        model = NeuralNetwork(num_inputs=2, num_outputs=2).to(device)
        model = DDP(model, device_ids=[local_rank] if device.type == "cuda" else None)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.5)

        log = []
        for epoch in range(num_epochs):
            sampler.set_epoch(epoch)  # a different shuffle each epoch, the same on every rank
            model.train()
            for features_batch, labels_batch in train_loader:
                features_batch = features_batch.to(device, non_blocking=True)
                labels_batch = labels_batch.to(device, non_blocking=True)
                loss = F.cross_entropy(model(features_batch), labels_batch)
                optimizer.zero_grad()
                loss.backward()  # DDP averages the gradients of all processes here
                optimizer.step()
            log.append(f"[rank {rank}] epoch {epoch + 1}/{num_epochs}:"
                       f" {len(train_loader)} batches, last loss {loss.item():.2f}")

        # every rank evaluates its share, through the model inside the DDP wrapper
        train_acc = evaluate_on_every_rank(model.module, train_ds, device)
        test_acc = evaluate_on_every_rank(model.module, test_ds, device)

        logs = [None] * world_size
        dist.all_gather_object(logs, log)  # every rank's log, in rank order
        if rank == 0:
            print(f"world size {world_size}, backend {dist.get_backend()},"
                  f" device type {device.type}")
            for rank_log in logs:
                print("\n".join(rank_log))
            print(f"train accuracy {train_acc:.2f}, test accuracy {test_acc:.2f}")
        dist.barrier()  # every rank is done before the group is torn down
    finally:
        dist.destroy_process_group()  # on every way out, errors included


if __name__ == "__main__":
    main()

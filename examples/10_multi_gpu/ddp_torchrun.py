"""Distributed data-parallel training, launched by torchrun.

    torchrun --standalone --nproc_per_node=2 examples/10_multi_gpu/ddp_torchrun.py

torchrun starts the processes and gives each one RANK, LOCAL_RANK and WORLD_SIZE (and
MASTER_ADDR / MASTER_PORT) in its environment. With a GPU for every process, each
process trains on its own GPU over NCCL; otherwise all of them run on the CPU over Gloo.
"""

import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from pytorch_primer import NeuralNetwork, compute_accuracy
from pytorch_primer.data import two_blobs


def setup(rank, local_rank, world_size):
    """Join the process group; return the device this process trains on."""
    use_cuda = torch.cuda.is_available() and torch.cuda.device_count() >= world_size
    if use_cuda:
        torch.cuda.set_device(local_rank)  # before init, so NCCL uses the right GPU
    dist.init_process_group(backend="nccl" if use_cuda else "gloo", rank=rank, world_size=world_size)
    return torch.device("cuda", local_rank) if use_cuda else torch.device("cpu")


def train(rank, world_size, device, num_epochs=3):
    features, labels = two_blobs()
    train_ds = TensorDataset(features[:16], labels[:16])
    test_ds = TensorDataset(features[16:], labels[16:])
    sampler = DistributedSampler(train_ds, num_replicas=world_size, rank=rank, shuffle=True, seed=123)
    train_loader = DataLoader(train_ds, batch_size=2, sampler=sampler, pin_memory=device.type == "cuda")

    torch.manual_seed(123)
    model = NeuralNetwork(num_inputs=2, num_outputs=2).to(device)
    model = DDP(model, device_ids=[device.index] if device.type == "cuda" else None)
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
        log.append(f"[rank {rank}] epoch {epoch + 1}/{num_epochs}: {len(train_loader)} batches,"
                   f" last loss {loss.item():.2f}")
    return model, log, train_ds, test_ds


def report(rank, world_size, device, model, log, train_ds, test_ds):
    """Print every rank's log in rank order, then evaluate once, on rank 0."""
    logs = [None] * world_size
    dist.all_gather_object(logs, log)
    if rank == 0:
        print(f"world size {world_size}, backend {dist.get_backend()}, device type {device.type}")
        for rank_log in logs:
            print("\n".join(rank_log))
        module = model.module  # the model DDP wraps
        train_acc = compute_accuracy(module, DataLoader(train_ds, batch_size=4), device=device)
        test_acc = compute_accuracy(module, DataLoader(test_ds, batch_size=4), device=device)
        print(f"train accuracy {train_acc:.2f}, test accuracy {test_acc:.2f}")
    dist.barrier()  # the other ranks wait here until rank 0 is done, then all leave together


def main():
    rank = int(os.environ["RANK"])
    local_rank = int(os.environ["LOCAL_RANK"])
    world_size = int(os.environ["WORLD_SIZE"])
    device = setup(rank, local_rank, world_size)
    try:
        report(rank, world_size, device, *train(rank, world_size, device))
    finally:
        dist.destroy_process_group()  # on every exit path, errors included


if __name__ == "__main__":
    main()

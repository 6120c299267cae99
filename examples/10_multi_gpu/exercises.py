"""Chapter 10 exercises: the answers, run and checked like every other block."""

# --8<-- [start:uneven-split]
from torch.utils.data import DistributedSampler

train_indices = range(16)  # stands for a data set of 16 examples: only its length matters here

# num_replicas and rank given by hand: no process group needed to see the split
for drop_last in [False, True]:
    print(f"drop_last={drop_last}")
    for rank in range(3):
        sampler = DistributedSampler(
            train_indices, num_replicas=3, rank=rank, shuffle=False, drop_last=drop_last
        )
        print(f"  rank {rank}: {list(sampler)}")
# --8<-- [end:uneven-split]

# --8<-- [start:set-epoch]
from torch.utils.data import DistributedSampler

sampler = DistributedSampler(range(16), num_replicas=2, rank=0, shuffle=True, seed=123)
for epoch in range(2):
    print(f"epoch {epoch}, set_epoch forgotten: {list(sampler)}")
for epoch in range(2):
    sampler.set_epoch(epoch)  # the shuffle is seeded with seed + epoch
    print(f"epoch {epoch}, set_epoch called:    {list(sampler)}")
# --8<-- [end:set-epoch]

# --8<-- [start:steps-per-epoch]
from torch.utils.data import DataLoader, DistributedSampler

batch_size = 2  # per process
for world_size in [1, 2, 4, 8]:
    sampler = DistributedSampler(range(16), num_replicas=world_size, rank=0)
    loader = DataLoader(range(16), batch_size=batch_size, sampler=sampler)
    # every process takes a step at the same time, each on its own batch
    examples_per_step = batch_size * world_size
    print(f"world size {world_size} | steps per epoch {len(loader)}"
          f" | examples per step {examples_per_step}")
# --8<-- [end:steps-per-epoch]

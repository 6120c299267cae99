"""Chapter 14 exercises: the answers, run and checked like every other block."""

# --8<-- [start:replay-shuffle]
import torch
from torch.utils.data import DataLoader, TensorDataset

generator = torch.Generator().manual_seed(123)
loader = DataLoader(TensorDataset(torch.arange(6)), batch_size=3, shuffle=True, generator=generator)

state = generator.get_state()  # what a checkpoint saves after an epoch
epoch_a = [batch.tolist() for (batch,) in loader]
epoch_b = [batch.tolist() for (batch,) in loader]  # the generator moved on: another order
generator.set_state(state)  # what --resume restores
replayed = [batch.tolist() for (batch,) in loader]
print(epoch_a, epoch_b, replayed)
print(replayed == epoch_a)
# --8<-- [end:replay-shuffle]

# --8<-- [start:what-loads]
import argparse

from pytorch_primer.checkpoints import CheckpointError, load_checkpoint, save_checkpoint

config = {"seed": 123, "optimizer": {"lr": 0.005}}
save_checkpoint({"config": config}, "with_config.pt")
print(load_checkpoint("with_config.pt")["config"] == config)

args = argparse.Namespace(epochs=4, resume=True)  # what parse_args() returns
save_checkpoint({"args": args}, "with_args.pt")
try:
    load_checkpoint("with_args.pt")
except CheckpointError as err:
    print(f"{type(err).__name__}: {err}")

save_checkpoint({"args": vars(args)}, "with_args.pt")  # a plain dict instead
print(load_checkpoint("with_args.pt")["args"])
# --8<-- [end:what-loads]

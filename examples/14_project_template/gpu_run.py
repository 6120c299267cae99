"""What a checkpoint of a longer run on a GPU holds, beyond this chapter's project."""

# --8<-- [start:full-checkpoint]
import torch
from torch import nn

from pytorch_primer.checkpoints import load_checkpoint, save_checkpoint

device = "cuda" if torch.cuda.is_available() else "cpu"
model = nn.Sequential(nn.Linear(64, 32), nn.Dropout(0.2), nn.Linear(32, 10)).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.005)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
scaler = torch.amp.GradScaler(device)  # chapter 20
generator = torch.Generator().manual_seed(123)  # the training loader's

checkpoint = {
    "epoch": 3,
    "model": model.state_dict(),
    "optimizer": optimizer.state_dict(),
    "scheduler": scheduler.state_dict(),  # where the learning rate schedule stands
    "scaler": scaler.state_dict(),  # the loss scale it has settled on
    "torch_rng_state": torch.get_rng_state(),  # CPU random numbers
    # one per GPU: dropout there draws from these
    "cuda_rng_states": torch.cuda.get_rng_state_all(),
    "loader_rng_state": generator.get_state(),
}
save_checkpoint(checkpoint, "last.pt")
print(list(load_checkpoint("last.pt")))
# --8<-- [end:full-checkpoint]

# --8<-- [start:resume-full]
checkpoint = load_checkpoint("last.pt")
model.load_state_dict(checkpoint["model"])
optimizer.load_state_dict(checkpoint["optimizer"])
scheduler.load_state_dict(checkpoint["scheduler"])
scaler.load_state_dict(checkpoint["scaler"])
torch.set_rng_state(checkpoint["torch_rng_state"])
torch.cuda.set_rng_state_all(checkpoint["cuda_rng_states"])
generator.set_state(checkpoint["loader_rng_state"])
print("resumed after epoch", checkpoint["epoch"], "| learning rate", scheduler.get_last_lr()[0])
# --8<-- [end:resume-full]

# --8<-- [start:deterministic]
torch.use_deterministic_algorithms(True)  # an error where an operation has no deterministic kernel
torch.backends.cudnn.benchmark = False  # the same convolution algorithm in every run
# --8<-- [end:deterministic]

"""Chapter 18 exercises: the answers, run and checked like every other block."""

# --8<-- [start:keep-a-number]
import torch
from torch import nn

torch.manual_seed(123)
model = nn.Linear(4, 1)
loss = model(torch.randn(8, 4)).pow(2).mean()

for name, kept in [("loss", loss), ("loss.detach()", loss.detach()), ("loss.item()", loss.item())]:
    has_graph = getattr(kept, "grad_fn", None) is not None
    print(f"{name:<14} {type(kept).__name__:<7} graph attached: {has_graph}")
# --8<-- [end:keep-a-number]

# --8<-- [start:activations-and-batch-size]
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(123)
model = nn.Sequential(nn.Linear(64, 512), nn.ReLU(), nn.Linear(512, 10))
parameters = {p.untyped_storage().data_ptr() for p in model.parameters()}
print(f"parameters: {sum(p.nbytes for p in model.parameters()) / 2**20:.2f} MiB")


def saved_bytes(batch_size):
    """Bytes one forward pass saves for backward, each block of memory once, parameters left out."""
    saved = {}

    def pack(tensor):
        storage = tensor.untyped_storage()
        if storage.data_ptr() not in parameters:
            saved[storage.data_ptr()] = storage.nbytes()
        return tensor.detach()

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        F.cross_entropy(model(torch.randn(batch_size, 64)), torch.randint(0, 10, (batch_size,)))
    return sum(saved.values())


for batch_size in (32, 64, 128, 256):
    saved_mib = saved_bytes(batch_size) / 2**20
    print(f"batch size {batch_size:3d}: saved for backward {saved_mib:.2f} MiB")
# --8<-- [end:activations-and-batch-size]

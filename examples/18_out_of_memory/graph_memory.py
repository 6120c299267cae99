"""What keeps memory alive around a model: summed losses, leftover variables, graphs."""

# --8<-- [start:imports]
import copy
import gc
import weakref
from collections import Counter

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

# --8<-- [end:imports]


# --8<-- [start:graph-memory]
class SavedTensor:
    """A box for one tensor saved for backward; it lives exactly as long as its graph."""

    __slots__ = ("tensor", "__weakref__")

    def __init__(self, tensor):
        self.tensor = tensor


class GraphMemory(torch.autograd.graph.saved_tensors_hooks):
    """Bytes that autograd has saved for backward passes and still holds.

    Inside `with memory:`, every tensor an operation saves for its backward pass goes
    through `pack`. When the graph is freed, so is the box, and `weakref.finalize` takes
    the bytes off again. A block of memory saved twice counts once; the model's own
    parameters not at all (the model keeps them anyway)."""

    def __init__(self, model):
        super().__init__(self.pack, self.unpack)
        self.parameters = {p.untyped_storage().data_ptr() for p in model.parameters()}
        self.holders = Counter()  # address of a block of memory -> boxes holding it
        self.sizes = {}

    def pack(self, tensor):
        box = SavedTensor(tensor.detach())  # detach: the box must not hold the graph itself
        storage = tensor.untyped_storage()
        address = storage.data_ptr()
        if address not in self.parameters:
            self.holders[address] += 1
            self.sizes[address] = storage.nbytes()
            weakref.finalize(box, self.release, address)
        return box

    def unpack(self, box):
        return box.tensor

    def release(self, address):
        self.holders[address] -= 1
        if self.holders[address] == 0:
            del self.holders[address], self.sizes[address]

    @property
    def held(self):
        return sum(self.sizes.values())


def mib(num_bytes):
    return f"{num_bytes / 2**20:.2f} MiB"


# --8<-- [end:graph-memory]

# --8<-- [start:data]
torch.manual_seed(123)
X_val = torch.randn(12_800, 64)
y_val = torch.randint(0, 10, (12_800,))
val_loader = DataLoader(TensorDataset(X_val, y_val), batch_size=256)  # 50 batches

model = nn.Sequential(nn.Linear(64, 512), nn.ReLU(), nn.Linear(512, 10))
memory = GraphMemory(model)
# --8<-- [end:data]

# --8<-- [start:sum-loss-tensor]
total_loss = 0.0
with memory:
    for features, labels in val_loader:
        logits = model(features)
        loss = F.cross_entropy(logits, labels)
        total_loss += loss  # a tensor: it drags every batch's graph along

print(f"mean loss {total_loss / len(val_loader):.4f}")
print("requires_grad:", total_loss.requires_grad, "| grad_fn:", type(total_loss.grad_fn).__name__)
print("graph memory held:", mib(memory.held))
# --8<-- [end:sum-loss-tensor]

# --8<-- [start:sum-loss-item]
total_loss = 0.0  # the old total goes, and every graph it held with it
with memory:
    for features, labels in val_loader:
        logits = model(features)
        loss = F.cross_entropy(logits, labels)
        total_loss += loss.item()  # a Python float: no graph attached

print(f"mean loss {total_loss / len(val_loader):.4f}")
print("type:", type(total_loss).__name__)
print("graph memory held:", mib(memory.held))
# --8<-- [end:sum-loss-item]


# --8<-- [start:peak-memory-cuda]
def gpu_memory_of_a_pass(model, summed):
    """GPU memory still held after a validation pass, and its peak, above the start."""
    torch.cuda.reset_peak_memory_stats()
    start = torch.cuda.memory_allocated()
    total_loss = 0.0
    for features, labels in val_loader:
        logits = model(features.cuda())
        loss = F.cross_entropy(logits, labels.cuda())
        total_loss += loss if summed == "loss" else loss.item()
    return torch.cuda.memory_allocated() - start, torch.cuda.max_memory_allocated() - start


if torch.cuda.is_available():
    gpu_model = copy.deepcopy(model).to("cuda")
    # warm-up: the CUDA libraries allocate their own memory once, on first use
    F.cross_entropy(gpu_model(X_val[:256].cuda()), y_val[:256].cuda())
    for summed in ("loss", "loss.item()"):
        held, peak = gpu_memory_of_a_pass(gpu_model, summed)
        print(f"total_loss += {summed:<11}  held after the loop {mib(held)}, peak {mib(peak)}")
else:
    print("No CUDA GPU here: torch.cuda has no memory to measure.")
# --8<-- [end:peak-memory-cuda]

# --8<-- [start:del]
# A for loop has no scope of its own: its last batch is still here
print(f"last loss {loss.item():.4f}, graph memory held: {mib(memory.held)}")
del logits, loss  # the last references to the graph: it is freed at once
print("after del:", mib(memory.held))
# --8<-- [end:del]

# --8<-- [start:gc-collect]
gc.disable()  # the collector also runs on its own; stop it so we can watch
with memory:
    logits = model(features)
record = {"logits": logits}
record["self"] = record  # a reference cycle: the dict refers to itself
del logits, record
print("after del:", mib(memory.held))  # the cycle still holds the graph
gc.collect()  # finds groups of objects that only refer to each other, and frees them
print("after gc.collect():", mib(memory.held))
gc.enable()
# --8<-- [end:gc-collect]

# --8<-- [start:no-grad]
model.eval()  # eval() switches layers like dropout; it does not stop the graph
total_loss = 0.0
with memory, torch.no_grad():
    for features, labels in val_loader:
        logits = model(features)
        loss = F.cross_entropy(logits, labels)
        total_loss += loss.item()

print(f"mean loss {total_loss / len(val_loader):.4f}")
print("requires_grad:", loss.requires_grad, "| grad_fn:", loss.grad_fn)
print("graph memory held:", mib(memory.held))
# --8<-- [end:no-grad]

# --8<-- [start:inference-mode]
with memory, torch.inference_mode():
    logits = model(features)
print("requires_grad:", logits.requires_grad, "| inference tensor:", logits.is_inference())
print("graph memory held:", mib(memory.held))

head = nn.Linear(10, 2)  # a new layer, trained outside inference mode
try:
    head(logits)
except RuntimeError as err:
    print(f"RuntimeError: {str(err).split('. ')[0]}")
# --8<-- [end:inference-mode]

# --8<-- [start:checkpoint]
from torch.utils.checkpoint import checkpoint

model.zero_grad()
with memory:
    loss = F.cross_entropy(model(features), labels)
print("plain forward:        graph memory held", mib(memory.held))
loss.backward()
plain_grads = [p.grad.clone() for p in model.parameters()]

model.zero_grad()
with memory:
    logits = checkpoint(model, features, use_reentrant=False)  # keeps only the input
    loss = F.cross_entropy(logits, labels)
print("checkpointed forward: graph memory held", mib(memory.held))
loss.backward()  # runs model's forward again to rebuild what it needs
same = all(torch.equal(g, p.grad) for g, p in zip(plain_grads, model.parameters(), strict=True))
print("same gradients:", same)
# --8<-- [end:checkpoint]

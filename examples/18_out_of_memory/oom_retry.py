"""Recovering from CUDA out-of-memory errors by halving the batch size."""

# --8<-- [start:real-oom]
import torch

if torch.cuda.is_available():
    try:
        torch.empty(2**38, device="cuda")  # 2**38 float32 numbers: 1 TiB
    except torch.cuda.OutOfMemoryError as err:
        message = str(err)
        # the first sentence; the middle names this GPU's figures
        print(f"{type(err).__name__}: {message.split('. GPU')[0]}")
        if "If reserved" in message:  # the allocator's advice, at the end
            print(message[message.index("If reserved") :].split("  See")[0])
else:
    print("No CUDA GPU here: there is no GPU memory to run out of.")
# --8<-- [end:real-oom]


# --8<-- [start:fallback]
def run_with_batch_size_fallback(step_fn, batch_size, min_batch_size=1):
    """Call `step_fn(batch_size)`; after a CUDA out-of-memory error, halve the batch size
    and call it again. Returns (what step_fn returned, the batch size that fit). At
    `min_batch_size` the error is raised: the model does not fit even then."""
    while True:
        try:
            return step_fn(batch_size), batch_size
        except torch.cuda.OutOfMemoryError:
            if batch_size <= min_batch_size:
                raise
            print(f"batch size {batch_size}: out of memory")
        # Out of the except block: the error's traceback, and the tensors it kept, are gone
        batch_size = max(batch_size // 2, min_batch_size)


# --8<-- [end:fallback]


# --8<-- [start:fallback-demo]
import torch.nn.functional as F
from torch import nn

torch.manual_seed(123)
X_train = torch.randn(1024, 64)
y_train = torch.randint(0, 10, (1024,))
model = nn.Sequential(nn.Linear(64, 512), nn.ReLU(), nn.Linear(512, 10))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

largest_batch_that_fits = 100  # a pretend GPU, so that this runs on any machine


def train_step(batch_size):
    if batch_size > largest_batch_that_fits:  # what a GPU that is too small raises
        raise torch.cuda.OutOfMemoryError(f"CUDA out of memory (pretend: {batch_size} examples)")
    logits = model(X_train[:batch_size])
    loss = F.cross_entropy(logits, y_train[:batch_size])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


loss, batch_size = run_with_batch_size_fallback(train_step, batch_size=1024)
print(f"batch size {batch_size} fits: loss {loss:.4f}")
# --8<-- [end:fallback-demo]

# --8<-- [start:fallback-gives-up]
largest_batch_that_fits = 0  # a model too large for this GPU at any batch size
try:
    run_with_batch_size_fallback(train_step, batch_size=4)
except torch.cuda.OutOfMemoryError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:fallback-gives-up]

# --8<-- [start:gradient-accumulation]
accumulation_steps = 4  # 4 batches of 16 train like one batch of 64
X_big, y_big = X_train[:64], y_train[:64]

optimizer.zero_grad()
X_batches, y_batches = X_big.chunk(accumulation_steps), y_big.chunk(accumulation_steps)
for X_batch, y_batch in zip(X_batches, y_batches, strict=True):
    loss = F.cross_entropy(model(X_batch), y_batch)
    (loss / accumulation_steps).backward()  # each batch's mean counts a quarter
accumulated = [p.grad.clone() for p in model.parameters()]

optimizer.zero_grad()
F.cross_entropy(model(X_big), y_big).backward()  # for comparison: the 64 in one batch
pairs = zip(accumulated, model.parameters(), strict=True)
same = all(torch.allclose(a, p.grad, atol=1e-7) for a, p in pairs)
print("same gradients as one batch of 64:", same)
# --8<-- [end:gradient-accumulation]

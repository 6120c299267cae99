"""Training on scikit-learn's digits in float32 and with 16-bit autocast."""

# --8<-- [start:data]
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

digits = load_digits()  # 1,797 images of 8x8 pixels, shipped with scikit-learn
X_train, X_test, y_train, y_test = train_test_split(
    digits.data / 16.0, digits.target, test_size=0.2, random_state=1, stratify=digits.target
)
train_ds = TensorDataset(torch.tensor(X_train, dtype=torch.float32), torch.tensor(y_train))
test_ds = TensorDataset(torch.tensor(X_test, dtype=torch.float32), torch.tensor(y_test))
print(len(train_ds), "training images,", len(test_ds), "test images")
# --8<-- [end:data]


# --8<-- [start:train-function]
def train(device, dtype=None, use_scaler=False, num_epochs=10):
    """Train a fresh model; autocast to `dtype` (None: plain float32). Returns the model."""
    torch.manual_seed(123)
    model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10)).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scaler = torch.amp.GradScaler(device.type, enabled=use_scaler)  # disabled: does nothing
    train_loader = DataLoader(
        train_ds,
        batch_size=64,
        shuffle=True,
        generator=torch.Generator().manual_seed(123),
    )

    for _ in range(num_epochs):
        for features, labels in train_loader:
            features, labels = features.to(device), labels.to(device)
            with torch.autocast(device_type=device.type, dtype=dtype, enabled=dtype is not None):
                logits = model(features)  # only the forward pass and the loss go inside
                loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            scaler.scale(loss).backward()  # loss * scale, so small gradients survive float16
            scaler.step(optimizer)  # unscales the gradients; skips the step if any is inf or NaN
            scaler.update()  # adjusts the scale for the next step
    return model


def test_accuracy(model, device):
    features, labels = test_ds.tensors
    with torch.no_grad():
        predictions = model(features.to(device)).argmax(dim=1)
    return (predictions == labels.to(device)).float().mean().item()


# --8<-- [end:train-function]

# --8<-- [start:train-cpu]
cpu = torch.device("cpu")
for dtype in (None, torch.bfloat16):
    model = train(cpu, dtype)
    name = "float32" if dtype is None else "bfloat16 autocast"
    print(f"{name:<18} test accuracy {test_accuracy(model, cpu):.4f}")
# --8<-- [end:train-cpu]


# --8<-- [start:memory-by-dtype]
def mib(num_bytes):
    return f"{num_bytes / 2**20:.2f} MiB"


def tensor_bytes(tensor):
    return tensor.element_size() * tensor.nelement()  # bytes per number * numbers


features = torch.randn(4096, 64)  # one large batch
with torch.no_grad():
    hidden_32 = model[0](features)
    with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
        hidden_16 = model[0](features)
print(f"hidden activations, float32:  {mib(tensor_bytes(hidden_32))}")
print(f"hidden activations, bfloat16: {mib(tensor_bytes(hidden_16))}")
print(f"parameters, float32:  {mib(sum(tensor_bytes(p) for p in model.parameters()))}")
print(
    "parameters, bfloat16: "
    f"{mib(sum(tensor_bytes(p.to(torch.bfloat16)) for p in model.parameters()))}"
)
# --8<-- [end:memory-by-dtype]

# --8<-- [start:train-cuda]
if torch.cuda.is_available():
    gpu = torch.device("cuda")
    for name, dtype, use_scaler in [
        ("float32", None, False),
        ("float16 + scaler", torch.float16, True),
        ("bfloat16", torch.bfloat16, False),
    ]:
        model = train(gpu, dtype, use_scaler)
        print(f"{name:<18} test accuracy {test_accuracy(model, gpu):.4f}")
else:
    print("No CUDA GPU here: float16 training with GradScaler needs one.")
# --8<-- [end:train-cuda]

# --8<-- [start:clip-with-scaler]
torch.manual_seed(123)
model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scaler = torch.amp.GradScaler("cpu")  # "cuda" on a GPU
features, labels = train_ds[:64]

loss = F.cross_entropy(model(features), labels)
scaler.scale(loss).backward()
print(
    "gradient norm, scaled:   "
    f"{nn.utils.get_total_norm([p.grad for p in model.parameters()]):.1f}"
)
scaler.unscale_(optimizer)  # divides the gradients by the scale, in place
grad_norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)  # clips the true gradients
print(f"gradient norm, unscaled: {grad_norm:.4f}")
scaler.step(optimizer)  # knows they are unscaled: does not divide again
scaler.update()
# --8<-- [end:clip-with-scaler]

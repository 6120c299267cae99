"""Watching a small digits classifier train: TensorBoard logs, read back and drawn,
and W&B offline.
"""

# --8<-- [start:imports]
import shutil

import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.tensorboard import SummaryWriter

torch.set_num_threads(1)  # a model this small trains fastest on one thread
# --8<-- [end:imports]

# --8<-- [start:data]
digits = load_digits()  # 1,797 images of 8x8 pixels, shipped with scikit-learn: no download
X = torch.tensor(digits["data"], dtype=torch.float32) / 16.0  # pixels 0..16 -> 0..1
y = torch.tensor(digits["target"])
X_train, X_test, y_train, y_test = train_test_split(
    X,
    y,
    test_size=0.25,
    random_state=123,
    stratify=y,
)

train_loader = DataLoader(
    TensorDataset(X_train, y_train),
    batch_size=32,
    shuffle=True,
    generator=torch.Generator().manual_seed(123),
)
print(X_train.shape, X_test.shape)
# --8<-- [end:data]


# --8<-- [start:model]
class DigitsClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(64, 32)
        self.output = nn.Linear(32, 10)

    def forward(self, x):
        return self.output(torch.relu(self.hidden(x)))  # logits


def train_one_epoch(model, optimizer):
    """One pass over the training set; the average loss."""
    model.train()
    total_loss = 0.0
    for features, labels in train_loader:
        loss = F.cross_entropy(model(features), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(labels)
    return total_loss / len(X_train)


def test_accuracy(model):
    model.eval()
    with torch.no_grad():
        return (model(X_test).argmax(dim=1) == y_test).float().mean().item()


torch.manual_seed(123)
model = DigitsClassifier()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
num_epochs = 5
# --8<-- [end:model]

# --8<-- [start:writer]
log_dir = "runs/digits"  # one folder per run, under one parent folder for all runs
shutil.rmtree(log_dir, ignore_errors=True)  # start clean: an older run would mix in
writer = SummaryWriter(log_dir)
# --8<-- [end:writer]

# --8<-- [start:graph]
# runs one example through the model and records the operations
writer.add_graph(model, X_train[:1])
# --8<-- [end:graph]

# --8<-- [start:images]
images = X_test[:16].reshape(-1, 1, 8, 8)  # (N, channels, height, width)
images = F.interpolate(images, scale_factor=4)  # 32x32 pixels: easier to see
writer.add_images("test digits", images)  # one picture: the 16 images in a grid
print(images.shape)
# --8<-- [end:images]

# --8<-- [start:training]
for epoch in range(1, num_epochs + 1):
    train_loss = train_one_epoch(model, optimizer)
    accuracy = test_accuracy(model)

    writer.add_scalar("loss/train", train_loss, global_step=epoch)
    writer.add_scalar("accuracy/test", accuracy, global_step=epoch)
    for name, param in model.named_parameters():  # hidden.weight, hidden.bias, ...
        writer.add_histogram(name, param, global_step=epoch)

    print(
        f"Epoch: {epoch:03d}/{num_epochs:03d} | Train Loss: {train_loss:.4f}"
        f" | Test Acc: {accuracy:.4f}"
    )
# --8<-- [end:training]

# --8<-- [start:text]
model.eval()
with torch.no_grad():
    predictions = model(X_test[:8]).argmax(dim=1)

rows = ["| label | prediction |", "|---|---|"]  # a Markdown table
for label, prediction in zip(y_test[:8].tolist(), predictions.tolist(), strict=True):
    rows.append(f"| {label} | {prediction} |")
table = "\n".join(rows)
writer.add_text("predictions", table, global_step=num_epochs)
writer.close()  # flush everything to disk
print(table)
# --8<-- [end:text]

# --8<-- [start:read-back]
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

# By default the reader keeps only a sample of each kind (one histogram per tag!);
# 0 keeps everything
events = EventAccumulator(
    log_dir,
    size_guidance={"scalars": 0, "histograms": 0, "images": 0, "tensors": 0},
)
events.Reload()  # read the event files

tags = events.Tags()
for kind in ("scalars", "histograms", "images", "tensors"):
    print(f"{kind:10s}: {tags[kind]}")
print(f"graph     : {tags['graph']}")

for tag in ("loss/train", "accuracy/test"):
    values = " ".join(f"{event.value:.4f}" for event in events.Scalars(tag))
    print(f"{tag:13s}: {values}")
# --8<-- [end:read-back]

# --8<-- [start:histograms]
for event in events.Histograms("hidden.weight"):
    histogram = event.histogram_value  # summary numbers and the bucket counts
    mean = histogram.sum / histogram.num
    std = (histogram.sum_squares / histogram.num - mean**2) ** 0.5
    print(f"step {event.step}: min {histogram.min:+.4f} max {histogram.max:+.4f} std {std:.4f}")
# --8<-- [end:histograms]

# --8<-- [start:plot]
import matplotlib.pyplot as plt

fig, axes = plt.subplots(1, 2, figsize=(8, 3))
for ax, tag in zip(axes, ("loss/train", "accuracy/test"), strict=True):
    scalar_events = events.Scalars(tag)
    ax.plot([e.step for e in scalar_events], [e.value for e in scalar_events], marker="o")
    ax.set_title(tag)
    ax.set_xlabel("epoch")
fig.tight_layout()
fig.savefig("16-scalars.svg")
# --8<-- [end:plot]

# --8<-- [start:wandb]
import wandb

torch.manual_seed(123)  # the same start as the TensorBoard run
model = DigitsClassifier()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
train_loader.generator.manual_seed(123)  # and the same shuffling

run = wandb.init(
    project="digits",
    mode="offline",  # write to ./wandb, upload later (or never)
    dir=".",
    config={"lr": 0.01, "batch_size": 32, "num_epochs": num_epochs},
    settings=wandb.Settings(silent=True, console="off"),  # no banner, no capture of the prints
)
for epoch in range(1, num_epochs + 1):
    train_loss = train_one_epoch(model, optimizer)
    run.log({"epoch": epoch, "loss/train": train_loss, "accuracy/test": test_accuracy(model)})

print(
    f"summary: loss/train {run.summary['loss/train']:.4f}, "
    f"accuracy/test {run.summary['accuracy/test']:.4f}"
)
run.finish()  # close the run and stop W&B's helper process
# --8<-- [end:wandb]

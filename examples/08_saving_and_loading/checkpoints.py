"""Training checkpoints in the bootcamp's sense: epoch, model, optimizer, loss, metric.

Stopping after one epoch and resuming gives the same losses as training straight through.
"""

# --8<-- [start:imports]
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from pytorch_primer import NeuralNetwork, ToyDataset, X_train, compute_accuracy, y_train
from pytorch_primer.checkpoints import CheckpointError, load_checkpoint, save_checkpoint

# --8<-- [end:imports]


# --8<-- [start:train-one-epoch]
def train_one_epoch(model, optimizer, epoch, seed=123):
    generator = torch.Generator().manual_seed(seed + epoch)  # each epoch's shuffle, replayable
    loader = DataLoader(
        ToyDataset(X_train, y_train),
        batch_size=2,
        shuffle=True,
        generator=generator,
    )
    losses = []
    model.train()
    for features, labels in loader:
        loss = F.cross_entropy(model(features), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(round(loss.item(), 4))
    return losses, loader


def new_run():
    torch.manual_seed(123)
    model = NeuralNetwork(2, 2)
    return model, torch.optim.SGD(model.parameters(), lr=0.5)


# --8<-- [end:train-one-epoch]

# --8<-- [start:uninterrupted]
model, optimizer = new_run()
straight_through = []
for epoch in range(3):
    losses, _ = train_one_epoch(model, optimizer, epoch)
    straight_through += losses
print(straight_through)
# --8<-- [end:uninterrupted]

# --8<-- [start:save-a-checkpoint]
model, optimizer = new_run()
losses, loader = train_one_epoch(model, optimizer, epoch=0)
save_checkpoint(
    {
        "epoch": 0,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "losses": losses,
        "accuracy": compute_accuracy(model, loader),
    },
    "checkpoints/last.pth",
)
del model, optimizer  # as if the program had stopped here
# --8<-- [end:save-a-checkpoint]

# --8<-- [start:resume]
checkpoint = load_checkpoint("checkpoints/last.pth")
model, optimizer = new_run()
model.load_state_dict(checkpoint["model"])
optimizer.load_state_dict(checkpoint["optimizer"])
resumed = checkpoint["losses"]
for epoch in range(checkpoint["epoch"] + 1, 3):
    losses, _ = train_one_epoch(model, optimizer, epoch)
    resumed += losses
print(f"resumed after epoch {checkpoint['epoch'] + 1}, accuracy then {checkpoint['accuracy']:.2f}")
print(resumed)
print(resumed == straight_through)
# --8<-- [end:resume]

# --8<-- [start:bad-files]
data = open("checkpoints/last.pth", "rb").read()
with open("checkpoints/truncated.pth", "wb") as file:
    file.write(data[: len(data) // 2])  # what a crash during a plain copy leaves

for bad_path in ["checkpoints/missing.pth", "checkpoints/truncated.pth"]:
    try:
        load_checkpoint(bad_path)
    except CheckpointError as error:
        print("CheckpointError:", error)
# --8<-- [end:bad-files]

# --8<-- [start:tampered]
class RunsCodeWhenLoaded:
    def __reduce__(self):  # pickle calls this on saving and replays it on loading
        return (print, ("this line was run by loading the file!",))


torch.save({"model": RunsCodeWhenLoaded()}, "checkpoints/tampered.pth")
try:
    load_checkpoint("checkpoints/tampered.pth")
except CheckpointError as error:
    print("CheckpointError:", error)
# --8<-- [end:tampered]

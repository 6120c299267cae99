"""Chapter 16 exercises: the answers, run and checked like every other block."""

# --8<-- [start:default-sampling]
import shutil

import torch
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch.utils.tensorboard import SummaryWriter

shutil.rmtree("runs/sampling", ignore_errors=True)
writer = SummaryWriter("runs/sampling")
torch.manual_seed(123)
for step in range(1, 6):
    writer.add_histogram("weights", torch.randn(100) * step, global_step=step)
writer.close()

default = EventAccumulator("runs/sampling")  # default size_guidance
default.Reload()
everything = EventAccumulator("runs/sampling", size_guidance={"histograms": 0})
everything.Reload()
print("default:   ", [event.step for event in default.Histograms("weights")])
print("everything:", [event.step for event in everything.Histograms("weights")])
# --8<-- [end:default-sampling]

# --8<-- [start:no-global-step]
import shutil

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch.utils.tensorboard import SummaryWriter

shutil.rmtree("runs/no-step", ignore_errors=True)
writer = SummaryWriter("runs/no-step")
for loss in (0.9, 0.5, 0.3):
    writer.add_scalar("loss/train", loss)  # no global_step
writer.close()

events = EventAccumulator("runs/no-step")
events.Reload()
print([(event.step, round(event.value, 1)) for event in events.Scalars("loss/train")])
# --8<-- [end:no-global-step]

# --8<-- [start:dead-layer]
import shutil

import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch import nn
from torch.utils.tensorboard import SummaryWriter

digits = load_digits()
X = torch.tensor(digits["data"], dtype=torch.float32) / 16.0
y = torch.tensor(digits["target"])

torch.manual_seed(123)
hidden, output = nn.Linear(64, 32), nn.Linear(32, 10)
with torch.no_grad():
    hidden.bias.fill_(-10.0)  # stands for a bad start or a too-large step

activations = torch.relu(hidden(X))
loss = F.cross_entropy(output(activations), y)
loss.backward()

shutil.rmtree("runs/dead", ignore_errors=True)
writer = SummaryWriter("runs/dead")
writer.add_histogram("hidden activations", activations, global_step=1)
writer.close()

events = EventAccumulator("runs/dead")
events.Reload()
histogram = events.Histograms("hidden activations")[0].histogram_value
print(f"activations: min {histogram.min:.4f} max {histogram.max:.4f}")
print("hidden.weight gradient all zero:", bool((hidden.weight.grad == 0).all()))
# --8<-- [end:dead-layer]

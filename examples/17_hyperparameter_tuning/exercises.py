"""Chapter 17 exercises: the answers, run and checked like every other block."""

# --8<-- [start:count-parameters]
from torch import nn

config = {"lr": 0.1357, "hidden_size": 127, "batch_size": 32, "num_epochs": 10}
model = nn.Sequential(
    nn.Linear(64, config["hidden_size"]),
    nn.ReLU(),
    nn.Linear(config["hidden_size"], 10),
)
num_parameters = sum(p.numel() for p in model.parameters())
print(f"{len(config)} hyperparameters, {num_parameters} parameters")
print(64 * 127 + 127 + 127 * 10 + 10)  # weights and biases of both layers
# --8<-- [end:count-parameters]

# --8<-- [start:log-uniform]
import random

rng = random.Random(123)
uniform_lrs = [rng.uniform(0.01, 1.0) for _ in range(10_000)]
log_uniform_lrs = [10 ** rng.uniform(-2, 0) for _ in range(10_000)]
print(f"uniform:     {sum(lr < 0.1 for lr in uniform_lrs) / 10_000:.2f} of the draws below 0.1")
print(f"log-uniform: {sum(lr < 0.1 for lr in log_uniform_lrs) / 10_000:.2f} of the draws below 0.1")
# --8<-- [end:log-uniform]

# --8<-- [start:best-of-many]
import torch

torch.manual_seed(123)
num_configs, num_val, true_accuracy = 12, 359, 0.90  # 12 configs, all equally good
num_searches = 1000  # repeat the whole search to average out luck

# Each config's val accuracy: 359 images, each right with probability 0.90
counts = torch.full((num_searches, num_configs), float(num_val))
val_accuracies = torch.binomial(counts, torch.full_like(counts, true_accuracy)) / num_val
print(f"average val accuracy of a config: {val_accuracies.mean():.4f}")
print(f"average val accuracy of the best: {val_accuracies.max(dim=1).values.mean():.4f}")
# --8<-- [end:best-of-many]

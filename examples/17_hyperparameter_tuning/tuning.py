"""Hyperparameter tuning: grid search, random search, and Bayesian optimization with Ray Tune."""

# --8<-- [start:imports]
import itertools
import random

import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

# One thread: faster for a model this small, and every process (Ray's workers too)
# adds up its numbers in the same order, so the same config gives the same accuracy.
torch.set_num_threads(1)
# --8<-- [end:imports]

# --8<-- [start:data]
digits = load_digits()  # 1,797 images of 8x8 pixels, bundled with scikit-learn
X = torch.tensor(digits["data"] / 16.0, dtype=torch.float32)  # pixels 0..16 -> 0..1
y = torch.tensor(digits["target"])

# 60% to train, 20% to choose hyperparameters (validation), 20% to test once at the end
X_train, X_rest, y_train, y_rest = train_test_split(
    X,
    y,
    test_size=0.4,
    random_state=1,
    stratify=y,
)
X_val, X_test, y_val, y_test = train_test_split(
    X_rest,
    y_rest,
    test_size=0.5,
    random_state=1,
    stratify=y_rest,
)
print(len(X_train), len(X_val), len(X_test))
# --8<-- [end:data]


# --8<-- [start:trial]
def train_model(config):
    torch.manual_seed(123)  # same initial weights and batch order for every config
    model = nn.Sequential(
        nn.Linear(64, config["hidden_size"]),
        nn.ReLU(),
        nn.Linear(config["hidden_size"], 10),
    )
    optimizer = torch.optim.SGD(model.parameters(), lr=config["lr"])
    train_loader = DataLoader(
        TensorDataset(X_train, y_train),
        batch_size=config["batch_size"],
        shuffle=True,
        generator=torch.Generator().manual_seed(123),
    )
    for _ in range(config["num_epochs"]):
        for x_batch, y_batch in train_loader:
            loss = nn.functional.cross_entropy(model(x_batch), y_batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model


def accuracy(model, X, y):
    with torch.no_grad():
        return (model(X).argmax(dim=1) == y).float().mean().item()


def train_and_evaluate(config):
    """Train with one set of hyperparameters; return the validation accuracy."""
    return accuracy(train_model(config), X_val, y_val)


# --8<-- [end:trial]


# --8<-- [start:one-trial]
config = {"lr": 0.01, "hidden_size": 32, "batch_size": 32, "num_epochs": 10}  # chosen by us
model = train_model(config)
num_parameters = sum(p.numel() for p in model.parameters())  # learned by training
print(f"{len(config)} hyperparameters, {num_parameters} parameters")
print(f"val accuracy {accuracy(model, X_val, y_val):.4f}")
# --8<-- [end:one-trial]

# --8<-- [start:grid-search]
learning_rates = [0.01, 0.1, 1.0]
hidden_sizes = [8, 32, 128]

grid_results = []
for lr, hidden_size in itertools.product(learning_rates, hidden_sizes):
    config = {"lr": lr, "hidden_size": hidden_size, "batch_size": 32, "num_epochs": 10}
    val_accuracy = train_and_evaluate(config)
    grid_results.append((val_accuracy, config))
    print(f"lr {lr:.4f}, hidden_size {hidden_size:3d}: val accuracy {val_accuracy:.4f}")

best_accuracy, best_config = max(grid_results, key=lambda result: result[0])
print(
    f"best: lr {best_config['lr']:.4f}, hidden_size {best_config['hidden_size']}, "
    f"val accuracy {best_accuracy:.4f}"
)
# --8<-- [end:grid-search]

# --8<-- [start:random-search]
rng = random.Random(123)
random_results = []
for _ in range(9):  # the same budget as the grid: 9 trials
    lr = 10 ** rng.uniform(-2, 0)  # log-uniform between 0.01 and 1
    hidden_size = rng.randint(8, 128)
    config = {"lr": lr, "hidden_size": hidden_size, "batch_size": 32, "num_epochs": 10}
    val_accuracy = train_and_evaluate(config)
    random_results.append((val_accuracy, config))
    print(f"lr {lr:.4f}, hidden_size {hidden_size:3d}: val accuracy {val_accuracy:.4f}")

best_accuracy, best_config = max(random_results, key=lambda result: result[0])
print(
    f"best: lr {best_config['lr']:.4f}, hidden_size {best_config['hidden_size']}, "
    f"val accuracy {best_accuracy:.4f}"
)
# --8<-- [end:random-search]

# --8<-- [start:ray-setup]
import os

# Ray sends anonymous usage statistics unless this is set before ray is imported;
# this chapter never touches the network.
os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
# Tune's newer console output prints a summary box even when told to be silent
# (verbose=0); the classic reporter prints nothing.
os.environ["RAY_AIR_NEW_OUTPUT"] = "0"

import optuna
import ray
from ray import tune
from ray.tune.search.optuna import OptunaSearch

optuna.logging.set_verbosity(optuna.logging.WARNING)  # no "study created" line on stderr
# A private Ray on this machine, one CPU, no dashboard, workers' prints kept out of ours
ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
# --8<-- [end:ray-setup]


# --8<-- [start:ray-tune]
def trainable(config):
    tune.report({"accuracy": train_and_evaluate(config)})


search_space = {
    "lr": tune.loguniform(0.01, 1.0),
    "hidden_size": tune.randint(8, 129),  # 8 to 128: the upper bound is excluded
    "batch_size": 32,  # fixed values pass through unchanged
    "num_epochs": 10,
}
# TPE: 4 random trials, then each new config is proposed from the results so far
sampler = optuna.samplers.TPESampler(n_startup_trials=4, seed=123)
tuner = tune.Tuner(
    trainable,
    param_space=search_space,
    tune_config=tune.TuneConfig(
        metric="accuracy",
        mode="max",
        search_alg=OptunaSearch(sampler=sampler),
        num_samples=12,
        max_concurrent_trials=1,  # one at a time: every proposal sees all earlier results
        reuse_actors=True,  # one worker process for all trials, not a new one each
    ),
    run_config=tune.RunConfig(storage_path=os.path.abspath("ray_results"), verbose=0),
)
results = tuner.fit()

tune_results = [(result.metrics["accuracy"], result.config) for result in results]  # in trial order
for val_accuracy, config in tune_results:
    print(
        f"lr {config['lr']:.4f}, hidden_size {config['hidden_size']:3d}: "
        f"val accuracy {val_accuracy:.4f}"
    )

best = results.get_best_result()
print(
    f"best: lr {best.config['lr']:.4f}, hidden_size {best.config['hidden_size']}, "
    f"val accuracy {best.metrics['accuracy']:.4f}"
)
# --8<-- [end:ray-tune]

# --8<-- [start:plot]
import matplotlib.pyplot as plt

fig, axes = plt.subplots(1, 3, figsize=(10, 3.2), sharex=True, sharey=True, layout="constrained")
searches = [
    ("grid search", grid_results),
    ("random search", random_results),
    ("TPE with Ray Tune", tune_results),
]
for ax, (title, search_results) in zip(axes, searches, strict=True):
    lrs = [config["lr"] for _, config in search_results]
    sizes = [config["hidden_size"] for _, config in search_results]
    accuracies = [val_accuracy for val_accuracy, _ in search_results]
    points = ax.scatter(lrs, sizes, c=accuracies, cmap="viridis", vmin=0.5, vmax=1.0)
    ax.set_xscale("log")
    ax.set_xlabel("learning rate")
    ax.set_title(title)
axes[0].set_ylabel("hidden_size")
fig.colorbar(points, ax=axes, label="val accuracy")
fig.savefig("17-search-points.svg")
# --8<-- [end:plot]

# --8<-- [start:test-once]
model = train_model(best.config)  # same seed, so the same model the trial trained
print(f"test accuracy of the chosen config: {accuracy(model, X_test, y_test):.4f}")
# --8<-- [end:test-once]

# --8<-- [start:early-stopping]
from ray.tune.schedulers import ASHAScheduler
from ray.tune.search import BasicVariantGenerator


def trainable_per_epoch(config):
    """train_model's loop, reporting the validation accuracy after every epoch."""
    torch.manual_seed(123)
    model = nn.Sequential(
        nn.Linear(64, config["hidden_size"]),
        nn.ReLU(),
        nn.Linear(config["hidden_size"], 10),
    )
    optimizer = torch.optim.SGD(model.parameters(), lr=config["lr"])
    train_loader = DataLoader(
        TensorDataset(X_train, y_train),
        batch_size=config["batch_size"],
        shuffle=True,
        generator=torch.Generator().manual_seed(123),
    )
    for _ in range(config["num_epochs"]):
        for x_batch, y_batch in train_loader:
            loss = nn.functional.cross_entropy(model(x_batch), y_batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        # one report per epoch: the scheduler decides at each one whether the trial goes on
        tune.report({"accuracy": accuracy(model, X_val, y_val)})


# Rungs after 1, 3 and 9 epochs: at each, a trial goes on only if it is in the top third
# of the trials that reached that rung before it
scheduler = ASHAScheduler(max_t=10, grace_period=1, reduction_factor=3)
tuner = tune.Tuner(
    trainable_per_epoch,
    param_space=search_space,
    tune_config=tune.TuneConfig(
        metric="accuracy",
        mode="max",
        scheduler=scheduler,
        search_alg=BasicVariantGenerator(random_state=123),  # random search, seeded
        num_samples=12,
        max_concurrent_trials=1,
        reuse_actors=True,
    ),
    run_config=tune.RunConfig(storage_path=os.path.abspath("ray_results"), verbose=0),
)
asha_results = tuner.fit()
ray.shutdown()

epochs_trained = 0
for result in asha_results:
    lr, hidden_size = result.config["lr"], result.config["hidden_size"]
    epochs = result.metrics["training_iteration"]  # how many times the trial reported
    epochs_trained += epochs
    print(f"lr {lr:.4f}, hidden_size {hidden_size:3d}: {epochs:2d} epochs,"
          f" val accuracy {result.metrics['accuracy']:.4f}")
print(f"epochs trained: {epochs_trained} of {12 * 10}")
# --8<-- [end:early-stopping]

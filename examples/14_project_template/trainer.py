# --8<-- [start:trainer-module]
"""One epoch of training, and evaluation: the same for every model and data set."""

import torch
import torch.nn.functional as F


def train_one_epoch(model, train_loader, optimizer):
    """One pass over train_loader; the mean training loss per example."""
    model.train()
    total_loss, num_examples = 0.0, 0
    for features, labels in train_loader:
        logits = model(features)
        loss = F.cross_entropy(logits, labels)

        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

        total_loss += loss.item() * len(labels)
        num_examples += len(labels)
    return total_loss / num_examples


@torch.no_grad()
def evaluate(model, data_loader):
    """(mean loss, accuracy) of the model on data_loader."""
    model.eval()
    total_loss, num_correct, num_examples = 0.0, 0, 0
    for features, labels in data_loader:
        logits = model(features)
        total_loss += F.cross_entropy(logits, labels, reduction="sum").item()
        num_correct += (logits.argmax(dim=1) == labels).sum().item()
        num_examples += len(labels)
    return total_loss / num_examples, num_correct / num_examples


# --8<-- [end:trainer-module]

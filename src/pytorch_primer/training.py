"""Evaluation shared by the training chapters."""

import torch


# --8<-- [start:compute-accuracy]
def compute_accuracy(model, dataloader, device="cpu"):
    """The fraction of examples in `dataloader` whose largest logit is at the true label.

    >>> from torch.utils.data import DataLoader
    >>> from pytorch_primer import NeuralNetwork, ToyDataset, X_train, y_train
    >>> _ = torch.manual_seed(123)
    >>> model = NeuralNetwork(2, 2)  # untrained: its random weights guess
    >>> train_loader = DataLoader(ToyDataset(X_train, y_train), batch_size=2)
    >>> accuracy = compute_accuracy(model, train_loader)
    >>> print(f"{accuracy:.2f}")
    0.40
    >>> model.training  # back in training mode, as it was
    True
    """
    was_training = model.training
    model.eval()
    correct = 0.0
    total_examples = 0
    for features, labels in dataloader:
        features, labels = features.to(device), labels.to(device)
        with torch.no_grad():
            logits = model(features)
        predictions = torch.argmax(logits, dim=1)
        correct += torch.sum(predictions == labels)
        total_examples += len(labels)
    model.train(was_training)  # back to the mode it was in: callable mid-training
    return (correct / total_examples).item()


# --8<-- [end:compute-accuracy]

"""Evaluation shared by the training chapters."""

import torch


# --8<-- [start:compute-accuracy]
def compute_accuracy(model, dataloader, device="cpu"):
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

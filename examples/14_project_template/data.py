# --8<-- [start:data-module]
"""Data loaders for the scikit-learn digits, built from the config's "data" part."""

import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader, TensorDataset


def make_loaders(data_config, seed):
    """(train_loader, val_loader); the train loader shuffles with its own generator."""
    digits = load_digits()  # 1,797 images of 8x8 pixels, bundled with scikit-learn
    X = torch.tensor(digits.data, dtype=torch.float32) / 16.0  # pixel values 0..16 -> 0..1
    y = torch.tensor(digits.target)
    X_train, X_val, y_train, y_val = train_test_split(
        X,
        y,
        test_size=data_config["val_fraction"],
        random_state=seed,
        stratify=y,
    )

    # The generator decides the shuffling order; train.py saves and restores its state.
    generator = torch.Generator().manual_seed(seed)
    batch_size = data_config["batch_size"]
    train_loader = DataLoader(
        TensorDataset(X_train, y_train),
        batch_size=batch_size,
        shuffle=True,
        generator=generator,
    )
    val_loader = DataLoader(TensorDataset(X_val, y_val), batch_size=batch_size)
    return train_loader, val_loader


# --8<-- [end:data-module]

"""Code that several chapters of PyTorch Primer share, importable by readers.

Only torch (and NumPy) here: nothing in this package knows about the site.
"""

from .data import ToyDataset, X_test, X_train, y_test, y_train
from .models import NeuralNetwork
from .training import compute_accuracy

__all__ = [
    "NeuralNetwork",
    "ToyDataset",
    "X_train",
    "y_train",
    "X_test",
    "y_test",
    "compute_accuracy",
]

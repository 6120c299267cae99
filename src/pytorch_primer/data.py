"""The toy data set of the appendix: five training points and two test points.

>>> X_train.shape, y_train.tolist()
(torch.Size([5, 2]), [0, 0, 0, 1, 1])
>>> X_test.shape, y_test.tolist()
(torch.Size([2, 2]), [0, 1])
"""

import torch
from torch.utils.data import Dataset

# --8<-- [start:toy-data]
X_train = torch.tensor([[-1.2, 3.1], [-0.9, 2.9], [-0.5, 2.6], [2.3, -1.1], [2.7, -1.5]])
y_train = torch.tensor([0, 0, 0, 1, 1])
X_test = torch.tensor([[-0.8, 2.8], [2.6, -1.6]])
y_test = torch.tensor([0, 1])
# --8<-- [end:toy-data]


# --8<-- [start:toy-dataset]
class ToyDataset(Dataset):
    """Features and labels, served one (features, label) pair per index to a DataLoader.

    >>> train_ds = ToyDataset(X_train, y_train)
    >>> len(train_ds)
    5
    >>> train_ds[3]
    (tensor([ 2.3000, -1.1000]), tensor(1))
    """

    def __init__(self, X, y):
        self.features = X
        self.labels = y

    def __getitem__(self, index):
        one_x = self.features[index]
        one_y = self.labels[index]
        return one_x, one_y

    def __len__(self):
        return self.labels.shape[0]


# --8<-- [end:toy-dataset]


# --8<-- [start:two-blobs]
def two_blobs(num_examples=24, seed=123):
    """Two classes of 2-d points around (-1, 2.5) and (2.5, -1): the toy data, larger.

    24 examples split evenly over 1, 2, 3, 4, 6 or 8 processes.

    >>> features, labels = two_blobs(num_examples=4)
    >>> features.shape, labels.tolist()
    (torch.Size([4, 2]), [0, 1, 0, 1])
    """
    generator = torch.Generator().manual_seed(seed)
    labels = torch.arange(num_examples) % 2
    centers = torch.tensor([[-1.0, 2.5], [2.5, -1.0]])[labels]
    features = centers + 0.5 * torch.randn(num_examples, 2, generator=generator)
    return features, labels


# --8<-- [end:two-blobs]

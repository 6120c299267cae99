"""The multilayer perceptron used from chapter 5 on."""

import torch


# --8<-- [start:neural-network]
class NeuralNetwork(torch.nn.Module):
    """Two hidden layers (30 and 20 units, ReLU) and an output layer that gives logits.

    >>> model = NeuralNetwork(num_inputs=2, num_outputs=3)
    >>> logits = model(torch.rand(5, 2))  # a batch of five examples
    >>> logits.shape
    torch.Size([5, 3])
    """

    def __init__(self, num_inputs, num_outputs):
        super().__init__()
        self.layers = torch.nn.Sequential(
            # 1st hidden layer
            torch.nn.Linear(num_inputs, 30),
            torch.nn.ReLU(),
            # 2nd hidden layer
            torch.nn.Linear(30, 20),
            torch.nn.ReLU(),
            # output layer
            torch.nn.Linear(20, num_outputs),
        )

    def forward(self, x):
        logits = self.layers(x)
        return logits


# --8<-- [end:neural-network]

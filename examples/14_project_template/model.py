# --8<-- [start:model-module]
"""The network: a multilayer perceptron for 8x8 digit images, sized by the config's "model" part."""

from torch import nn


class DigitsClassifier(nn.Module):
    def __init__(self, hidden_size, dropout):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(64, hidden_size),  # 8 x 8 pixels in
            nn.ReLU(),
            nn.Dropout(dropout),  # random: draws from torch's global random number generator
            nn.Linear(hidden_size, 10),  # one logit per digit
        )

    def forward(self, x):
        return self.layers(x)


# --8<-- [end:model-module]

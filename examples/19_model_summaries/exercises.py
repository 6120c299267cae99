"""Chapter 19 exercises: the answers, run and checked like every other block."""

# --8<-- [start:count-conv]
from torch import nn
from torchinfo import summary

conv = nn.Conv2d(3, 16, kernel_size=5)
# a weight per output channel, input channel and kernel position; a bias per output channel
print(3 * 16 * 5 * 5 + 16)
model_stats = summary(conv, input_size=(1, 3, 32, 32), verbose=0)
print(model_stats.total_params)
# --8<-- [end:count-conv]

# --8<-- [start:strided]
import torch

features = nn.Sequential(
    nn.Conv2d(1, 8, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.Conv2d(8, 16, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.Flatten(),
)
print(features(torch.zeros(1, 1, 8, 8)).shape)  # one dummy image is enough to read the size
# --8<-- [end:strided]

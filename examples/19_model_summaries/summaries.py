"""Summarize a CNN with torchinfo, and use the summary to fix a shape mismatch."""

# --8<-- [start:imports]
import torch
from sklearn.datasets import load_digits
from torch import nn
from torchinfo import summary

digits = load_digits()
# (batch, channel, height, width)
X = torch.tensor(digits.images[:32], dtype=torch.float32).unsqueeze(1) / 16.0
print(X.shape)
# --8<-- [end:imports]

# --8<-- [start:cnn]
torch.manual_seed(123)
model = nn.Sequential(
    nn.Conv2d(1, 8, kernel_size=3, padding=1),  # padding=1 keeps 8x8
    nn.ReLU(),
    nn.MaxPool2d(2),  # halves height and width: 4x4
    nn.Conv2d(8, 16, kernel_size=3, padding=1),
    nn.ReLU(),
    nn.MaxPool2d(2),  # 2x2
    nn.Flatten(),  # 16 channels x 2 x 2 = 64 numbers per image
    nn.Linear(16 * 2 * 2, 10),  # one logit per digit
)
# --8<-- [end:cnn]

# --8<-- [start:summary]
# verbose=0: return it, print nothing
model_stats = summary(model, input_size=(32, 1, 8, 8), verbose=0)
print(model_stats)
# --8<-- [end:summary]

# --8<-- [start:param-counts]
for name, param in model.named_parameters():
    print(f"{name:9} {str(tuple(param.shape)):14} {param.numel():5,}")
print(f"total {sum(param.numel() for param in model.parameters()):,}")
# --8<-- [end:param-counts]

# --8<-- [start:shape-error]
torch.manual_seed(123)
broken_model = nn.Sequential(
    nn.Conv2d(1, 8, kernel_size=3),  # no padding now: 8x8 -> 6x6
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(8, 16, kernel_size=3, padding=1),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(16 * 2 * 2, 10),  # unchanged: still expects 64 numbers
)
try:
    broken_model(X)
except RuntimeError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:shape-error]

# --8<-- [start:summary-fails]
try:
    summary(broken_model, input_size=(32, 1, 8, 8), verbose=0)
except RuntimeError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:summary-fails]

# --8<-- [start:read-flat-size]
features = broken_model[:-1]  # every layer but the last Linear
print(
    summary(
        features,
        input_size=(32, 1, 8, 8),
        col_names=("input_size", "output_size", "num_params"),
        verbose=0,
    )
)
# --8<-- [end:read-flat-size]

# --8<-- [start:fix]
broken_model[-1] = nn.Linear(16, 10)  # in_features read from Flatten's output shape
logits = broken_model(X)
print(logits.shape)
# --8<-- [end:fix]

# --8<-- [start:lazy-linear]
lazy_model = nn.Sequential(*broken_model[:-1], nn.LazyLinear(10))  # in_features: not given
print(lazy_model[-1])
lazy_model(X)  # the first batch fixes the weight's shape
print(lazy_model[-1])
# --8<-- [end:lazy-linear]

"""What a model wrapped by torch.compile saves, and what to save instead."""

# --8<-- [start:orig-mod]
import torch
from torch import nn

model = nn.Sequential(nn.Linear(256, 64), nn.ReLU(), nn.Linear(64, 10))
compiled = torch.compile(model)  # compiles at its first call, not here
print(list(compiled.state_dict())[:2])
print(list(model.state_dict())[:2])  # the same tensors, under the names a plain model expects
print(compiled._orig_mod is model)
# --8<-- [end:orig-mod]

# --8<-- [start:compile-in-place]
model = nn.Sequential(nn.Linear(256, 64), nn.ReLU(), nn.Linear(64, 10))
model.compile()  # compiles the module in place: no wrapper, so no prefix
print(type(model).__name__, list(model.state_dict())[:2])
# --8<-- [end:compile-in-place]

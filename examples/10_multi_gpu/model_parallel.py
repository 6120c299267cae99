"""Model parallelism: the first layers on one device, the rest on another.

With two CUDA GPUs the halves sit on cuda:0 and cuda:1; elsewhere the same code runs
with both halves on the CPU.
"""

# --8<-- [start:imports]
import torch
import torch.nn.functional as F
from torch import nn

from pytorch_primer import X_train, y_train

# --8<-- [end:imports]

# --8<-- [start:two-devices]
if torch.cuda.device_count() >= 2:
    devices = [torch.device("cuda:0"), torch.device("cuda:1")]
else:
    devices = [torch.device("cpu"), torch.device("cpu")]
# --8<-- [end:two-devices]


# --8<-- [start:split-network]
class SplitNetwork(nn.Module):
    def __init__(self, num_inputs, num_outputs, devices):
        super().__init__()
        self.devices = devices
        self.front = nn.Sequential(nn.Linear(num_inputs, 30), nn.ReLU()).to(devices[0])
        self.back = nn.Sequential(
            nn.Linear(30, 20), nn.ReLU(), nn.Linear(20, num_outputs)
        ).to(devices[1])

    def forward(self, x):
        hidden = self.front(x.to(self.devices[0]))
        return self.back(hidden.to(self.devices[1]))  # activations cross between devices


# --8<-- [end:split-network]

# --8<-- [start:train-split]
torch.manual_seed(123)
model = SplitNetwork(num_inputs=2, num_outputs=2, devices=devices)
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
for step in range(5):
    logits = model(X_train)
    loss = F.cross_entropy(logits, y_train.to(devices[1]))  # labels go where the logits are
    optimizer.zero_grad()
    loss.backward()  # gradients flow back across the device boundary too
    optimizer.step()
    print(f"step {step + 1}: loss {loss.item():.2f}")
# --8<-- [end:train-split]

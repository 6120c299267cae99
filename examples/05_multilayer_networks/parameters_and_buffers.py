"""What makes a tensor a trained parameter: nn.Parameter, and buffers beside it."""

# --8<-- [start:imports]
import torch
from torch import nn

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]


# --8<-- [start:scaled-linear]
class ScaledLinear(nn.Module):
    def __init__(self, num_inputs, num_outputs):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(num_outputs, num_inputs) * 0.1)
        self.scale = nn.Parameter(torch.ones(1))
        self.offset = torch.zeros(num_outputs)  # a plain tensor attribute: not trained
        self.register_buffer("calls", torch.zeros((), dtype=torch.long))  # saved, not trained

    def forward(self, x):
        self.calls += 1
        return self.scale * (x @ self.weight.T) + self.offset


# --8<-- [end:scaled-linear]

# --8<-- [start:named-parameters]
torch.manual_seed(123)
layer = ScaledLinear(3, 2)
for name, param in layer.named_parameters():
    print(name, tuple(param.shape), param.requires_grad)
print([name for name, _ in layer.named_buffers()])
print(list(layer.state_dict()))
# --8<-- [end:named-parameters]

# --8<-- [start:parameter-gets-gradient]
out = layer(torch.ones(1, 3)).sum()
out.backward()
print(layer.scale.grad)
print(layer.calls)
# --8<-- [end:parameter-gets-gradient]

# --8<-- [start:what-to-moves]
layer.to(torch.float64)  # a dtype cast converts the floating-point tensors only
print(layer.weight.dtype, layer.scale.dtype)  # float parameters: converted
print(layer.calls.dtype)  # an integer buffer: kept (.to(device) would move it)
print(layer.offset.dtype)  # a plain tensor attribute: left behind
# --8<-- [end:what-to-moves]

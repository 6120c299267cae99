"""float32, float16 and bfloat16: range, precision, and autocast on the CPU."""

# --8<-- [start:finfo]
import torch
from torch import nn

for dtype in (torch.float32, torch.float16, torch.bfloat16):
    info = torch.finfo(dtype)
    print(
        f"{str(dtype):<15} bits {info.bits} | eps {info.eps:.2e} | max {info.max:.2e}"
        f" | smallest normal {info.smallest_normal:.2e}"
    )
# --8<-- [end:finfo]

# --8<-- [start:range]
big = torch.tensor([70_000.0])  # above float16's largest number, 65504
tiny = torch.tensor([1e-8])  # below float16's smallest: a gradient can be this small
for dtype in (torch.float16, torch.bfloat16):
    print(
        f"{str(dtype):<15} 70000 -> {big.to(dtype).item():.6g}, "
        f"1e-8 -> {tiny.to(dtype).item():.6g}"
    )
print(f"float16 of 1e-8 * 65536 -> {(tiny * 65536).to(torch.float16).item():.6g}")
# --8<-- [end:range]

# --8<-- [start:rounding]
values = torch.tensor([1 / 3, 2049.0, 257.0, 1.001])
for dtype in (torch.float32, torch.float16, torch.bfloat16):
    print(f"{str(dtype):<15}", [round(v, 6) for v in values.to(dtype).tolist()])
# --8<-- [end:rounding]

# --8<-- [start:autocast-cpu]
torch.manual_seed(123)
layer = nn.Linear(64, 10)
features = torch.randn(8, 64)

print("outside autocast:", layer(features).dtype)
with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
    logits = layer(features)  # a matrix multiplication: runs in bfloat16
    loss = nn.functional.cross_entropy(logits, torch.zeros(8, dtype=torch.long))  # kept in float32
    print(
        "inside autocast: ", logits.dtype,
        "| loss:", loss.dtype,
        "| weights:", layer.weight.dtype,
    )
    print(
        "exp:", logits.exp().dtype,
        "| sum:", logits.sum().dtype,
        "| softmax:", logits.softmax(dim=1).dtype,
    )
loss.backward()
print("gradients:", layer.weight.grad.dtype)
# --8<-- [end:autocast-cpu]

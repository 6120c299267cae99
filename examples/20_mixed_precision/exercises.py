"""Chapter 20 exercises: the answers, run and checked like every other block."""

# --8<-- [start:largest-exact-integer]
import torch

for dtype in (torch.float32, torch.float16, torch.bfloat16):
    n = 1  # the gap between neighbours doubles at every power of two: test 2**k + 1
    while torch.tensor(n + 1, dtype=torch.float64).to(dtype).item() == n + 1:
        n *= 2
    print(f"{str(dtype):<15} first integer it cannot hold: {n + 1}")
# --8<-- [end:largest-exact-integer]

# --8<-- [start:sum-of-ones]
import torch

for dtype in (torch.float32, torch.float16, torch.bfloat16):
    total = torch.zeros((), dtype=dtype)
    for _ in range(3000):
        total = total + 1  # each sum is rounded to `dtype`
    summed = torch.ones(3000, dtype=dtype).sum()  # one reduction: it adds up in float32 inside
    print(f"{str(dtype):<15} 3000 ones add up to {total.item():.0f} | sum(): {summed.item():.0f}")
# --8<-- [end:sum-of-ones]

"""Chapter 21 exercises: the answers, run and checked like every other block."""

# --8<-- [start:matmul-flops]
size = 8192
flops = 2 * size**3  # one multiply and one add for each of size * size * size products
bf16_peak = 989.4e12  # H100 SXM, dense bfloat16, FLOPS
print(f"{flops / 1e12:.2f} TFLOP, at least {flops / bf16_peak * 1e3:.2f} ms on an H100")
# --8<-- [end:matmul-flops]

# --8<-- [start:loading-share]
loading_share = 0.30  # part of each epoch spent waiting for data
best_speedup = 1 / (1 - loading_share)  # workers can hide the loading, not the computing
print(f"at most {best_speedup:.2f}x faster")
# --8<-- [end:loading-share]

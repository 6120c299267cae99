"""Reading GPU memory from PyTorch's caching allocator and from the driver."""

# --8<-- [start:allocated-reserved]
import torch

if torch.cuda.is_available():
    torch.cuda.empty_cache()  # start with no unused blocks in the cache
    start_allocated, start_reserved = torch.cuda.memory_allocated(), torch.cuda.memory_reserved()

    def show(when):
        allocated = (torch.cuda.memory_allocated() - start_allocated) / 2**20
        reserved = (torch.cuda.memory_reserved() - start_reserved) / 2**20
        print(f"{when:<18} allocated {allocated:+7.1f} MiB, reserved {reserved:+7.1f} MiB")

    activations = torch.empty(256, 1024, 1024, device="cuda")  # 1 GiB of float32
    show("torch.empty")
    del activations  # the tensor is gone; its block stays in the cache
    show("del")
    torch.cuda.empty_cache()  # unused cached blocks go back to the driver
    show("empty_cache()")
else:
    print("No CUDA GPU here: torch.cuda.memory_allocated() needs one.")
# --8<-- [end:allocated-reserved]

# --8<-- [start:summary-and-driver]
if torch.cuda.is_available():
    summary = torch.cuda.memory_summary(abbreviated=True)
    print("\n".join(summary.splitlines()[:8]))  # the first rows of a long table
    free, total = torch.cuda.mem_get_info()  # the driver's view: other programs count too
    print(f"free on the GPU: {free / 2**30:.1f} GiB of {total / 2**30:.1f} GiB")
else:
    print("No CUDA GPU here: torch.cuda.memory_summary() needs one.")
# --8<-- [end:summary-and-driver]

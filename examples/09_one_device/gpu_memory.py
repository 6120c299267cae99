"""Reading and releasing GPU memory (prints one line where there is no CUDA GPU)."""

# --8<-- [start:memory-readouts]
import torch


def mib(num_bytes):
    return f"{num_bytes / 2**20:.1f} MiB"


if torch.cuda.is_available():
    torch.cuda.reset_peak_memory_stats()
    activations = torch.empty(1024, 1024, device="cuda")  # 4 MiB of float32
    print("allocated:", mib(torch.cuda.memory_allocated()))
    print("reserved by the caching allocator:", mib(torch.cuda.memory_reserved()))
    del activations  # the tensor is gone, its memory stays cached for reuse
    print("allocated after del:", mib(torch.cuda.memory_allocated()))
    print("still reserved:", mib(torch.cuda.memory_reserved()))
    torch.cuda.empty_cache()  # hand the cached, unused memory back to the driver
    print("reserved after empty_cache:", mib(torch.cuda.memory_reserved()))
    print("peak allocated:", mib(torch.cuda.max_memory_allocated()))
else:
    print("No CUDA GPU here: nothing to read.")
# --8<-- [end:memory-readouts]

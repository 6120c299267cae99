"""Which PyTorch is installed, and which accelerators it can use."""

import torch

print("PyTorch version:", torch.__version__)
print("Built with CUDA:", torch.version.cuda is not None)
print("CUDA available:", torch.cuda.is_available())
print("CUDA devices:", torch.cuda.device_count())
print("MPS available:", torch.backends.mps.is_available())

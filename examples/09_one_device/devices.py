"""Devices: which ones there are, choosing one, moving tensors and models to it."""

# --8<-- [start:imports]
import torch

from pytorch_primer import NeuralNetwork

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]

# --8<-- [start:availability]
print("CUDA available:", torch.cuda.is_available())
print("CUDA devices:", torch.cuda.device_count())
print("MPS available:", torch.backends.mps.is_available())
# --8<-- [end:availability]

# --8<-- [start:pick-device]
if torch.cuda.is_available():
    device = torch.device("cuda")
elif torch.backends.mps.is_available():
    device = torch.device("mps")
else:
    device = torch.device("cpu")
print(device)
# --8<-- [end:pick-device]

# --8<-- [start:current-accelerator]
# cuda, mps, xpu, ... or None
accelerator = torch.accelerator.current_accelerator(check_available=True)
print(accelerator)
device = accelerator if accelerator is not None else torch.device("cpu")
print(device)
# --8<-- [end:current-accelerator]

# --8<-- [start:tensors-on-device]
tensor_1 = torch.tensor([1.0, 2.0, 3.0])
tensor_2 = torch.tensor([4.0, 5.0, 6.0])
print(tensor_1 + tensor_2)  # on the CPU, where tensors are made by default

tensor_1 = tensor_1.to(device)
tensor_2 = tensor_2.to(device)
print(tensor_1 + tensor_2)  # computed on `device`, and the result stays there
# --8<-- [end:tensors-on-device]

# --8<-- [start:device-mismatch]
if device.type != "cpu":
    try:
        tensor_1.to(device) + tensor_2.to("cpu")
    except RuntimeError as error:
        print("RuntimeError:", error)
else:
    print("Only the CPU here: no second device to mix up.")
# --8<-- [end:device-mismatch]

# --8<-- [start:model-to-device]
torch.manual_seed(123)
model = NeuralNetwork(num_inputs=2, num_outputs=2).to(device)  # moves every parameter
print(next(model.parameters()).device)
# --8<-- [end:model-to-device]

"""How FSDP2 cuts each parameter into slices, worked out in one process for four ranks."""

# --8<-- [start:uneven-shards]
from pytorch_primer import NeuralNetwork

model = NeuralNetwork(num_inputs=2, num_outputs=2)
world_size = 4
held = [0] * world_size  # how many numbers each rank holds
for name, parameter in model.named_parameters():
    # FSDP2 cuts every parameter along its first dimension, as torch.chunk does
    slices = parameter.detach().chunk(world_size, dim=0)
    rows = [len(piece) for piece in slices] + [0] * (world_size - len(slices))
    print(f"{name:16}{str(tuple(parameter.shape)):9} rows per rank {rows}")
    for rank, piece in enumerate(slices):
        held[rank] += piece.numel()
print(f"parameters per rank: {held}, {sum(held)} in all")
# --8<-- [end:uneven-shards]

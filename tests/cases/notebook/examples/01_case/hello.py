"""A script for the case pages: two sections, and the whole file runs as a command."""

# --8<-- [start:greet]
import torchinfo

print("hello from", torchinfo.__name__)
# --8<-- [end:greet]

# --8<-- [start:device]
device = "cpu"
print(device)
# --8<-- [end:device]

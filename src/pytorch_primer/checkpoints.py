"""Checkpoints that survive a crash mid-save and refuse files that would run code."""

import os
import pickle
import re
import tempfile
import zipfile
from pathlib import Path

import torch


class CheckpointError(Exception):
    """A checkpoint file that is missing, incomplete, or not allowed to load."""


# --8<-- [start:save-checkpoint]
def save_checkpoint(state, path):
    """Write `state` to `path` so that `path` is always either the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as tmp_file:
            torch.save(state, tmp_file)
            tmp_file.flush()
            os.fsync(tmp_file.fileno())  # the bytes are on disk before the rename
        os.replace(tmp_name, path)  # atomic: readers never see half a file
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


# --8<-- [end:save-checkpoint]


# --8<-- [start:load-checkpoint]
def load_checkpoint(path, map_location="cpu"):
    """Load a checkpoint saved by `save_checkpoint`, tensors and plain containers only."""
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(f"no checkpoint at {path}")
    try:
        return torch.load(path, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as error:
        found = re.search(r"Unsupported global: GLOBAL ([\w.]+)", str(error))
        what = found.group(1) if found else "an object that is not a tensor"
        raise CheckpointError(
            f"refused to load {path}: it would import {what}; only tensors and plain Python containers are allowed"
        ) from None
    except (RuntimeError, EOFError, OSError, zipfile.BadZipFile) as error:
        raise CheckpointError(f"{path} is not a complete checkpoint (truncated or corrupted: {type(error).__name__})") from None


# --8<-- [end:load-checkpoint]

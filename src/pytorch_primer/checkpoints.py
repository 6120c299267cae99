"""Checkpoints that survive a crash mid-save and refuse files that would run code."""

import os
import pickle
import re
import secrets
import zipfile
from pathlib import Path

import torch


class CheckpointError(Exception):
    """A checkpoint file that is missing, incomplete, or not allowed to load.

    >>> try:
    ...     load_checkpoint("missing.pth")
    ... except CheckpointError as error:
    ...     print(error)
    no checkpoint at missing.pth
    """


# --8<-- [start:save-checkpoint]
def save_checkpoint(state, path):
    """Write `state` to `path` through a temporary file, so that `path` never holds half of it.

    >>> save_checkpoint({"epoch": 3, "losses": [0.5, 0.25]}, "checkpoints/last.pth")
    >>> load_checkpoint("checkpoints/last.pth")["epoch"]
    3
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path, fd = _new_file_beside(path)
    try:
        with os.fdopen(fd, "wb") as tmp_file:
            torch.save(state, tmp_file)
            tmp_file.flush()
            os.fsync(tmp_file.fileno())  # the bytes are on disk before the rename
        os.replace(tmp_path, path)  # atomic on POSIX: readers see the old file or the new one
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)  # the move is on disk too, not only the bytes


def _sync_folder(folder):
    """Flush a folder's list of names to disk, where a folder can be opened (not on Windows)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _new_file_beside(path):
    """Create a new file next to `path`, open for writing: (its path, its descriptor)."""
    # O_EXCL: fail if the name exists, so that no two saves share a file. O_BINARY (Windows
    # only): write the bytes untranslated. Mode 0o666 less the umask, as torch.save gives.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp_path = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return tmp_path, os.open(tmp_path, flags, 0o666)
        except FileExistsError:
            continue  # the name is taken: draw another


# --8<-- [end:save-checkpoint]


# --8<-- [start:load-checkpoint]
def load_checkpoint(path, map_location="cpu"):
    """Load a checkpoint saved by `save_checkpoint`, tensors and plain containers only.

    >>> save_checkpoint({"epoch": 3, "weights": torch.ones(2)}, "last.pth")
    >>> load_checkpoint("last.pth")
    {'epoch': 3, 'weights': tensor([1., 1.])}
    """
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(f"no checkpoint at {path}")
    try:
        return torch.load(path, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as error:
        what = "an object that is not a tensor"
        found = re.search(r"Unsupported global: GLOBAL ([\w.]+)", str(error))
        if found:
            what = found.group(1)  # the name the file would import, such as print
        raise CheckpointError(
            f"refused to load {path}: it would import {what}; "
            "only tensors and plain Python containers are allowed"
        ) from None
    except (RuntimeError, EOFError, OSError, zipfile.BadZipFile) as error:
        reason = type(error).__name__
        raise CheckpointError(
            f"{path} is not a complete checkpoint (truncated or corrupted: {reason})"
        ) from None


# --8<-- [end:load-checkpoint]

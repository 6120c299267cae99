"""Checkpoints lose no data and refuse what they should (pytorch_primer.checkpoints)."""

from __future__ import annotations

import os
import secrets
import signal
import stat
import subprocess
import sys
import time

import pytest
import torch

from pytorch_primer.checkpoints import CheckpointError, load_checkpoint, save_checkpoint


def test_round_trip_keeps_tensors_and_plain_values(tmp_path):
    state = {"epoch": 2, "model": {"w": torch.arange(3.0)}, "losses": [0.5, 0.25]}
    save_checkpoint(state, tmp_path / "ck.pth")
    loaded = load_checkpoint(tmp_path / "ck.pth")
    assert loaded["epoch"] == 2 and loaded["losses"] == [0.5, 0.25]
    assert torch.equal(loaded["model"]["w"], torch.arange(3.0))
    assert [p.name for p in tmp_path.iterdir()] == ["ck.pth"]


@pytest.mark.skipif(os.name == "nt", reason="Windows cannot open a folder to flush it")
def test_a_save_flushes_the_file_and_then_its_folder(tmp_path, monkeypatch):
    flushed = []
    real_fsync = os.fsync

    def fsync(fd):
        flushed.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    save_checkpoint({"version": 1}, tmp_path / "ck.pth")
    assert flushed == ["file", "folder"], "the rename must reach the disk after the bytes"


def test_a_save_that_fails_midway_keeps_the_previous_checkpoint(tmp_path, monkeypatch):
    path = tmp_path / "ck.pth"
    save_checkpoint({"version": 1}, path)

    def write_half_then_fail(obj, file):
        file.write(b"PK\x03\x04 half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(torch, "save", write_half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        save_checkpoint({"version": 2}, path)
    monkeypatch.undo()
    assert load_checkpoint(path) == {"version": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["ck.pth"], "the temporary file was left behind"


@pytest.mark.skipif(sys.platform == "win32", reason="the umask and these file modes are POSIX's")
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002], ids=oct)
def test_a_checkpoint_is_as_readable_as_one_from_torch_save(tmp_path, umask):
    old_umask = os.umask(umask)  # the reader's umask: 022 on most systems, 077 on locked-down ones
    try:
        save_checkpoint({"w": torch.ones(2)}, tmp_path / "ours.pth")
        torch.save({"w": torch.ones(2)}, tmp_path / "torch_save.pth")
    finally:
        os.umask(old_umask)
    ours = stat.S_IMODE((tmp_path / "ours.pth").stat().st_mode)
    theirs = stat.S_IMODE((tmp_path / "torch_save.pth").stat().st_mode)
    assert (oct(ours), oct(theirs)) == (oct(0o666 & ~umask), oct(0o666 & ~umask))


def test_a_save_never_writes_into_a_temporary_file_that_exists(tmp_path, monkeypatch):
    taken = tmp_path / ".ck.pth.taken.tmp"  # as if another save had drawn the same name
    taken.write_bytes(b"another save's bytes")
    names = iter(["taken", "free"])
    monkeypatch.setattr(secrets, "token_hex", lambda nbytes: next(names))
    save_checkpoint({"version": 1}, tmp_path / "ck.pth")
    monkeypatch.undo()
    assert taken.read_bytes() == b"another save's bytes", "the save wrote into another's file"
    assert load_checkpoint(tmp_path / "ck.pth") == {"version": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".ck.pth.taken.tmp", "ck.pth"]


WRITER = r"""
import sys, torch
from pytorch_primer.checkpoints import save_checkpoint
path = sys.argv[1]
big = torch.zeros(8_000_000)
version = 0
print("ready", flush=True)
while True:
    version += 1
    save_checkpoint({"version": version, "weights": big.fill_(version)}, path)
"""


def test_a_save_killed_midway_leaves_a_loadable_checkpoint(tmp_path):
    path = tmp_path / "ck.pth"
    save_checkpoint({"version": 0, "weights": torch.zeros(8_000_000)}, path)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".ck.pth.*.tmp")):  # wait until a save is under way
        assert time.monotonic() < deadline and writer.poll() is None, (
            "the writer never started a save"
        )
    os.kill(writer.pid, signal.SIGKILL)  # kill it inside that save
    writer.wait()
    assert list(tmp_path.glob(".ck.pth.*.tmp")), "the kill did not land inside a save"
    state = load_checkpoint(path)
    assert torch.all(state["weights"] == state["version"]), "a checkpoint mixed two saves"


def test_a_checkpoint_that_would_run_code_is_refused_and_nothing_runs(tmp_path):
    marker = tmp_path / "code-ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    torch.save({"model": Payload()}, tmp_path / "evil.pth")
    with pytest.raises(CheckpointError, match="refused to load .*evil.pth: it would import"):
        load_checkpoint(tmp_path / "evil.pth")
    assert not marker.exists()


def test_missing_truncated_and_empty_files_give_one_clear_error(tmp_path):
    save_checkpoint({"w": torch.ones(1000)}, tmp_path / "good.pth")
    data = (tmp_path / "good.pth").read_bytes()
    (tmp_path / "truncated.pth").write_bytes(data[: len(data) // 2])
    (tmp_path / "empty.pth").write_bytes(b"")
    with pytest.raises(CheckpointError, match="no checkpoint at"):
        load_checkpoint(tmp_path / "missing.pth")
    for name in ("truncated.pth", "empty.pth"):
        with pytest.raises(CheckpointError, match="is not a complete checkpoint"):
            load_checkpoint(tmp_path / name)

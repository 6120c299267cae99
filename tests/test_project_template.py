"""Chapter 14's project: a run stopped and resumed ends exactly where an uninterrupted run
ends, and a bad checkpoint stops a resume with a clear message and loses nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest
import torch

from helpers import ROOT
from primer_tools.run import reader_env, run_command
from pytorch_primer.checkpoints import load_checkpoint

TRAIN = ROOT / "examples/14_project_template/train.py"
NUM_EPOCHS = 4


def train(folder, *args, check=True):
    """Run train.py in `folder` as a reader would (a fresh interpreter); the finished run."""
    proc = run_command([sys.executable, str(TRAIN), *args], folder)
    if check:
        assert proc.returncode == 0, f"train.py {' '.join(args)} failed:\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def resumed(tmp_path_factory):
    """(folder, output, the checkpoint after epoch 2) of a run stopped after 2 epochs and
    resumed up to NUM_EPOCHS."""
    folder = tmp_path_factory.mktemp("resumed")
    first = train(folder, "--epochs", "2")
    after_two_epochs = (folder / "checkpoints/last.pt").read_bytes()
    second = train(folder, "--epochs", str(NUM_EPOCHS), "--resume")
    return folder, first.stdout + second.stdout, after_two_epochs


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uninterrupted")
    return folder, train(folder, "--epochs", str(NUM_EPOCHS)).stdout


def epoch_lines(output):
    return [line for line in output.splitlines() if line.startswith("Epoch:")]


def test_resumed_run_ends_with_the_same_parameters_as_an_uninterrupted_run(resumed, uninterrupted):
    resumed_state = load_checkpoint(resumed[0] / "checkpoints/last.pt")
    uninterrupted_state = load_checkpoint(uninterrupted[0] / "checkpoints/last.pt")
    assert resumed_state["epoch"] == uninterrupted_state["epoch"] == NUM_EPOCHS
    for name, tensor in uninterrupted_state["model"].items():
        assert torch.equal(resumed_state["model"][name], tensor), (
            f"parameter {name} differs after resuming: is every random state restored?"
        )


def test_resumed_run_prints_the_same_losses_as_an_uninterrupted_run(resumed, uninterrupted):
    resumed_lines = [line.split("|", 1)[1] for line in epoch_lines(resumed[1])]
    uninterrupted_lines = [line.split("|", 1)[1] for line in epoch_lines(uninterrupted[1])]
    assert len(uninterrupted_lines) == NUM_EPOCHS
    assert resumed_lines == uninterrupted_lines


@pytest.mark.parametrize("damage", ["missing", "truncated", "garbage"])
def test_resume_from_a_bad_checkpoint_stops_with_a_clear_message(tmp_path, damage, resumed):
    checkpoint = tmp_path / "checkpoints/last.pt"
    if damage != "missing":
        data = resumed[2]
        checkpoint.parent.mkdir()
        checkpoint.write_bytes(
            data[: len(data) // 2] if damage == "truncated" else b"not a checkpoint"
        )
    proc = train(tmp_path, "--resume", check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr, f"a traceback instead of a message:\n{proc.stderr}"
    assert proc.stderr.startswith("cannot resume from checkpoints/last.pt: "), proc.stderr


# torch.save writes part of the file and then fails, as a full disk or a crash would.
FAILING_SAVE = """
import pathlib, runpy, sys, torch
def broken_save(obj, f, *args, **kwargs):
    f.write(b"half a checkpoint")
    raise OSError("No space left on device")
torch.save = broken_save
sys.argv = [sys.argv[1], "--resume"]
sys.path.insert(0, str(pathlib.Path(sys.argv[0]).parent))  # as `python train.py` does
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def test_a_failed_save_keeps_the_previous_checkpoint(tmp_path, resumed):
    before = resumed[2]
    (tmp_path / "checkpoints").mkdir()
    (tmp_path / "checkpoints/last.pt").write_bytes(before)
    proc = subprocess.run(
        [sys.executable, "-c", FAILING_SAVE, str(TRAIN)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=reader_env(),
    )
    assert proc.returncode != 0 and "No space left on device" in proc.stderr
    assert (tmp_path / "checkpoints/last.pt").read_bytes() == before
    assert load_checkpoint(tmp_path / "checkpoints/last.pt")["epoch"] == 2
    assert sorted(p.name for p in (tmp_path / "checkpoints").iterdir()) == [
        "last.pt",
        "train.log",
    ], "a temporary file was left"

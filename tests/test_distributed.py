"""With CUDA GPUs, DDP runs on NCCL with one process per GPU; only the known Gloo shutdown abort is run again.
(What chapter 10's DDP commands print is checked with the page: docs/en/10-multi-gpu-training.md.)"""

from __future__ import annotations

import subprocess
import sys

import pytest
import torch

from helpers import ROOT
from primer_tools import run as run_module
from primer_tools.run import reader_env

SCRIPT = ROOT / "examples/10_multi_gpu/ddp_torchrun.py"


@pytest.mark.gpu
@pytest.mark.distributed
def test_ddp_on_nccl_with_one_process_per_gpu():
    if not torch.cuda.is_available():
        pytest.skip("needs a CUDA GPU: the GPU job runs it")
    num_gpus = torch.cuda.device_count()
    proc = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc_per_node={num_gpus}", str(SCRIPT)],
        capture_output=True,
        text=True,
        env=reader_env(),
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"world size {num_gpus}, backend nccl, device type cuda"), proc.stdout
    assert proc.stdout.rstrip().endswith("train accuracy 1.00, test accuracy 1.00"), proc.stdout


@pytest.mark.gpu
def test_cuda_build_sees_its_gpu():
    if not torch.cuda.is_available():
        pytest.skip("needs a CUDA GPU: the GPU job runs it")
    assert torch.version.cuda is not None and torch.cuda.device_count() >= 1
    assert (torch.ones(2, device="cuda") * 2).sum().item() == 4.0


@pytest.mark.parametrize(
    ("stderrs", "runs", "returncode"),
    [
        (["terminate called without an active exception\n...exitcode  : -6", ""], 2, 0),  # the known abort, then fine
        (["terminate called without an active exception"] * 2, 2, 1),  # twice: the failure stands
        (["RuntimeError: Connection closed by peer", ""], 1, 1),  # any other failure: no second run
    ],
)
def test_only_the_known_gloo_shutdown_abort_is_run_again(monkeypatch, tmp_path, stderrs, runs, returncode):
    calls = []

    def fake_run_once(argv, folder, timeout):
        stderr = stderrs[len(calls)]
        calls.append(argv)
        return subprocess.CompletedProcess(argv, 1 if stderr else 0, "printed\n", stderr)

    monkeypatch.setattr(run_module, "_run_once", fake_run_once)
    argv = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2", str(SCRIPT)]
    assert run_module.run_command(argv, tmp_path).returncode == returncode
    assert len(calls) == runs

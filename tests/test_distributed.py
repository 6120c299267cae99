"""With CUDA GPUs, DDP runs on NCCL with one process per GPU; chapter 10's two-machine
command runs as two local torchrun nodes; only the known Gloo shutdown abort is run again.
(What chapter 10's DDP commands print is checked with the page:
docs/en/10-multi-gpu-training.md.)"""

from __future__ import annotations

import re
import socket
import subprocess
import sys

import pytest
import torch

from helpers import ROOT
from primer_tools import run as run_module
from primer_tools.pages import load_page
from primer_tools.run import GLOO_SHUTDOWN_ABORT, reader_env, runnable_argv

SCRIPT = ROOT / "examples/10_multi_gpu/ddp_torchrun.py"
PAGE = ROOT / "docs/en/10-multi-gpu-training.md"


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


def two_machine_command() -> str:
    """The page's command for two machines of 8 GPUs each (a ``bash`` block of chapter 10)."""
    lines = [
        line
        for b in load_page(PAGE, ROOT).blocks
        if b.lang == "bash"
        for line in b.raw.splitlines()
    ]
    (command,) = [line for line in lines if line.startswith("torchrun --nnodes=2 ")]
    return command


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_nodes(argv: list[str], num_nodes: int, folder) -> list[subprocess.CompletedProcess]:
    """Start ``num_nodes`` copies of one torchrun command side by side, as on separate
    machines, and wait for all of them."""
    # no GPUs, so Gloo on every node: two nodes on one machine cannot share its GPUs
    env = {**reader_env(), "CUDA_VISIBLE_DEVICES": ""}
    nodes = [
        subprocess.Popen(
            argv, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(num_nodes)
    ]
    try:
        outputs = [node.communicate(timeout=300) for node in nodes]
    finally:
        for node in nodes:
            node.kill()  # a node left waiting at the rendezvous when the other failed
    return [
        subprocess.CompletedProcess(argv, n.returncode, out, err)
        for n, (out, err) in zip(nodes, outputs, strict=True)
    ]


@pytest.mark.distributed
def test_two_machine_command_trains_at_world_size_four_as_two_local_nodes(tmp_path):
    """The page's two-machine command, with two processes per node instead of 8 and the
    rendezvous on this machine: two torchrun nodes meet at 127.0.0.1 and train the DDP
    script together over Gloo at world size 4."""
    page_command = two_machine_command()
    command = page_command.replace("--nproc_per_node=8", "--nproc_per_node=2")
    command = re.sub(r"--rdzv-endpoint=\S+", f"--rdzv-endpoint=127.0.0.1:{free_port()}", command)
    assert "--nproc_per_node=2" in command and "127.0.0.1" in command, (
        f"the page's command changed: {page_command}"
    )
    argv = [
        str(ROOT / arg) if arg.startswith("examples/") else arg for arg in runnable_argv(command)
    ]

    nodes = run_nodes(argv, 2, tmp_path)
    if any(node.returncode and GLOO_SHUTDOWN_ABORT in node.stderr for node in nodes):
        # the known abort after the last line: once more, as for every command of the pages
        nodes = run_nodes(argv, 2, tmp_path)
    for node in nodes:
        assert node.returncode == 0, f"`{command}` failed on one node:\n{node.stderr[-3000:]}"

    # rank 0, on one of the nodes, prints for all four ranks
    printed = "".join(node.stdout for node in nodes).splitlines()
    expected = [r"world size 4, backend gloo, device type cpu"]
    for rank in range(4):
        for epoch in (1, 2, 3):
            expected.append(rf"\[rank {rank}\] epoch {epoch}/3: 2 batches, last loss \d\.\d\d")
    expected.append(r"train accuracy 1\.00, test accuracy 1\.00")
    assert len(printed) == len(expected), "\n".join(printed)
    for line, pattern in zip(printed, expected, strict=True):
        assert re.fullmatch(pattern, line), f"{line!r} is not {pattern!r}:\n" + "\n".join(printed)

"""The DDP script's device choice, with a faked environment: no processes, no process group.

torchrun's two-node command on chapter 10 (`--nnodes=2 --nproc_per_node=8`) gives every
process WORLD_SIZE=16 and LOCAL_WORLD_SIZE=8; on machines with 8 GPUs each process must
train on its own GPU over NCCL, not fall back to the CPU.
"""

from __future__ import annotations

import importlib.util

import pytest
import torch
import torch.distributed as dist

from helpers import ROOT

SCRIPT = ROOT / "examples/10_multi_gpu/ddp_torchrun.py"


@pytest.fixture
def ddp_script():
    spec = importlib.util.spec_from_file_location("ddp_torchrun", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # defines main() and choose_device(); runs nothing
    return module


def fake_machine(monkeypatch, num_gpus, **environment):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: num_gpus > 0)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: num_gpus)
    for name in ("RANK", "LOCAL_RANK", "WORLD_SIZE", "LOCAL_WORLD_SIZE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, str(value))


@pytest.mark.parametrize("local_rank", [0, 7])
def test_two_nodes_of_eight_gpus_train_on_nccl(ddp_script, monkeypatch, recwarn, local_rank):
    fake_machine(
        monkeypatch,
        num_gpus=8,
        RANK=8 + local_rank,
        LOCAL_RANK=local_rank,
        WORLD_SIZE=16,
        LOCAL_WORLD_SIZE=8,
    )
    device = ddp_script.choose_device(local_rank)
    assert device == torch.device("cuda", local_rank)
    assert dist.get_default_backend_for_device(device) == "nccl"
    assert not recwarn.list, [str(w.message) for w in recwarn.list]


def test_more_processes_than_gpus_fall_back_to_the_cpu_and_warn(ddp_script, monkeypatch):
    fake_machine(monkeypatch, num_gpus=1, RANK=0, LOCAL_RANK=0, WORLD_SIZE=2, LOCAL_WORLD_SIZE=2)
    with pytest.warns(
        UserWarning, match="2 processes on this machine but 1 GPUs: training on the CPU with Gloo"
    ):
        device = ddp_script.choose_device(0)
    assert device == torch.device("cpu")
    assert dist.get_default_backend_for_device(device) == "gloo"


def test_no_gpu_at_all_falls_back_to_the_cpu_and_warns(ddp_script, monkeypatch):
    fake_machine(monkeypatch, num_gpus=0, RANK=1, LOCAL_RANK=1, WORLD_SIZE=2, LOCAL_WORLD_SIZE=2)
    with pytest.warns(UserWarning, match="training on the CPU"):
        assert ddp_script.choose_device(1) == torch.device("cpu")


def test_without_local_world_size_a_rank_needs_its_own_gpu(ddp_script, monkeypatch):
    fake_machine(monkeypatch, num_gpus=2, RANK=1, LOCAL_RANK=1, WORLD_SIZE=2)
    assert ddp_script.choose_device(1) == torch.device("cuda", 1)
    with pytest.warns(UserWarning):
        assert ddp_script.choose_device(2) == torch.device("cpu")

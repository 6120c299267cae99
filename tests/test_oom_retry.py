"""Chapter 18's run_with_batch_size_fallback: halve on CUDA out-of-memory, nothing else."""

from __future__ import annotations

import importlib.util

import pytest
import torch

from helpers import ROOT


@pytest.fixture(scope="module")
def fallback():
    """The helper as the page shows it (loading the module also runs its short demo)."""
    spec = importlib.util.spec_from_file_location(
        "oom_retry", ROOT / "examples/18_out_of_memory/oom_retry.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.run_with_batch_size_fallback


def step_that_fits(largest, tried):
    def step(batch_size):
        tried.append(batch_size)
        if batch_size > largest:
            raise torch.cuda.OutOfMemoryError(f"CUDA out of memory ({batch_size})")
        return f"ran {batch_size}"

    return step


def test_fallback_halves_the_batch_size_until_it_fits(fallback):
    tried = []
    assert fallback(step_that_fits(10, tried), batch_size=64) == ("ran 8", 8)
    assert tried == [64, 32, 16, 8]


def test_fallback_does_not_retry_a_batch_size_that_fits(fallback):
    tried = []
    assert fallback(step_that_fits(64, tried), batch_size=64) == ("ran 64", 64)
    assert tried == [64]


def test_fallback_raises_the_error_at_the_minimum_batch_size(fallback):
    tried = []
    with pytest.raises(torch.cuda.OutOfMemoryError, match=r"\(3\)"):
        fallback(step_that_fits(0, tried), batch_size=10, min_batch_size=3)
    assert tried == [10, 5, 3]  # 5 // 2 would be 2: the minimum is tried instead


def test_fallback_tries_batch_size_one_before_giving_up(fallback):
    tried = []
    with pytest.raises(torch.cuda.OutOfMemoryError):
        fallback(step_that_fits(0, tried), batch_size=5)
    assert tried == [5, 2, 1]


def test_fallback_leaves_the_cache_to_the_allocator(fallback, monkeypatch):
    """The allocator already frees its cached blocks and retries before it raises an
    out-of-memory error, so emptying the cache between tries would gain nothing (ch. 18)."""
    calls = []
    monkeypatch.setattr(torch.cuda, "empty_cache", lambda: calls.append("empty_cache"))
    fallback(step_that_fits(10, []), batch_size=40)
    assert calls == []


@pytest.mark.parametrize(
    "error",
    [ValueError("bad batch"), RuntimeError("CUDA error: device-side assert triggered")],
    ids=lambda error: type(error).__name__,
)
def test_fallback_lets_other_errors_through_untouched(fallback, error):
    tried = []

    def step(batch_size):
        tried.append(batch_size)
        raise error

    with pytest.raises(type(error)) as raised:
        fallback(step, batch_size=64)
    assert raised.value is error
    assert tried == [64]

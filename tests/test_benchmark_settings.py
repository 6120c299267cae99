"""Chapter 21's benchmark must leave the reader's TF32 setting as it found it."""

import importlib.util

import pytest
import torch

from helpers import ROOT


@pytest.fixture(scope="module")
def benchmark():
    path = ROOT / "examples" / "21_gpu_performance" / "benchmark.py"
    spec = importlib.util.spec_from_file_location("chapter21_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("setting", ["none", "tf32", "ieee"])
@pytest.mark.parametrize("tf32", [False, True])
def test_matmul_benchmark_restores_the_callers_tf32_setting(benchmark, setting, tf32):
    saved = torch.backends.cuda.matmul.fp32_precision
    try:
        torch.backends.cuda.matmul.fp32_precision = setting
        assert benchmark.matmul_tflops(torch.device("cpu"), torch.float32, 32, tf32=tf32) > 0
        assert torch.backends.cuda.matmul.fp32_precision == setting, (
            "examples/21_gpu_performance/benchmark.py changed "
            "torch.backends.cuda.matmul.fp32_precision and did not put it back"
        )
    finally:
        torch.backends.cuda.matmul.fp32_precision = saved

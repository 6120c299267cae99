"""Figures that examples/21_gpu_performance/benchmark.py measured, shipped with the package.

``performance/cpu.json`` and ``performance/cuda.json`` are written by
``benchmark.py --save cpu|cuda`` on a real machine, never by hand; chapter 21 shows them.
"""

import json
from importlib import resources


def load_results(device):
    """The recorded figures for "cpu" or "cuda", or None if none were recorded yet.

    >>> results = load_results("cpu")
    >>> results["environment"]["device"]
    'cpu'
    >>> sorted(results)
    ['amp', 'compile', 'dataloader', 'ddp', 'environment', 'epoch', 'matmul']
    """
    path = resources.files(__package__) / "performance" / f"{device}.json"
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))

"""Every example that starts worker processes runs under the `spawn` start method.

macOS and Windows start worker processes with `spawn` (and Linux does from Python 3.14):
each worker imports the script again, so code that starts processes at module level
fails there ("An attempt has been made to start a new process before the current
process has finished its bootstrapping phase"). Linux defaults to `fork`, where that
code works, so these tests force `spawn` to catch the macOS/Windows failure here.

A script starts worker processes when its code has `num_workers=` with anything but a
literal 0, or calls `mp.spawn` / `multiprocessing.spawn` / `start_processes`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from helpers import ROOT

STARTS_WORKERS = re.compile(
    r"num_workers=(?!0\b)|\bmp\.spawn\(|multiprocessing\.spawn\(|start_processes\("
)
NEEDS_TORCHRUN = re.compile(r"os\.environ\[\"(RANK|LOCAL_RANK|WORLD_SIZE)\"\]")

FORCE_SPAWN = 'import multiprocessing\nmultiprocessing.set_start_method("spawn", force=True)\n'


def run_under_spawn(args: list[str], workdir) -> subprocess.CompletedProcess:
    """`python ARGS` in WORKDIR, with `spawn` forced: a sitecustomize.py first on the path
    runs at start-up in that process and in every process it spawns."""
    (workdir / "sitecustomize.py").write_text(FORCE_SPAWN, encoding="utf-8")
    path = [str(workdir), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in path if p)}
    return subprocess.run(
        [sys.executable, *args], cwd=workdir, capture_output=True, text=True, env=env, timeout=300
    )


def test_the_start_method_is_forced(tmp_path):
    proc = run_under_spawn(
        ["-c", "import multiprocessing; print(multiprocessing.get_start_method())"], tmp_path
    )
    assert proc.stdout.strip() == "spawn", proc.stderr


def code_of(script) -> str:
    """The script without its comments, so that a comment cannot select it."""
    return "\n".join(
        line.split("#", 1)[0] for line in script.read_text(encoding="utf-8").splitlines()
    )


def needs_torchrun(script) -> bool:
    return bool(NEEDS_TORCHRUN.search(code_of(script)))


SCRIPTS = sorted(p for p in ROOT.glob("examples/*/*.py") if STARTS_WORKERS.search(code_of(p)))

# Runs for minutes: checked by importing it the way a spawned worker does, not run whole.
LONG_RUNNING = {"examples/21_gpu_performance/benchmark.py"}

IMPORT_AS_A_WORKER_DOES = """
import multiprocessing.process, runpy, sys
def refuse(process):
    raise SystemExit("a process was started while the script was being imported")
multiprocessing.process.BaseProcess.start = refuse
runpy.run_path(sys.argv[1], run_name="__mp_main__")  # what spawn runs in every worker
"""


def test_the_rule_finds_the_worker_examples():
    found = {str(p.relative_to(ROOT)) for p in SCRIPTS}
    assert {"examples/06_data_loading/workers.py", "examples/10_multi_gpu/ddp_spawn.py"} <= found, (
        found
    )
    assert LONG_RUNNING <= found, "LONG_RUNNING names a script the rule does not select"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_example_runs_under_the_spawn_start_method(script, tmp_path):
    relative = str(script.relative_to(ROOT))
    if needs_torchrun(script):
        pytest.skip(
            "needs torchrun's environment (RANK, WORLD_SIZE); "
            "test_distributed.py runs it with torchrun"
        )
    if relative in LONG_RUNNING:
        proc = run_under_spawn(["-c", IMPORT_AS_A_WORKER_DOES, str(script)], tmp_path)
    else:
        proc = run_under_spawn([str(script)], tmp_path)
    assert proc.returncode == 0, (
        f"{relative} fails under the spawn start method (the default on macOS and Windows): "
        'start processes only under `if __name__ == "__main__":`\n' + proc.stderr[-3000:]
    )

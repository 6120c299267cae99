"""Run what a page shows as a reader would: a fresh interpreter in an empty folder.

``run_page`` joins a page's ``python`` blocks in page order into one script and feeds it
to ``python -``: the script a reader gets by pasting the blocks into one file, so the
page check is also the replay check. Between two blocks the script writes one invisible
character (``CUT``), which splits what it printed into one piece per block.
``run_console`` runs the ``$ python ...`` / ``$ torchrun ...`` lines of a console block.
"""

from __future__ import annotations

import functools
import os
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

CUT = "\x1e"  # ASCII record separator: no real output contains it
CUT_STATEMENT = f'\n__import__("sys").stdout.write("\\x{ord(CUT):02x}")\n'
# torch 2.13 on the CPU: a Gloo worker thread still releasing a collective's tensors while
# the interpreter shuts down aborts the process with this line, after the script has done
# and printed everything (https://github.com/pytorch/pytorch/issues/190489); about one run
# in 20 on a loaded two-core machine. Such a run is repeated up to twice; other failures
# count.
GLOO_SHUTDOWN_ABORT = "terminate called without an active exception"


@functools.cache
def machine_device() -> str:
    """Which outputs this machine checks: "cuda" with a usable CUDA GPU, else "cpu";
    PRIMER_DEVICE overrides."""
    if os.environ.get("PRIMER_DEVICE"):
        return os.environ["PRIMER_DEVICE"]
    if sys.platform != "linux" or not Path("/dev/nvidiactl").exists():
        return "cpu"  # no CUDA driver: spare the second that `import torch` takes
    import torch

    if torch.cuda.is_available():
        return "cuda"
    return "cpu"


# Nearly the same floating-point results on any x86-64 CPU, Intel or AMD. Without these, MKL,
# oneDNN and PyTorch's own kernels pick code for the processor they find, and a training run's
# fourth decimal differs between an AMD EPYC and an Intel Xeon (seen on chapters 7, 13-17).
# MKL's "compatible" branch is the one Intel documents as giving the same results on all of
# them; the other two keep PyTorch and oneDNN to AVX2, which every x86-64 server has. With them,
# an Xeon and an EPYC still differed in two places (CONTRIBUTING.md says which), so the pages
# are recorded on an AMD EPYC, the processor GitHub's hosted Linux runners report.
# One thread, too: how a sum is split among threads changes its last bits, and one thread a
# process is what suits a suite that starts a process per core (on two cores, 38 s for four
# chapters' pages with two threads each, 30 s with one).
SAME_ON_EVERY_CPU = {
    "MKL_CBWR": "COMPATIBLE",
    "ATEN_CPU_CAPABILITY": "avx2",
    "ONEDNN_MAX_CPU_ISA": "AVX2",
    "OMP_NUM_THREADS": "1",
}


def reader_env() -> dict[str, str]:
    """A reader's environment, plus what makes a run repeatable byte for byte: hashing,
    unbuffered output (a block's output lands before the next cut), the same numbers on
    every CPU, and figures with no date or random ids (matplotlib reads these; pages need
    not set them)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    env.update(SAME_ON_EVERY_CPU)
    env.update(
        PYTHONHASHSEED="0",
        PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(
        MPLBACKEND="Agg",
        MATPLOTLIBRC=str(Path(__file__).with_name("matplotlibrc")),
        SOURCE_DATE_EPOCH="0",
    )
    return env


@dataclass
class PageRun:
    # per block: what it printed, and why it failed or did not run (None when it ran)
    blocks: list[tuple[str, str | None]]
    files: dict[str, bytes]  # figures (.svg, .png) the code wrote into its folder


def run_page(blocks: list[str], timeout: float = 600) -> PageRun:
    """Run code blocks in order as one script, ``python -``, in an empty folder."""
    with tempfile.TemporaryDirectory(prefix="primer-page-") as folder:
        script = CUT_STATEMENT.join(blocks)
        proc = subprocess.run(
            [sys.executable, "-"],
            input=script,
            capture_output=True,
            encoding="utf-8",
            cwd=folder,
            env=reader_env(),
            timeout=timeout,
        )
        files = {
            p.name: p.read_bytes() for p in Path(folder).iterdir() if p.suffix in (".svg", ".png")
        }
    printed, errors = proc.stdout.split(CUT), [None] * len(blocks)
    if proc.returncode:  # the block that failed is the one whose cut never came
        failed = len(printed) - 1
        errors[failed] = f"the page's code, run as one script, failed here:\n{proc.stderr}"
        errors[failed + 1 :] = ["not run: an earlier block failed"] * (len(blocks) - failed - 1)
    printed += [""] * (len(blocks) - len(printed))
    return PageRun(list(zip(printed, errors, strict=True)), files)


def console_commands(raw: str) -> list[str]:
    """The ``$ ...`` lines of a console block."""
    return [line[2:].strip() for line in raw.splitlines() if line.startswith("$ ")]


def runnable_argv(command: str) -> list[str]:
    """A shown command as this interpreter runs it (``python`` and ``torchrun``)."""
    argv = shlex.split(command)
    if argv[:1] == ["python"]:
        return [sys.executable, *argv[1:]]
    if argv[:1] == ["torchrun"]:
        return [sys.executable, "-m", "torch.distributed.run", *argv[1:]]
    raise ValueError(
        "a console block may only run `python examples/...` or `torchrun ...` "
        "(no environment variables); "
        f"show other commands in a `bash` block with a note: {command}"
    )


def run_command(argv: list[str], folder: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run one command; up to twice more while it dies of the known Gloo shutdown abort."""
    proc = _run_once(argv, folder, timeout)
    for _ in range(2):
        if proc.returncode == 0 or GLOO_SHUTDOWN_ABORT not in proc.stderr:
            break
        proc = _run_once(argv, folder, timeout)
    return proc


def _run_once(argv: list[str], folder: Path, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(
        argv, capture_output=True, text=True, cwd=folder, env=reader_env(), timeout=timeout
    )


def run_console(raw: str, root: Path, timeout: float = 600) -> str:
    """Run a console block's commands in order in one empty folder that sees the
    repository's ``examples/``: what they write (checkpoints, logs) lands there, and a
    command can build on the one before (train, then resume). Returns their output."""
    output = []
    with tempfile.TemporaryDirectory(prefix="primer-console-") as folder:
        (Path(folder) / "examples").symlink_to(root / "examples", target_is_directory=True)
        for command in console_commands(raw):
            proc = run_command(runnable_argv(command), Path(folder), timeout)
            if proc.returncode != 0:
                raise RuntimeError(f"`{command}` exited {proc.returncode}:\n{proc.stderr}")
            output.append(proc.stdout)
    return "".join(output)

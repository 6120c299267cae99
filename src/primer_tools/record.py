"""Record the device outputs on a GPU machine, and say which recorded outputs a machine can check.

    python -m primer_tools record OUTDIR

On a machine with a CUDA GPU, this records the CUDA tabs of every page and chapter 21's
GPU figures, then checks what it recorded. It works in a copy of the tree and leaves the
tree as it is. OUTDIR receives ``outputs.patch`` (``git apply`` takes it; it is made with
``diff``, so the machine needs no git) and ``log.txt`` (each step and its time), even
after a failed step. Without a CUDA GPU it stops at once, with one line.

With ``PRIMER_DEVICE=cpu`` the same steps record the CPU tabs instead, which is how the
tests drive this pipeline on a machine without a GPU. ``PRIMER_GPUS`` pretends the
machine has that many GPUs, and ``PRIMER_PAGES`` names the pages to record.

A recorded tab is checked only on a machine like the one that recorded it: the same GPU,
the same number of GPUs and the same torch release. A tab whose output mark says how many
GPUs it needs (``<!-- output: cuda, 2 gpus -->``) is recorded and checked only where the
machine has that many. A tab still showing its placeholder is skipped, with the reason.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .pages import NOT_RECORDED, Block, load_page, repo_root
from .records import RECORD, code_hashes, page_record
from .run import machine_device

# The test files that hold gpu-marked tests (a GPU machine offline lacks what the others import).
GPU_TESTS = ["tests/test_distributed.py"]
# Scripts that measure figures a page reads from src/pytorch_primer/performance/.
MEASUREMENTS = {"21-gpu-performance.md": "examples/21_gpu_performance/benchmark.py"}
# What the copy of the tree leaves out: nothing a record changes or needs.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv*", "site", "wheels", "node", ".cache", "__pycache__"
)


@dataclass(frozen=True)
class Machine:
    device: str  # "cuda", or "cpu" for the stand-in
    name: str  # the GPU's name, or "CPU"
    gpus: int
    torch: str  # the torch release, without its build tag: "2.13.0"


@functools.cache
def this_machine() -> Machine:
    """The machine the checks run on; PRIMER_GPUS overrides the number of GPUs."""
    import torch

    device = machine_device()
    name = "CPU"
    gpus = 0
    if device == "cuda":
        name = torch.cuda.get_device_name()
        gpus = torch.cuda.device_count()
    if os.environ.get("PRIMER_GPUS"):
        gpus = int(os.environ["PRIMER_GPUS"])
    return Machine(device, name, gpus, torch.__version__.split("+")[0])


def skip_reason(output: Block, page_name: str, root: Path) -> str | None:
    """Why this machine cannot check a device output, or None when it can."""
    if output.device is None:
        return None
    if output.raw.startswith(NOT_RECORDED):
        return (
            f"{page_name}: a {output.device} output not recorded yet "
            "(python -m primer_tools record)"
        )
    machine = this_machine()
    if output.gpus > machine.gpus:
        return f"{page_name}: needs {output.gpus} GPUs, and this machine has {machine.gpus}"
    entry = page_record(root, page_name)
    if output.device != "cuda" or entry is None:
        return None
    recorded_on = Machine("cuda", entry["device"], entry["gpus"], entry["torch"].split("+")[0])
    if recorded_on != machine:
        return f"{page_name}: recorded on {describe(recorded_on)}; this is {describe(machine)}"
    return None


def describe(machine: Machine) -> str:
    return f"{machine.gpus} x {machine.name} with torch {machine.torch}"


class Log:
    """Each step's output and time, on the screen and in OUTDIR/log.txt."""

    def __init__(self, path: Path):
        self.path = path
        self.path.write_text("", encoding="utf-8")
        self.failed: list[str] = []

    def say(self, text: str) -> None:
        print(text, flush=True)
        with self.path.open("a", encoding="utf-8") as log:
            log.write(text + "\n")

    def step(self, name: str, *commands: list[str], cwd: Path) -> bool:
        """Run the commands in order; the step fails at the first that fails."""
        self.say(f"== {name}")
        start = time.monotonic()
        result = "ok"
        env = dict(os.environ, PYTHONPATH=str(cwd / "src"))  # the copy's primer_tools
        for command in commands:
            proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
            self.say((proc.stdout + proc.stderr).rstrip("\n"))
            if proc.returncode != 0:
                result = "FAILED"
                self.failed.append(name)
                break
        self.say(f"== {name}: {result} in {time.monotonic() - start:.0f} s")
        return result == "ok"


def machine_line(device: str) -> str | None:
    """The torch build and what it sees; None, after one line, when there is nothing to record."""
    import torch

    print(
        f"torch {torch.__version__}, CUDA {torch.version.cuda}, Python {platform.python_version()}"
    )
    if device == "cpu":
        return f"the CPU stand-in, as {this_machine().gpus} GPU(s)"
    if not torch.cuda.is_available():
        why = "torch sees no CUDA GPU"
        if torch.version.cuda is None:
            why = "this torch build has no CUDA"
        print(f"stopped: {why}, so there is nothing to record; nothing was changed")
        return None
    return describe(this_machine())


def pages_to_record(tree: Path, machine: Machine, log: Log) -> list[str]:
    """The English pages with tabs for this device that this machine can record."""
    named = os.environ.get("PRIMER_PAGES", "").split()
    pages = []
    for path in sorted((tree / "docs" / "en").glob("*.md")):
        relative = f"docs/en/{path.name}"
        if named and relative not in named:
            continue
        tabs = [b for b in load_page(path, tree).blocks if b.device == machine.device]
        if not tabs:
            continue
        needed = max(tab.gpus for tab in tabs)
        if needed > machine.gpus:
            log.say(
                f"not recorded: {relative} needs {needed} GPUs, this machine has {machine.gpus}"
            )
            continue
        pages.append(relative)
    return pages


def write_record(record_file: Path, tree: Path, page: str, machine: Machine) -> None:
    """Note where the page's device tabs were recorded, and a hash of the code behind each."""
    import torch

    record = {}
    if record_file.exists():
        record = json.loads(record_file.read_text(encoding="utf-8"))
    name = Path(page).name
    record[name] = {
        "date": datetime.datetime.now(datetime.timezone.utc).date().isoformat(),
        "device": machine.name,
        "gpus": machine.gpus,
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "python": platform.python_version(),
        "code": code_hashes(load_page(tree / page, tree), tree, machine.device),
    }
    record_file.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def write_patch(before: Path, after: Path, out: Path, log: Log) -> None:
    """OUTDIR/outputs.patch: what the record changed in docs/ and the performance figures."""
    patch = ""
    for part in ("docs", "src/pytorch_primer/performance"):
        command = ["diff", "-ruN", "-x", "__pycache__", f"a/{part}", f"b/{part}"]
        patch += subprocess.run(command, cwd=before.parent, capture_output=True, text=True).stdout
    (out / "outputs.patch").write_text(patch, encoding="utf-8")
    changed = [line for line in patch.splitlines() if line.startswith("+++ ")]
    log.say(f"{out / 'outputs.patch'}: {len(changed)} file(s) changed")
    if patch and shutil.which("git"):
        check = ["git", "apply", "--check", str(out / "outputs.patch")]
        if subprocess.run(check, cwd=before).returncode != 0:
            log.say("outputs.patch does not apply to the tree it was made from")
            log.failed.append("the patch")


def record(out: Path) -> int:
    """Record in a copy of the tree, check what was recorded, and bring back a patch."""
    root = repo_root()
    out.mkdir(parents=True, exist_ok=True)
    log = Log(out / "log.txt")
    machine = machine_line(os.environ.get("PRIMER_DEVICE", "cuda"))
    if machine is None:
        return 1
    log.say(f"recording on {machine}")
    work = Path(tempfile.mkdtemp(prefix="primer-record-"))
    try:
        return record_in(root, work, out, log)
    finally:
        shutil.rmtree(work)


def record_in(root: Path, work: Path, out: Path, log: Log) -> int:
    """The steps of ``record``, in WORK/b, a copy of the tree; WORK/a keeps what they may change."""
    shutil.copytree(root, work / "b", ignore=NOT_COPIED)
    shutil.copytree(work / "b" / "docs", work / "a" / "docs")
    performance = "src/pytorch_primer/performance"
    shutil.copytree(work / "b" / performance, work / "a" / performance)
    tree = work / "b"
    machine = this_machine()
    python = [sys.executable, "-m"]
    pytest = [*python, "pytest", "-p", "no:cacheprovider", "-o", "addopts=", "-rs", "-n"]
    pytest.append(os.environ.get("PRIMER_WORKERS", "auto"))
    record_file = out / f"{machine.device}-outputs.json"
    if machine.device == "cuda":
        record_file = tree / RECORD

    pages = pages_to_record(tree, machine, log)
    for page in pages:  # page by page, so that one failing page does not cost the others
        sync = [*python, "primer_tools", "sync", "--only", "tabs", page]
        if log.step(f"record: the {machine.device} tabs of {page}", sync, cwd=tree):
            write_record(record_file, tree, page, machine)
    for name, script in MEASUREMENTS.items():
        page = f"docs/en/{name}"
        if machine.device != "cuda":
            log.say(f"not measured: the CPU figures of {page} come from the site's own machine")
            continue
        measure = [sys.executable, script, "--save", "cuda"]
        outputs = [*python, "primer_tools", "sync", "--only", "outputs", page]
        log.step(f"record: the figures {page} reads", measure, outputs, cwd=tree)

    log.step(f"check: the {machine.device} tabs against a second run", [*pytest, *pages], cwd=tree)
    log.step("check: the gpu-marked tests", [*pytest, "-m", "gpu", *GPU_TESTS], cwd=tree)
    write_patch(work / "a", tree, out, log)
    if log.failed:
        log.say(f"failed: {', '.join(log.failed)}")
        return 1
    return 0

"""Run a page's code the way a reader would: in page order, in a fresh interpreter.

``run_page`` executes the blocks one after another in the ``__main__`` module of one
fresh interpreter (see ``forkserver.py``) and returns what each block printed, so a
failure can name the block. Run without a break, that is exactly the script a reader
gets by pasting every block into one file, so the same run serves the page check of
both languages and the replay check.

Page and console runs are also kept on disk, in ``.cache/primer-runs/`` (ignored by
git), keyed by the code, the contents of ``examples/`` and ``src/pytorch_primer/``, the
runner itself and the installed packages: a translator who changed only prose
re-checks a page in seconds, and any change to code or environment runs it again.
Test processes running side by side (``pytest -n``) share those files, and a page one
of them is running is waited for, not run twice. ``PRIMER_RUN_CACHE=0`` turns the disk
cache off; ``PRIMER_RUN_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import importlib.metadata
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import forkserver


@dataclass
class BlockResult:
    stdout: str
    error: str | None


def reader_env() -> dict[str, str]:
    """A plain environment: same hashing and thread count on every run."""
    env = dict(os.environ)
    env.update(PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONSTARTUP", None)
    return env


def _cache_key(blocks: list[str]) -> str:
    return hashlib.sha256(json.dumps(blocks).encode()).hexdigest()


@dataclass
class PageRun:
    blocks: list[BlockResult]  # one per block that ran; a failed block ends the run
    files: dict[str, bytes]  # figures (.svg, .png) the code wrote into its working folder

    @property
    def stdout(self) -> str:
        """Everything the run printed, in order: what the pasted script prints."""
        return "".join(block.stdout for block in self.blocks)

    @property
    def error(self) -> str | None:
        return next((block.error for block in self.blocks if block.error), None)


_cache: dict[str, PageRun] = {}


@functools.cache
def _environment_fingerprint() -> str:
    """What, besides a page's own code, decides what it prints."""
    from .pages import machine_device, repo_root

    root = repo_root()
    digest = hashlib.sha256(f"{sys.version}|{machine_device()}|{forkserver.PROGRAM.read_text()}".encode())
    for dist in sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()):
        digest.update(dist.encode())
    for folder in ("examples", "src/pytorch_primer"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode() + path.read_bytes())
    return digest.hexdigest()


def _disk_cache_file(kind: str, key: str) -> Path | None:
    if os.environ.get("PRIMER_RUN_CACHE", "1") == "0":
        return None
    from .pages import repo_root

    folder = Path(os.environ.get("PRIMER_RUN_CACHE_DIR") or repo_root() / ".cache" / "primer-runs")
    name = hashlib.sha256(f"{kind}|{key}|{_environment_fingerprint()}".encode()).hexdigest()
    return folder / f"{name}.json"


@contextlib.contextmanager
def _only_one_runner(path: Path | None):
    """While one test process runs this page, the others wait for its result."""
    try:
        import fcntl
    except ImportError:  # Windows: no waiting, at worst a page runs twice
        fcntl = None
    if path is None or fcntl is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _read_disk_cache(path: Path | None):
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path else None
    except (OSError, ValueError):
        return None


def _write_disk_cache(path: Path | None, data) -> None:
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as tmp:
            json.dump(data, tmp)
        os.replace(tmp.name, path)


def run_blocks(blocks: list[str], timeout: float = 600) -> list[BlockResult]:
    """Run code blocks in order in one fresh interpreter; one result per block run."""
    return run_page(blocks, timeout).blocks


def _page_run_from_child(blocks: list[str], child: forkserver.ChildRun) -> PageRun:
    results = [BlockResult(stdout, None) for stdout in child.outputs]
    if child.returncode != 0:
        error = child.error or f"the interpreter exited with status {child.returncode}:\n{child.stderr}"
        if not results:
            results.append(BlockResult("", None))
        results[-1].error = error
    return PageRun(results, child.files)


def run_page(blocks: list[str], timeout: float = 600) -> PageRun:
    """Run code blocks in order in one fresh interpreter, in an empty working folder.

    The run is kept by the code itself, so the English and Korean pages (same code)
    and the replay check cost one run."""
    key = _cache_key(blocks)
    if key in _cache:
        return _cache[key]
    path = _disk_cache_file("page", key)
    with _only_one_runner(path):
        stored = _read_disk_cache(path)
        if stored is not None:
            files = {name: base64.b64decode(content) for name, content in stored["files"].items()}
            _cache[key] = PageRun([BlockResult(**r) for r in stored["blocks"]], files)
            return _cache[key]
        run = _page_run_from_child(blocks, forkserver.run_code(blocks, reader_env(), timeout))
        _cache[key] = run
        if run.error is None:
            stored_results = [{"stdout": r.stdout, "error": r.error} for r in run.blocks]
            files = {name: base64.b64encode(content).decode() for name, content in run.files.items()}
            _write_disk_cache(path, {"blocks": stored_results, "files": files})
    return run


def console_commands(raw: str) -> list[str]:
    """The ``$ ...`` lines of a console block."""
    return [line[2:].strip() for line in raw.splitlines() if line.startswith("$ ")]


def runnable_argv(command: str) -> list[str]:
    """A shown command as this interpreter runs it (``python`` and ``torchrun``)."""
    argv = shlex.split(command)
    env_prefix = []
    while argv and "=" in argv[0] and not argv[0].startswith("-"):
        env_prefix.append(argv.pop(0))
    if env_prefix:
        raise ValueError(f"set environment variables in the test, not in a shown command: {command}")
    if argv[:1] == ["python"]:
        return [sys.executable, *argv[1:]]
    if argv[:1] == ["torchrun"]:
        return [sys.executable, "-m", "torch.distributed.run", *argv[1:]]
    raise ValueError(
        f"a console block may only run `python examples/...` or `torchrun ...`; "
        f"show other commands in a `bash` block with a note: {command}"
    )


_console_cache: dict[str, str] = {}


# torch 2.13 on the CPU: when a process leaves right after a Gloo collective, a Gloo
# worker thread may still be releasing that collective's tensors; if the interpreter has
# begun to shut down by then, taking the GIL ends the thread and C++ aborts the process
# with this line, after the script has done and printed everything
# (https://github.com/pytorch/pytorch/issues/190489). About one run in 20 on a loaded
# two-core machine, with torchrun or mp.spawn alike. Such a run is repeated once; any
# other failure counts at once.
GLOO_SHUTDOWN_ABORT = "terminate called without an active exception"


def _run_once(argv: list[str], workdir: Path, timeout: float) -> tuple[int, str, str]:
    if argv[:3] == [sys.executable, "-m", "torch.distributed.run"]:
        proc = subprocess.run(argv, capture_output=True, text=True, cwd=workdir, env=reader_env(), timeout=timeout)
        return proc.returncode, proc.stdout, proc.stderr
    child = forkserver.run_script(argv[1:], workdir, reader_env(), timeout)
    return child.returncode, "".join(child.outputs), child.stderr


def run_command(argv: list[str], workdir: Path, timeout: float = 600) -> tuple[int, str, str]:
    """A shown command's (exit status, stdout, stderr): ``python`` scripts in a forked
    fresh interpreter, ``torchrun`` as a real process tree."""
    returncode, stdout, stderr = _run_once(argv, workdir, timeout)
    if returncode != 0 and GLOO_SHUTDOWN_ABORT in stderr:
        returncode, stdout, stderr = _run_once(argv, workdir, timeout)
    return returncode, stdout, stderr


def run_console(raw: str, root: Path, timeout: float = 600) -> str:
    """Run the commands of a console block, in order, as a reader would from the
    repository root; their output.

    They run in one fresh folder that sees the repository's ``examples/`` (a link), so
    what they write (checkpoints, logs) lands there and the commands of one block can
    build on each other (train, then resume). Kept by the block's text: both languages
    show the same commands."""
    if raw in _console_cache:
        return _console_cache[raw]
    path = _disk_cache_file("console", raw)
    with _only_one_runner(path):
        stored = _read_disk_cache(path)
        if stored is not None:
            _console_cache[raw] = stored
            return stored
        output = []
        with tempfile.TemporaryDirectory(prefix="primer-console-") as workdir:
            try:
                (Path(workdir) / "examples").symlink_to(root / "examples", target_is_directory=True)
            except OSError:  # Windows without the right to make links
                shutil.copytree(root / "examples", Path(workdir) / "examples")
            for command in console_commands(raw):
                returncode, stdout, stderr = run_command(runnable_argv(command), Path(workdir), timeout)
                if returncode != 0:
                    raise RuntimeError(f"`{command}` exited {returncode}:\n{stderr}")
                output.append(stdout)
        _console_cache[raw] = "".join(output)
        _write_disk_cache(path, _console_cache[raw])
    return _console_cache[raw]

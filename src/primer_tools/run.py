"""Run a page's code the way a reader would: in page order, in a fresh interpreter.

``run_blocks`` executes the blocks one after another in one namespace of one new
Python process and returns what each block printed, so a failure can name the block.
``replay`` runs the same blocks pasted together as a single script (``python -``),
which is literally what a reader who copies every block does.

Page and console runs are also kept on disk, in ``.cache/primer-runs/`` (ignored by
git), keyed by the code, the contents of ``examples/`` and ``src/pytorch_primer/``, and
the installed packages: a translator who changed only prose re-checks a page in
seconds, and any change to code or environment runs it again. ``PRIMER_RUN_CACHE=0``
turns the disk cache off; ``replay`` never uses it.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.metadata
import json
import os
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

_DRIVER = r"""
import contextlib, io, json, sys, traceback
blocks = json.loads(sys.stdin.read())
namespace = {"__name__": "__main__"}
results = []
for code in blocks:
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            exec(compile(code, "<page block %d>" % (len(results) + 1), "exec"), namespace)
    except BaseException:
        results.append({"stdout": buffer.getvalue(), "error": traceback.format_exc()})
        break
    results.append({"stdout": buffer.getvalue(), "error": None})
import base64, os
files = {name: base64.b64encode(open(name, "rb").read()).decode()
         for name in sorted(os.listdir(".")) if name.endswith((".svg", ".png"))}
sys.__stdout__.write("\n@@PRIMER-RESULTS@@\n" + json.dumps({"blocks": results, "files": files}))
"""


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
    blocks: list[BlockResult]
    files: dict[str, bytes]  # figures (.svg, .png) the code wrote into its working folder


_cache: dict[str, PageRun] = {}


@functools.cache
def _environment_fingerprint() -> str:
    """What, besides a page's own code, decides what it prints."""
    from .pages import machine_device, repo_root

    root = repo_root()
    digest = hashlib.sha256(f"{sys.version}|{machine_device()}".encode())
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

    name = hashlib.sha256(f"{kind}|{key}|{_environment_fingerprint()}".encode()).hexdigest()
    return repo_root() / ".cache" / "primer-runs" / f"{name}.json"


def _read_disk_cache(kind: str, key: str):
    path = _disk_cache_file(kind, key)
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path else None
    except (OSError, ValueError):
        return None


def _write_disk_cache(kind: str, key: str, data) -> None:
    path = _disk_cache_file(kind, key)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as tmp:
            json.dump(data, tmp)
        os.replace(tmp.name, path)


def run_blocks(blocks: list[str], timeout: float = 600) -> list[BlockResult]:
    """Run code blocks in order in one fresh interpreter; one result per block run."""
    return run_page(blocks, timeout).blocks


def run_page(blocks: list[str], timeout: float = 600) -> PageRun:
    """Run code blocks in order in one fresh interpreter, in an empty working folder.

    The run is cached per process by the code itself, so the English and Korean
    pages (same code) cost one run.
    """
    key = _cache_key(blocks)
    if key in _cache:
        return _cache[key]
    stored = _read_disk_cache("page", key)
    if stored is not None:
        files = {name: base64.b64decode(content) for name, content in stored["files"].items()}
        _cache[key] = PageRun([BlockResult(**r) for r in stored["blocks"]], files)
        return _cache[key]
    with tempfile.TemporaryDirectory(prefix="primer-page-") as workdir:
        proc = subprocess.run(
            [sys.executable, "-c", _DRIVER],
            input=json.dumps(blocks),
            capture_output=True,
            text=True,
            cwd=workdir,
            env=reader_env(),
            timeout=timeout,
        )
    marker = "\n@@PRIMER-RESULTS@@\n"
    if marker not in proc.stdout:
        raise RuntimeError(f"the page's interpreter died (exit {proc.returncode}):\n{proc.stderr}")
    stray, payload = proc.stdout.rsplit(marker, 1)
    data = json.loads(payload)
    results = [BlockResult(**r) for r in data["blocks"]]
    if stray and results:  # output written straight to the file descriptor
        results[0].stdout = stray + results[0].stdout
    files = {name: base64.b64decode(content) for name, content in data["files"].items()}
    _cache[key] = PageRun(results, files)
    if not any(r.error for r in results):
        stored_results = [{"stdout": r.stdout, "error": r.error} for r in results]
        _write_disk_cache("page", key, {"blocks": stored_results, "files": data["files"]})
    return _cache[key]


def replay(blocks: list[str], timeout: float = 600) -> subprocess.CompletedProcess:
    """The page's blocks pasted into one script and run with ``python -``."""
    script = "\n".join(blocks)
    with tempfile.TemporaryDirectory(prefix="primer-replay-") as workdir:
        return subprocess.run(
            [sys.executable, "-"],
            input=script,
            capture_output=True,
            text=True,
            cwd=workdir,
            env=reader_env(),
            timeout=timeout,
        )


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


def run_console(raw: str, root: Path, timeout: float = 600) -> str:
    """Run the commands of a console block, in order, as a reader would from the
    repository root; their output.

    They run in one fresh folder that sees the repository's ``examples/`` (a link), so
    what they write (checkpoints, logs) lands there and the commands of one block can
    build on each other (train, then resume). Cached per process by the block's text:
    both languages show the same commands."""
    if raw in _console_cache:
        return _console_cache[raw]
    stored = _read_disk_cache("console", raw)
    if stored is not None:
        _console_cache[raw] = stored
        return stored
    output = []
    with tempfile.TemporaryDirectory(prefix="primer-console-") as workdir:
        (Path(workdir) / "examples").symlink_to(root / "examples", target_is_directory=True)
        for command in console_commands(raw):
            proc = subprocess.run(
                runnable_argv(command),
                capture_output=True,
                text=True,
                cwd=workdir,
                env=reader_env(),
                timeout=timeout,
            )
            if proc.returncode != 0:
                raise RuntimeError(f"`{command}` exited {proc.returncode}:\n{proc.stderr}")
            output.append(proc.stdout)
    _console_cache[raw] = "".join(output)
    _write_disk_cache("console", raw, _console_cache[raw])
    return _console_cache[raw]

"""Fresh interpreters without paying for ``import torch`` each time.

A page's code, or an example script, must run in a fresh interpreter: no state left by
another page. Starting one costs a few seconds, most of it ``import torch``. So on Linux
one server process per test process imports torch once and then forks a child for
every run. The child gets what ``python -`` (a page) or ``python script.py args`` (a
script) would give it: ``__main__`` is a new module, ``sys.argv`` and ``sys.path[0]``
are set as Python sets them, the working folder is the one asked for, and it leaves
through the interpreter's normal exit (threads joined, ``atexit`` handlers run). The
server never runs a tensor operation, so the child inherits no thread pool and no
CUDA context.

Where ``fork`` is missing or unsafe (Windows, macOS), or with ``PRIMER_FORK=0``, the
same code runs in a new interpreter per run instead: slower, same results.

Each block's standard output goes to its own file (file descriptor 1 itself, so output
written by C code or by subprocesses lands with the block that caused it).
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PROGRAM = Path(__file__).with_name("interpreter.py")  # what the server and each child run


@dataclass
class ChildRun:
    """What one fresh interpreter printed and left behind."""

    returncode: int
    outputs: list[str]  # standard output: one per page block that ran, or the script's
    stderr: str
    error: str | None = None  # the traceback of the page block that failed
    files: dict[str, bytes] = field(default_factory=dict)  # figures written to the working folder


def fork_available() -> bool:
    """Linux, unless ``PRIMER_FORK=0`` asks for a new interpreter per run (to compare)."""
    return sys.platform == "linux" and hasattr(os, "fork") and os.environ.get("PRIMER_FORK", "1") != "0"


class _Server:
    def __init__(self, env: dict[str, str]):
        self.log = tempfile.TemporaryFile()
        self._pending = b""
        self.proc = subprocess.Popen(
            [sys.executable, str(PROGRAM), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            cwd=tempfile.gettempdir(),
            env=env,
        )
        self._read(timeout=600)  # {"ready": true}: torch is imported

    def _read(self, timeout: float | None) -> dict:
        """The server's next reply (one JSON line), read straight from the pipe."""
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._pending:
            if not select.select([fd], [], [], timeout)[0]:
                raise TimeoutError
            chunk = os.read(fd, 65536)
            if not chunk:
                self.log.seek(0)
                raise RuntimeError(f"the fork server died:\n{self.log.read().decode(errors='replace')}")
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return json.loads(line)

    def run(self, request: dict, timeout: float) -> int:
        self.proc.stdin.write((json.dumps(request) + "\n").encode())
        self.proc.stdin.flush()
        pid = self._read(timeout=60)["pid"]
        try:
            return self._read(timeout)["returncode"]
        except TimeoutError:
            os.killpg(pid, signal.SIGKILL)
            self._read(timeout=60)
            raise subprocess.TimeoutExpired("a forked run", timeout) from None

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


_servers: dict[tuple, _Server] = {}


def _server(env: dict[str, str]) -> _Server:
    """The server for this environment's start-up settings (``PYTHON*`` variables are
    read once, when an interpreter starts); the rest of the environment goes with each
    request."""
    key = tuple(sorted((name, value) for name, value in env.items() if name.startswith("PYTHON")))
    if key not in _servers or _servers[key].proc.poll() is not None:
        _servers[key] = _Server(env)
    return _servers[key]


@atexit.register
def _close_servers() -> None:
    for server in _servers.values():
        server.close()


def _run(request: dict, env: dict[str, str], timeout: float) -> int:
    if fork_available():
        return _server(env).run({**request, "env": env}, timeout)
    proc = subprocess.run([sys.executable, str(PROGRAM), "once"], input=json.dumps(request), text=True, env=env, timeout=timeout)
    return proc.returncode


def _collect(returncode: int, outdir: Path, names: list[str]) -> ChildRun:
    def read(name: str) -> str | None:
        path = outdir / name
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else None

    outputs = [text for text in map(read, names) if text is not None]
    return ChildRun(returncode, outputs, read("stderr.txt") or "", read("error.txt"))


def run_code(blocks: list[str], env: dict[str, str], timeout: float = 600) -> ChildRun:
    """Run code blocks in order in one fresh interpreter, in an empty working folder."""
    with (
        tempfile.TemporaryDirectory(prefix="primer-out-") as outdir,
        tempfile.TemporaryDirectory(prefix="primer-page-") as workdir,
    ):
        request = {"blocks": blocks, "workdir": workdir, "outdir": outdir}
        returncode = _run(request, env, timeout)
        result = _collect(returncode, Path(outdir), [f"block-{n}.out" for n in range(1, len(blocks) + 1)])
        result.files = {p.name: p.read_bytes() for p in sorted(Path(workdir).iterdir()) if p.suffix in (".svg", ".png")}
    return result


def run_script(argv: list[str], workdir: Path, env: dict[str, str], timeout: float = 600) -> ChildRun:
    """``python argv[0] argv[1:]`` in a fresh interpreter, in ``workdir``."""
    with tempfile.TemporaryDirectory(prefix="primer-out-") as outdir:
        request = {"argv": argv, "workdir": str(workdir), "outdir": outdir}
        return _collect(_run(request, env, timeout), Path(outdir), ["script.out"])

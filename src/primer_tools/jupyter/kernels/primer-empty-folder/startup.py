"""What every notebook the tests run does first. The kernel ``primer-empty-folder`` (this
folder) runs this file at start-up, and tests/test_package.py puts it in a notebook's first cell.

Two things differ from a reader's Jupyter, on purpose:

1. The notebook runs in a new, empty folder, as on Colab. It cannot lean on the repository's
   files, and it writes none into the repository.
2. A `!` command that fails makes its cell fail. Jupyter only prints the error, so a broken
   command would pass unnoticed.

It uses the standard library and IPython only: the wheel test runs it in a fresh environment,
where primer_tools is not installed.
"""

# This runs in the notebook's own namespace: every name here is private (a leading underscore),
# so that a notebook that forgets `import sys` fails here as it would for a reader.
import os as _os
import subprocess as _subprocess
import sys as _sys
import tempfile as _tempfile

from IPython import get_ipython as _get_ipython

# The same line as primer_tools.run.GLOO_SHUTDOWN_ABORT (tests/test_package.py checks that):
# torch's Gloo can abort a process at shutdown, after it printed everything. Such a command
# runs up to twice more; any other failure counts.
_GLOO_SHUTDOWN_ABORT = "terminate called without an active exception"

# Removed when the kernel exits.
_empty_folder = _tempfile.TemporaryDirectory(prefix="primer-notebook-")
_os.chdir(_empty_folder.name)


def _run_shell_command(command: str) -> None:
    """Run a `!` line; raise if it fails."""
    # `{sys.executable}` in the line: expanded in the cell's namespace, as IPython does.
    command = _get_ipython().var_expand(command, depth=1)
    proc = _subprocess.run(command, shell=True, capture_output=True, text=True)
    for _ in range(2):
        if proc.returncode == 0 or _GLOO_SHUTDOWN_ABORT not in proc.stderr:
            break
        proc = _subprocess.run(command, shell=True, capture_output=True, text=True)
    _sys.stdout.write(proc.stdout)
    _sys.stderr.write(proc.stderr)
    if proc.returncode:
        raise RuntimeError(f"`{command}` exited {proc.returncode}")


_get_ipython().system = _run_shell_command

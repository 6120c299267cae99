"""The teaching package as a reader gets it: every public function and class shows an example
in its docstring (help() prints it; --doctest-modules runs it), and the wheel, installed in a
fresh virtual environment with nothing of the repository, runs chapter notebooks from an empty
folder.

One environment for all of it, built the way the README installs (torch==2.13.0 first, so
pip keeps that build; here it comes from local disk, and the rest from pip's cache or
index). The notebooks run as the suite runs every notebook (primer_tools.pytest_plugin): from an
empty folder, with `!` commands that fail the run when they fail.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import nbformat
import pytest

import pytorch_primer
from helpers import ROOT, notebook_copy
from primer_tools.pytest_plugin import NOTEBOOK_STARTUP
from primer_tools.run import GLOO_SHUTDOWN_ABORT, machine_device

NOTEBOOKS = ["05-multilayer-networks", "10-multi-gpu-training", "14-project-template"]
EXECUTE = (
    """\
import sys
from pathlib import Path

import nbclient, nbformat

for path in sys.argv[1:]:
    notebook = nbformat.read(path, 4)
    nbclient.NotebookClient(notebook, timeout=600, """
    """resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    nbformat.write(notebook, path)
"""
)


def public_functions_and_classes():
    """Each function and class that a module of pytorch_primer defines under a public name."""
    found = []
    for module_info in pkgutil.iter_modules(pytorch_primer.__path__):
        module = importlib.import_module(f"pytorch_primer.{module_info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue  # private, or imported from elsewhere (Path, Dataset)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                found.append((f"{module.__name__}.{name}", obj))
    return found


def test_every_public_function_and_class_shows_an_example():
    found = public_functions_and_classes()
    assert "pytorch_primer.checkpoints.save_checkpoint" in [name for name, _ in found]
    without = [name for name, obj in found if ">>>" not in (obj.__doc__ or "")]
    assert without == [], (
        f"{without}: give each a short >>> example in its docstring, with the output it prints "
        f"(pytest src/pytorch_primer runs them)"
    )


def run(*command, **kwargs):
    proc = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert proc.returncode == 0, (
        f"{' '.join(map(str, command))} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    return proc


def console_outputs(notebook) -> list[tuple[str, str]]:
    """(command, what it printed on stdout) of each cell that runs shell commands."""
    return [
        (cell.source, "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stdout"))
        for cell in notebook.cells
        if cell.cell_type == "code"
        and any(line.startswith("!") for line in cell.source.splitlines())
    ]


def test_the_notebook_startup_knows_the_gloo_abort_that_run_py_retries():
    """The notebooks' kernel cannot import primer_tools in the wheel's environment, so its
    start-up code has its own copy of the line; it must stay the one that run.py retries on."""
    line = f'_GLOO_SHUTDOWN_ABORT = "{GLOO_SHUTDOWN_ABORT}"'
    assert line in NOTEBOOK_STARTUP.read_text(encoding="utf-8")


def build_wheel(tmp_path: Path) -> Path:
    """The wheel, built from what the sdist holds: no stale build/ folder, nothing written
    into the tree."""
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "src", source / "src", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE", "LICENSE-docs"):
        shutil.copy(ROOT / name, source)
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    run(*pip_wheel, "--no-build-isolation", "-w", tmp_path, source)
    (wheel,) = tmp_path.glob("pytorch_primer-*.whl")
    return wheel


def fresh_environment(tmp_path: Path, wheel: Path) -> tuple[Path, dict[str, str]]:
    """(its python, its environment variables): torch, the wheel and a kernel, nothing of
    src/. Compiled modules are kept: pip compiles none, and every process would compile
    torch again."""
    venv.create(tmp_path / "venv", with_pip=False)  # pip runs from here with --python
    python, bin_dir = tmp_path / "venv/bin/python", tmp_path / "venv/bin"
    left_out = ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in left_out}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env['PATH']}",
        PYTHONNOUSERSITE="1",
        JUPYTER_DATA_DIR=str(tmp_path / "jupyter"),
    )
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-compile"]
    run(*pip, "torch==2.13.0", env=env)
    run(*pip, wheel, "ipykernel", "nbclient", env=env)
    return python, env


# The suite's own notebook runs leave these out (primer_tools.pytest_plugin): this test runs them.
@pytest.mark.runs_notebooks(*NOTEBOOKS)
@pytest.mark.distributed
def test_the_wheel_alone_runs_the_notebooks_in_a_fresh_environment(tmp_path):
    wheel = build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    assert "pytorch_primer/performance/cpu.json" in names, (
        "the wheel lacks the package's data files"
    )
    assert not [n for n in names if n.startswith("primer_tools")], (
        "the checking machinery must not ship in the wheel"
    )

    python, env = fresh_environment(tmp_path, wheel)
    # and the kernel is the fresh environment's, the package its wheel
    where = (
        "import sys, pytorch_primer\n"
        f"assert sys.prefix == {str(tmp_path / 'venv')!r} and sys.prefix in pytorch_primer.__file__"
    )
    copies = []
    for name in NOTEBOOKS:
        (tmp_path / name).mkdir()
        copies.append(notebook_copy(ROOT / f"docs/en/notebooks/{name}.ipynb", tmp_path / name))
        notebook = nbformat.read(copies[-1], 4)
        notebook.cells.append(nbformat.v4.new_code_cell(where))
        nbformat.write(notebook, copies[-1])
    run(python, "-c", EXECUTE, *copies, cwd=tmp_path, env=env)

    if machine_device() != "cpu":
        return  # the notebooks carry the CPU outputs; on a GPU machine they only have to run
    for name, copy in zip(NOTEBOOKS, copies, strict=True):
        printed = console_outputs(nbformat.read(copy, 4))
        shown = console_outputs(nbformat.read(ROOT / f"docs/en/notebooks/{name}.ipynb", 4))
        assert printed == shown, (
            f"{name}: the notebook's commands print other outputs than the page shows"
        )

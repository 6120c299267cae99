"""pytest collects the English pages through Sybil (primer_tools.outputs.PageParser), and runs
notebooks from an empty folder."""

import os

# Idle OpenMP threads sleep instead of spinning. Every process the suite starts (page runs, scripts,
# notebook kernels, torchrun) inherits this; results do not change, but with several torch processes
# on two cores, spinning threads take the CPU from the ones with work: two page-running workers side
# by side took 88 s and 79 s spinning, 59 s and 61 s sleeping. Set before anything in this process
# loads torch.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from primer_tools.run import SAME_ON_EVERY_CPU  # noqa: E402

# Notebook kernels and every other process the suite starts compute as the page checks do.
os.environ.update(SAME_ON_EVERY_CPU)

from pathlib import Path  # noqa: E402

import nbformat  # noqa: E402
import pytest  # noqa: E402
from sybil import Sybil  # noqa: E402

from primer_tools.outputs import PageParser  # noqa: E402
from primer_tools.run import GLOO_SHUTDOWN_ABORT  # noqa: E402

pytest_collect_file = Sybil(parsers=[PageParser()], path="docs", patterns=["en/*.md"]).pytest()

PACKAGE = (
    Path(__file__).parent / "src" / "pytorch_primer"
)  # its docstrings' examples: --doctest-modules


@pytest.fixture(autouse=True)
def package_doctests_run_in_an_empty_folder(request, monkeypatch):
    """The examples in the package's docstrings write files (a checkpoint, a drawing) where they
    run: in a temporary folder, not in the repository."""
    if PACKAGE in request.node.path.parents:
        monkeypatch.chdir(request.getfixturevalue("tmp_path"))


# In a test, a failing `!` command fails its notebook (Jupyter only prints it); once more first for
# the Gloo abort.
STRICT_SHELL = (
    f"""\
import subprocess, sys
def _system(command):
    command = get_ipython().var_expand(command, depth=1)"""
    f"""  # {{sys.executable}}, as IPython expands it
    proc = subprocess.run(command, shell=True, capture_output=True, text=True)
    if proc.returncode and {GLOO_SHUTDOWN_ABORT!r} in proc.stderr:
        proc = subprocess.run(command, shell=True, capture_output=True, text=True)
    sys.stdout.write(proc.stdout), sys.stderr.write(proc.stderr)
    if proc.returncode:
        raise RuntimeError(f"`{{command}}` exited {{proc.returncode}}")
get_ipython().system = _system"""
)


def notebook_copy(notebook: Path, folder: Path) -> Path:
    """The notebook in ``folder``, which holds nothing of the repository, for a test to run."""
    copy = nbformat.read(notebook, 4)
    copy.cells.insert(0, nbformat.v4.new_code_cell(STRICT_SHELL))
    nbformat.write(copy, folder / notebook.name)
    return folder / notebook.name


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """nbmake runs each notebook as a reader without a clone would: from an empty folder."""
    if getattr(item, "nbmake", False):
        item.filename = str(
            notebook_copy(item.path, item.config._tmp_path_factory.mktemp(item.path.stem))
        )


def pytest_collection_modifyitems(config, items):
    """A notebook that tests/test_package.py runs in a fresh environment is not run twice."""
    fresh = {
        name for item in items for name in getattr(getattr(item, "function", None), "notebooks", ())
    }
    twice = [item for item in items if getattr(item, "nbmake", False) and item.path.stem in fresh]
    config.hook.pytest_deselected(items=twice)
    items[:] = [item for item in items if item not in twice]

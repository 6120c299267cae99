"""How pytest checks the site: the root conftest.py loads this plugin (``pytest_plugins``).

- Each English page is a test file. Sybil collects it with ``PageParser``: one test per runnable
  block and one per figure. Korean pages are not run: parity makes their code and output
  blocks byte-identical to the English ones.
- nbmake runs each chapter notebook with the Jupyter kernel ``primer-empty-folder`` (the folder
  ``jupyter/kernels/`` next to this file). That kernel starts the notebook in a new, empty
  folder, and makes a failing `!` command fail its cell.
- A test marked ``@pytest.mark.runs_notebooks("05-multilayer-networks", ...)`` runs those
  notebooks itself; the suite's own notebook runs leave them out.
- The examples in the docstrings of src/pytorch_primer run in a temporary folder.
"""

from __future__ import annotations

import os
import unittest
from pathlib import Path

import pytest
from sybil import Document, Example, Region, Sybil

from .outputs import FIGURE_LINK, check_page, describe_mismatch, figure_problem
from .pages import load_page, repo_root
from .record import skip_reason
from .run import machine_device

# A Jupyter data folder that holds one kernel spec: jupyter/kernels/primer-empty-folder/.
JUPYTER_FOLDER = Path(__file__).with_name("jupyter")
NOTEBOOK_KERNEL = "primer-empty-folder"
# The code that kernel runs first; tests/test_package.py runs it as a notebook's first cell.
NOTEBOOK_STARTUP = JUPYTER_FOLDER / "kernels" / NOTEBOOK_KERNEL / "startup.py"
PAGES = pytest.StashKey()


class PageParser:
    """Reads an English page for Sybil and yields one example per runnable block and per
    figure. The first example evaluated runs the whole page and keeps the results in the
    document's namespace, which Sybil shares between the evaluators of one page. Output
    blocks for the other kind of machine (a CUDA tab here) are not examples: the GPU job
    checks them."""

    def __call__(self, document: Document):
        page = load_page(Path(document.path), repo_root())
        for step in page.steps(machine_device()):
            start, end = step.block.start, step.block.end
            yield Region(start, end, parsed=start, evaluator=check_block)
        for link in FIGURE_LINK.finditer(page.text):
            yield Region(link.start(), link.end(), parsed=link[1], evaluator=check_figure)


def page_run(example: Example):
    """Run the example's page once; return (page, results by block offset, figures drawn)."""
    if "page_run" not in example.namespace:
        root = repo_root()
        page = load_page(Path(example.path), root)
        results, drawn = check_page(page, root)
        by_offset = {result.step.block.start: result for result in results}
        example.namespace["page_run"] = page, by_offset, drawn
    return example.namespace["page_run"]


def check_block(example: Example) -> str | None:
    """Compare one block's output with what it printed. An output this machine cannot check
    (a placeholder, or one recorded on another kind of machine: primer_tools.record) is
    skipped: pytest reports unittest's SkipTest as a skip, with its reason."""
    page = load_page(Path(example.path), repo_root())
    # example.parsed is the block's offset in the page
    [step] = [s for s in page.steps(machine_device()) if s.block.start == example.parsed]
    if step.output is not None:
        reason = skip_reason(step.output, page.name, repo_root())
        if reason:
            raise unittest.SkipTest(reason)
    page, results, _ = page_run(example)
    result = results[example.parsed]
    if result.matches():
        return None
    return describe_mismatch(page, result, repo_root())


def check_figure(example: Example) -> str | None:
    """Compare a committed figure with what the page's code drew (example.parsed: its name)."""
    page, _, drawn = page_run(example)
    return figure_problem(page, example.parsed, drawn, repo_root())


def pytest_configure(config: pytest.Config) -> None:
    pages = Sybil(parsers=[PageParser()], path=str(config.rootpath / "docs"), patterns=["en/*.md"])
    config.stash[PAGES] = pages.pytest()
    # Jupyter finds kernel specs in the folders of JUPYTER_PATH first. The kernels that nbmake
    # starts inherit this process's environment, so they find the primer-empty-folder kernel.
    # (pytest-xdist's workers inherit it already set.)
    folders = [folder for folder in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if folder]
    if str(JUPYTER_FOLDER) not in folders:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(JUPYTER_FOLDER), *folders])
    # nbmake's own option, --nbmake-kernel, unless the command line gives one.
    if config.pluginmanager.hasplugin("nbmake") and not config.option.nbmake_kernel:
        config.option.nbmake_kernel = NOTEBOOK_KERNEL


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    """An English page (docs/en/*.md) becomes a test file; Sybil ignores other files."""
    return parent.config.stash[PAGES](file_path, parent)


# Last, after -k and -m: a deselected test runs no notebooks.
@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A notebook that a test marked ``runs_notebooks`` runs is not run a second time."""
    run_by_a_test = set()
    for item in items:
        for marker in item.iter_markers("runs_notebooks"):
            run_by_a_test.update(marker.args)
    twice = []
    for item in items:
        if item.path.suffix == ".ipynb" and item.path.stem in run_by_a_test:
            twice.append(item)
    if twice:
        config.hook.pytest_deselected(items=twice)
        items[:] = [item for item in items if item not in twice]


@pytest.fixture(autouse=True)
def package_doctests_run_in_an_empty_folder(request, monkeypatch):
    """The examples in the package's docstrings write files (a checkpoint, a drawing) where
    they run: in a temporary folder, not in the repository."""
    package = request.config.rootpath / "src" / "pytorch_primer"
    if package in request.node.path.parents:
        monkeypatch.chdir(request.getfixturevalue("tmp_path"))

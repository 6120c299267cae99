"""Each chapter is also a notebook per language, made from its page; nbmake runs them
(pytest --nbmake collects docs/*/notebooks/*.ipynb)."""

import nbformat
import pytest

from helpers import ROOT, page_id
from primer_tools.notebooks import INSTALL_CELL, notebook_path, notebook_text
from primer_tools.pages import LANGUAGES, chapter_paths, load_page

CHAPTERS = [p for lang in LANGUAGES for p in chapter_paths(ROOT, lang)]


@pytest.mark.parametrize("path", CHAPTERS, ids=page_id)
def test_chapter_notebook_has_the_code_and_outputs_of_its_page(path):
    """Only what no prose edit can change: the code cells and their outputs. A translator's
    one-sentence fix in the browser leaves the committed notebook's prose behind, and that is
    fine: the publishing build makes every notebook again from its page, for the site and for
    the branch the Colab links open (CONTRIBUTING.md, "Notebooks follow the pages ...")."""
    notebook, name = notebook_path(path), notebook_path(path).relative_to(ROOT)
    assert notebook.exists(), f"{name} is missing: run `python -m primer_tools sync`"
    committed = nbformat.read(notebook, 4)
    from_page = nbformat.reads(notebook_text(load_page(path, ROOT)), 4)
    committed_code = [(c.source, c.outputs) for c in committed.cells if c.cell_type == "code"]
    page_code = [(c.source, c.outputs) for c in from_page.cells if c.cell_type == "code"]
    assert committed_code == page_code, (
        f"{name} has other code or outputs than {page_id(path)}: "
        "run `python -m primer_tools sync --only notebooks`"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=page_id)
def test_chapter_page_links_to_its_notebook(path):
    assert f"](notebooks/{notebook_path(path).name})" in path.read_text(encoding="utf-8")


def test_no_notebook_without_a_page():
    for lang in LANGUAGES:
        pages = {p.stem for p in chapter_paths(ROOT, lang)}
        notebooks = {p.stem for p in (ROOT / "docs" / lang / "notebooks").glob("*.ipynb")}
        assert notebooks <= pages, f"docs/{lang}/notebooks has notebooks with no page: {sorted(notebooks - pages)}"


def test_install_cell_installs_only_what_is_missing_and_keeps_the_installed_torch():
    """The first code cell, run in IPython with `%pip` recorded instead of run."""
    from importlib.metadata import version

    from IPython.core.interactiveshell import InteractiveShell

    shell, calls = InteractiveShell.instance(), []
    shell.register_magic_function(calls.append, "line", "pip")
    cell = INSTALL_CELL.format(needed={"pytorch_primer": "pytorch-primer==0", "no_such_module": "no-such-module>=1"})
    assert shell.run_cell(cell).success
    assert calls == [f"install --quiet 'no-such-module>=1' torch=={version('torch')}"]


def test_install_cell_names_the_tools_a_chapter_imports():
    needed = {
        name: [m for m in ("pytorch_primer", "torchinfo", "tensorboard", "wandb", "ray", "optuna") if f"'{m}':" in source]
        for name in ("05-multilayer-networks", "16-watching-training", "17-hyperparameter-tuning", "19-model-summaries")
        for source in [nbformat.read(ROOT / f"docs/en/notebooks/{name}.ipynb", 4).cells[2].source]
    }
    assert needed == {
        "05-multilayer-networks": ["pytorch_primer"],
        "16-watching-training": ["pytorch_primer", "tensorboard", "wandb"],
        "17-hyperparameter-tuning": ["pytorch_primer", "ray", "optuna"],
        "19-model-summaries": ["pytorch_primer", "torchinfo"],
    }

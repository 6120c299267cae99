"""Each chapter is also a notebook per language, made from its page; nbmake runs them
(pytest --nbmake collects docs/*/notebooks/*.ipynb). A notebook stands alone: copied into
an empty folder or opened in Colab, before anything runs, it shows its figures, runs its
commands on the files it writes, and says nothing about the site's tabs and pages or the
repository's folders. That each notebook has its page's code and outputs, and that each chapter
links its notebook, are house rules (primer_tools.rules)."""

import re
import shutil
import sys
from html.parser import HTMLParser

import nbformat
import pytest
from nbconvert import HTMLExporter

from helpers import ROOT
from primer_tools.notebooks import INSTALL_CELL, cell_code
from primer_tools.outputs import FIGURE_LINK
from primer_tools.pages import Block
from primer_tools.strings import ui_text

NOTEBOOKS = sorted(ROOT.glob("docs/*/notebooks/*.ipynb"))
# What only the site has: content tabs, pages, the repository's folders. TensorBoard's own
# tabs ("the Scalars tab") are a notebook reader's too, so only the CPU/CUDA tabs count.
SITE_WORDING = {
    "en": re.compile(
        r"\b(CPU|CUDA)\**\s+tabs?\b|\btwo tabs\b|\bthis page\b|\boutput blocks?\b"
        r"|\brepository'?s? folder|\blinks at the top\b|\bexamples/\w+/|\bsrc/\w+"
    ),
    "ko": re.compile(
        r"(CPU|CUDA)\**\s*탭|두 탭|이 페이지|출력 블록|저장소 폴더"
        r"|맨 위의? 링크|\bexamples/\w+/|\bsrc/\w+"
    ),
}
SHELL_FENCE = re.compile(r"^```(?:bash|console|sh|shell)\n(.*?)^```", re.M | re.S)
INLINE_COMMAND = re.compile(r"`((?:!|python |torchrun )[^`\n]*)`")


def test_install_cell_installs_only_what_is_missing_and_keeps_the_installed_torch():
    """The first code cell, run in IPython with `%pip` recorded instead of run."""
    from importlib.metadata import version

    from IPython.core.interactiveshell import InteractiveShell

    shell, calls = InteractiveShell.instance(), []
    shell.register_magic_function(calls.append, "line", "pip")
    cell = INSTALL_CELL.format(
        needed={"pytorch_primer": "pytorch-primer==0", "no_such_module": "no-such-module>=1"}
    )
    assert shell.run_cell(cell).success
    assert calls == [f"install --quiet 'no-such-module>=1' torch=={version('torch')}"]


def test_install_cell_names_the_tools_a_chapter_imports():
    needed = {
        name: [
            m
            for m in ("pytorch_primer", "torchinfo", "tensorboard", "wandb", "ray", "optuna")
            if f"'{m}':" in source
        ]
        for name in (
            "05-multilayer-networks",
            "16-watching-training",
            "17-hyperparameter-tuning",
            "19-model-summaries",
        )
        for source in [nbformat.read(ROOT / f"docs/en/notebooks/{name}.ipynb", 4).cells[2].source]
    }
    assert needed == {
        "05-multilayer-networks": ["pytorch_primer"],
        "16-watching-training": ["pytorch_primer", "tensorboard", "wandb"],
        "17-hyperparameter-tuning": ["pytorch_primer", "ray", "optuna"],
        "19-model-summaries": ["pytorch_primer", "torchinfo"],
    }


def notebook_id(path) -> str:
    return str(path.relative_to(ROOT / "docs"))


class LinkTargets(HTMLParser):
    """The ``src`` and ``href`` of every element of an HTML document, and the images."""

    def __init__(self):
        super().__init__()
        self.targets, self.images = [], []

    def handle_starttag(self, tag, attrs):
        self.targets += [value for name, value in attrs if name in ("src", "href") and value]
        if tag == "img":
            self.images += [value for name, value in attrs if name == "src"]


def is_local(target: str) -> bool:
    """A file next to the notebook: no scheme (http:, data:, mailto:), no anchor of its own."""
    return not re.match(r"[a-z][a-z0-9+.-]*:|#", target, re.I)


def shell_commands(notebook) -> list[tuple[int, str]]:
    """(cell, command) for each ``!`` line of a code cell, and in Markdown, each line of a shell
    fence and each inline command (`` `python x.py` ``, `` `!python x.py` ``)."""
    commands = []
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            commands += [
                (number, line.strip()) for line in cell.source.splitlines() if line.startswith("!")
            ]
        else:
            for fence in SHELL_FENCE.findall(cell.source):
                commands += [(number, line.strip()) for line in fence.splitlines() if line.strip()]
            commands += [(number, command) for command in INLINE_COMMAND.findall(cell.source)]
    return commands


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_notebook_alone_in_a_folder_shows_every_image_and_link(path, tmp_path):
    """nbconvert renders the notebook's Markdown cells (code cells hold neither images nor
    links) from an empty folder: every image and link must be embedded or on the web."""
    shutil.copy(path, tmp_path / path.name)
    notebook = nbformat.read(tmp_path / path.name, as_version=4)
    notebook.cells = [cell for cell in notebook.cells if cell.cell_type == "markdown"]
    resources = {"metadata": {"path": str(tmp_path)}}
    html, _ = HTMLExporter(template_name="basic").from_notebook_node(notebook, resources=resources)
    parser = LinkTargets()
    parser.feed(html)
    broken = [
        t for t in parser.targets if is_local(t) and not (tmp_path / t.split("#")[0]).exists()
    ]
    assert not broken, (
        f"{notebook_id(path)} links to files a notebook alone does not have: {broken}; "
        "embed figures as cell attachments (src/primer_tools/notebooks.py)"
    )
    page = ROOT / "docs" / path.parents[1].name / f"{path.stem}.md"
    shown = FIGURE_LINK.findall(page.read_text(encoding="utf-8"))
    embedded = [src for src in parser.images if src.startswith("data:image/")]
    assert len(embedded) == len(shown), f"{notebook_id(path)} embeds {len(embedded)} of {shown}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_notebook_says_nothing_of_the_sites_tabs_pages_or_folders(path):
    notebook, language = nbformat.read(path, as_version=4), path.parents[1].name
    found = []
    for number, cell in enumerate(notebook.cells):
        lines = cell.source.splitlines()
        if cell.cell_type == "code":
            lines = [line for line in lines if line.startswith("!")]
        for line in lines:
            found += [f"cell {number}: {m[0]!r}" for m in SITE_WORDING[language].finditer(line)]
    assert not found, (
        f"{notebook_id(path)} speaks of the site or the repository, which a notebook reader "
        f"does not have; reword the page so that it reads in both places: {found}"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_notebook_commands_run_the_files_it_writes_with_the_kernels_python(path):
    notebook = nbformat.read(path, as_version=4)
    written = set(
        re.findall(r"^%%writefile (\S+)", "\n".join(c.source for c in notebook.cells), re.M)
    )
    problems = []
    for number, command in shell_commands(notebook):
        if re.match(r"!(python|torchrun)\b", command):
            problems.append(
                f"cell {number}: {command!r} runs the first Python on PATH, not the kernel's"
            )
        missing = [name for name in re.findall(r"[\w./-]+\.py\b", command) if name not in written]
        if missing:
            problems.append(
                f"cell {number}: {command!r} runs {missing}, which the notebook does not write"
            )
    assert not problems, f"{notebook_id(path)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_notebook_says_at_most_once_that_a_cuda_output_is_not_recorded(path):
    pending = ui_text(path.parents[1].name)["notebook_not_recorded"]
    count = sum(cell.source.count(pending) for cell in nbformat.read(path, as_version=4).cells)
    assert count <= 1, f"{notebook_id(path)} says {count} times: {pending}"


def test_console_cell_runs_its_commands_with_the_kernels_python(monkeypatch):
    """A console block's notebook cell, run in IPython with its ``!`` lines recorded (as the
    shell would expand them) instead of run."""
    from IPython.core.interactiveshell import InteractiveShell

    raw = (
        "$ python examples/10_multi_gpu/ddp_spawn.py\n"
        "$ torchrun --standalone --nproc_per_node=2 examples/10_multi_gpu/ddp_torchrun.py\n"
    )
    cell = cell_code(Block(lang="console", raw=raw, line=1, start=0, end=len(raw)), ROOT)
    shell, calls = InteractiveShell.instance(), []
    monkeypatch.setattr(shell, "system", lambda command: calls.append(shell.var_expand(command)))
    assert shell.run_cell(cell).success
    assert calls == [
        f"{sys.executable} ddp_spawn.py",
        f"{sys.executable} -m torch.distributed.run --standalone --nproc_per_node=2"
        " ddp_torchrun.py",
    ]

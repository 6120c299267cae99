"""Each chapter page, in each language, as a Jupyter notebook made from the page itself.

Its prose becomes Markdown cells (jupytext reads the page), each ``--8<--`` block a code
cell, and the page's verified output block that cell's output; nbmake runs it. Jupyter has
no content tabs: the CPU output is the cell's output, the CUDA one a labelled Markdown
block. A notebook needs nothing but itself (Colab, any Jupyter): its first code cell
installs what is missing, a file a page shows whole is written next to the notebook
(``%%writefile``), a ``console`` block's commands run there as ``!`` lines with the
kernel's own Python, a path into ``examples/`` in the prose is the bare file name, and
each figure is a Markdown cell attachment. The page's prose is written to read in both
places (no "tabs", no "this page"); tests/test_notebooks.py checks it.
"""

from __future__ import annotations

import base64
import mimetypes
import re
import textwrap
from pathlib import Path

import jupytext
import nbformat

from .pages import FRONT_MATTER, NOT_RECORDED, Block, Page, load_page, mkdocs_config
from .run import console_commands
from .strings import ui_text

INSTALL_CELL = """\
# What this notebook needs that a fresh Colab runtime lacks, installed only if missing;
# torch stays as it is.
import importlib.metadata, importlib.util, shlex
needed = {needed!r}
missing = [spec for module, spec in needed.items() if importlib.util.find_spec(module) is None]
keep_torch = []
if importlib.util.find_spec("torch"):
    keep_torch = [f"torch=={{importlib.metadata.version('torch')}}"]
if missing:
    %pip install --quiet {{shlex.join(missing + keep_torch)}}"""
# A console block's programs, run with the kernel's own Python: `!python` and `!torchrun`
# would run whichever comes first on PATH, which need not be the kernel's (a venv kernel).
KERNEL_PROGRAMS = {
    "python": "{sys.executable}",
    "torchrun": "{sys.executable} -m torch.distributed.run",
}
# A path into examples/ in the prose: the notebook writes the file next to itself.
EXAMPLES_PATH = re.compile(r"\bexamples/\w+/(?=[\w.-]+\.\w+)")
SECTION_MARKER = re.compile(r"^[ \t]*# --8<-- \[.*\n", re.M)
# A figure the page shows from docs/assets/: the notebook carries it as an attachment.
FIGURE = re.compile(r"(!\[[^\]]*\]\()\.\./assets/((?:[\w-]+/)*([\w.-]+))\)")


def notebook_path(page_path: Path) -> Path:
    return page_path.parent / "notebooks" / page_path.with_suffix(".ipynb").name


def package_source(root: Path) -> tuple[str, str]:
    """The git ref the Colab links open and what notebooks install ("Versions and releases"
    in CONTRIBUTING.md)."""
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', text, re.M)[1]
    if re.search(r"^released = true", text, re.M):
        return f"v{version}", f"pytorch-primer=={version}"
    return "main", f"pytorch-primer @ git+{mkdocs_config(root)['repo_url']}@main"


def cell_code(block: Block, root: Path) -> str | None:
    """A block's code cell, if it has one. A file the block shows whole (section markers
    aside) is written next to the notebook, where a console block's commands run."""
    if len(block.snippet_targets) == 1:
        file = root / block.snippet_targets[0].split(":")[0]
        whole_file = SECTION_MARKER.sub("", file.read_text(encoding="utf-8"))
        if whole_file.strip() == block.code.strip():
            return f"%%writefile {file.name}\n{block.code}"
    if block.lang == "console":
        lines = ["import sys  # {sys.executable}: this kernel's own Python, whatever PATH says\n"]
        for command in console_commands(block.raw):
            program, arguments = command.split(" ", 1)
            lines.append(f"!{KERNEL_PROGRAMS[program]} {EXAMPLES_PATH.sub('', arguments)}\n")
        return "".join(lines)
    if block.lang == "python":
        return block.code
    return None


def install_cell(page: Page, root: Path) -> str:
    """Installs the teaching package, and the tools of pyproject's ``practice`` extra that
    the page imports."""
    code = "".join(block.code for block in page.blocks)
    needed = {"pytorch_primer": package_source(root)[1]}
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    practice = re.search(r"^practice = \[(.*?)^\]", pyproject, re.M | re.S)[1]
    for spec, module in re.findall(r'"((\w+)[^"]*)"', practice):
        if re.search(rf"^\s*(from|import)\s+[\w.]*\b{module}\b", code, re.M):
            needed[module] = spec
    return INSTALL_CELL.format(needed=needed)


def page_as_markdown(page: Page) -> str:
    """The page with its snippets expanded, the outputs of its code and commands left out
    (they become cell outputs), and every other fenced block kept as Markdown; a device's
    output loses its tab and gets a label, and a CUDA output not recorded yet is said once
    (see the module's docstring)."""
    root, words = page.path.parents[2], ui_text(page.language)
    outputs = {id(s.output) for s in page.steps("cpu") if s.output}
    pieces, position, pending_said = [], 0, False
    front_matter = FRONT_MATTER.match(page.text)  # the home page's summary of the chapter
    if front_matter:
        position = front_matter.end()
    for block in page.blocks:
        pieces.append(EXAMPLES_PATH.sub("", page.text[position : block.start]))
        code = cell_code(block, root)
        if id(block) in outputs:
            pass  # the code cell's output
        elif code is not None:
            pieces.append(textwrap.indent(f"```python\n{code}```", block.indent) + "\n")
        elif block.device and block.raw.startswith(NOT_RECORDED):
            if not pending_said:  # the later ones are left out: this sentence covers them
                label = words[f"notebook_{block.device}_output"]
                said = f"*{label}* {words['notebook_not_recorded']}"
                pieces.append(f"<!-- #region -->\n{said}\n<!-- #endregion -->\n")
                pending_said = True
        elif block.device:
            label = words[f"notebook_{block.device}_output"]
            shown = f"*{label}*\n\n```{block.lang}\n{block.raw}```"
            pieces.append(f"<!-- #region -->\n{shown}\n<!-- #endregion -->\n")
        elif block.snippet_targets:
            pieces.append(
                f"<!-- #region -->\n```{block.lang}\n{block.code}```\n<!-- #endregion -->\n"
            )
        else:
            shown = EXAMPLES_PATH.sub("", page.text[block.start : block.end])
            pieces.append(f"<!-- #region -->\n{shown}<!-- #endregion -->\n")
        position = block.end
    pieces.append(EXAMPLES_PATH.sub("", page.text[position:]))
    return without_site_markup("".join(pieces))


def without_site_markup(text: str) -> str:
    """The text without tab titles, output marks and the notebook link, and with its boxes
    as plain Markdown."""
    text = re.sub(r'^[ \t]*(<!--\s*output:[^>]*-->|===\s+"[^"]*")[ \t]*\n', "", text, flags=re.M)
    text = re.sub(r"\n{3,}", "\n\n", text)  # what the tab lines leave would be an empty cell
    lines = [line for line in text.splitlines() if not line.startswith("[:material-notebook")]
    return "\n".join(admonitions_as_plain_markdown(lines))


def attach_figures(cell: nbformat.NotebookNode, root: Path) -> None:
    """Each figure of a Markdown cell, read from docs/assets/, becomes an attachment of the
    cell: a notebook alone in a folder (Colab, a download) has no docs/assets/ beside it."""
    for _, path, name in FIGURE.findall(cell.source):
        data = base64.b64encode((root / "docs" / "assets" / path).read_bytes()).decode("ascii")
        cell.setdefault("attachments", {})[name] = {mimetypes.guess_type(name)[0]: data}
    cell.source = FIGURE.sub(r"\1attachment:\3)", cell.source)


ADMONITION = re.compile(r'^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)\s+\w+(?:\s+"(?P<title>[^"]*)")?\s*$')


def admonitions_as_plain_markdown(lines: list[str]) -> list[str]:
    """Jupyter has no ``!!! note "Title"`` / ``??? success "Answer"`` boxes: their title
    becomes a bold line and their body (indented by four) moves out to the box's level,
    so that the answer's code is a code cell and its prose is prose."""
    result, bodies = [], []  # bodies: the indents of the open boxes' contents
    for line in lines:
        indent = len(line) - len(line.lstrip())
        while bodies and line.strip() and indent < bodies[-1]:
            bodies.pop()
        shift = 4 * len(bodies)
        if line[:shift].strip() == "":
            line = line[shift:]  # the box's body moves out to the box's level
        else:
            line = line.lstrip()
        match = ADMONITION.match(line)
        if match:
            bodies.append(indent + 4)
            line = ""
            if match["title"]:
                line = f"{match['indent']}**{match['title']}**\n"  # a paragraph of its own
        result.append(line)
    return result


def build_notebook(page: Page) -> nbformat.NotebookNode:
    notebook = jupytext.reads(page_as_markdown(page), fmt="md")
    root = page.path.parents[2]
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    steps = {id(s.block): s.output for s in page.steps("cpu")}
    outputs = [steps.get(id(block)) for block in page.blocks if cell_code(block, root) is not None]
    if len(code_cells) != len(outputs):  # notebooks carry the reference (CPU) outputs
        raise ValueError(
            f"{page.path}: {len(outputs)} code blocks but {len(code_cells)} notebook code cells"
        )
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            attach_figures(cell, root)
    for cell, output in zip(code_cells, outputs, strict=True):
        cell.execution_count, cell.metadata = None, {}
        cell.outputs = []
        if output:
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=output.raw)]
    generated = ui_text(page.language)["notebook_generated"].format(name=page.name)
    note = nbformat.v4.new_markdown_cell(generated)
    notebook.cells[1:1] = [note, nbformat.v4.new_code_cell(install_cell(page, root))]
    kernel = {"display_name": "Python 3", "language": "python", "name": "python3"}
    notebook.metadata = {"kernelspec": kernel, "language_info": {"name": "python"}}
    notebook.nbformat, notebook.nbformat_minor = 4, 5  # 4.5: cells have ids
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number:03d}"
    return notebook


def notebook_text(page: Page) -> str:
    return nbformat.writes(build_notebook(page), version=4) + "\n"


def write_notebook(page_path: Path, root: Path) -> bool:
    target, text = notebook_path(page_path), notebook_text(load_page(page_path, root))
    changed = not target.exists() or target.read_text(encoding="utf-8") != text
    if changed:
        target.write_text(text, encoding="utf-8")
    return changed

"""Each chapter page, in each language, as a Jupyter notebook made from the page itself.

Its prose becomes Markdown cells (jupytext reads the page), each ``--8<--`` block a code
cell, and the page's verified output block that cell's output; nbmake runs it. Jupyter has
no content tabs: the CPU output is the cell's output, the CUDA one a labelled Markdown
block. A notebook needs nothing but itself (Colab, any Jupyter): its first code cell
installs what is missing, a file a page shows whole is written next to the notebook
(``%%writefile``), and a ``console`` block's commands run there as ``!`` lines.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import jupytext
import nbformat

from .pages import NOT_RECORDED, Block, Page, load_page, mkdocs_config
from .run import console_commands

GENERATED_NOTE = {
    "en": "*This notebook is generated from the page `docs/en/{name}` by `python -m primer_tools sync`; edit the page.*",
    "ko": "*이 노트북은 `docs/ko/{name}` 페이지에서 `python -m primer_tools sync`로 만든 것입니다. 페이지를 고쳐 주세요.*",
}
INSTALL_CELL = """\
# What this notebook needs that a fresh Colab runtime lacks, installed only if missing; torch stays as it is.
import importlib.metadata, importlib.util, shlex
needed = {needed!r}
missing = [spec for module, spec in needed.items() if importlib.util.find_spec(module) is None]
keep_torch = [f"torch=={{importlib.metadata.version('torch')}}"] if importlib.util.find_spec("torch") else []
if missing:
    %pip install --quiet {{shlex.join(missing + keep_torch)}}"""
DEVICE_LABEL = {
    "en": {
        "cpu": "Output on a machine without a CUDA GPU:",
        "cuda": "Output on a machine with a CUDA GPU:",
        "pending": "not recorded yet (no GPU run has recorded it).",
    },
    "ko": {
        "cpu": "CUDA GPU가 없는 컴퓨터의 출력:",
        "cuda": "CUDA GPU가 있는 컴퓨터의 출력:",
        "pending": "아직 기록하지 않았습니다(GPU 실행에서 기록합니다).",
    },
}


def notebook_path(page_path: Path) -> Path:
    return page_path.parent / "notebooks" / page_path.with_suffix(".ipynb").name


def package_source(root: Path) -> tuple[str, str]:
    """The git ref the Colab links open and what notebooks install ("Versions and releases" in CONTRIBUTING.md)."""
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', text, re.M)[1]
    if re.search(r"^released = true", text, re.M):
        return f"v{version}", f"pytorch-primer=={version}"
    return "main", f"pytorch-primer @ git+{mkdocs_config(root)['repo_url']}@main"


def cell_code(block: Block, root: Path) -> str | None:
    """A block's code cell, if it has one. A file the block shows whole (section markers
    aside) is written next to the notebook, where a console block's commands run."""
    file = root / block.snippet_targets[0].split(":")[0] if len(block.snippet_targets) == 1 else None
    if file and re.sub(r"^[ \t]*# --8<-- \[.*\n", "", file.read_text(encoding="utf-8"), flags=re.M).strip() == block.code.strip():
        return f"%%writefile {file.name}\n{block.code}"
    if block.lang == "console":
        return "".join("!" + re.sub(r"examples/\w+/", "", command) + "\n" for command in console_commands(block.raw))
    return block.code if block.lang == "python" else None


def install_cell(page: Page, root: Path) -> str:
    """Installs the teaching package, and the tools of pyproject's ``practice`` extra that the page imports."""
    code, needed = "".join(block.code for block in page.blocks), {"pytorch_primer": package_source(root)[1]}
    practice = re.search(r"^practice = \[(.*?)^\]", (root / "pyproject.toml").read_text(encoding="utf-8"), re.M | re.S)[1]
    for spec, module in re.findall(r'"((\w+)[^"]*)"', practice):
        if re.search(rf"^\s*(from|import)\s+[\w.]*\b{module}\b", code, re.M):
            needed[module] = spec
    return INSTALL_CELL.format(needed=needed)


def page_as_markdown(page: Page) -> str:
    """The page with its snippets expanded, the outputs of its code and commands left out
    (they become cell outputs), and every other fenced block kept as Markdown; a device's
    output loses its tab and gets a label (see the module's docstring)."""
    root = page.path.parents[2]
    outputs = {id(s.output) for s in page.steps("cpu") if s.output}
    pieces, position = [], 0
    for block in page.blocks:
        pieces.append(page.text[position : block.start])
        if id(block) in outputs:
            pass  # the code cell's output
        elif (code := cell_code(block, root)) is not None:
            pieces.append(textwrap.indent(f"```python\n{code}```", block.indent) + "\n")
        elif block.device:
            label, pending = DEVICE_LABEL[page.language][block.device], DEVICE_LABEL[page.language]["pending"]
            shown = f" {pending}" if block.raw.startswith(NOT_RECORDED) else f"\n\n```{block.lang}\n{block.raw}```"
            pieces.append(f"<!-- #region -->\n*{label}*{shown}\n<!-- #endregion -->\n")
        else:
            shown = f"```{block.lang}\n{block.code}```\n" if block.snippet_targets else page.text[block.start : block.end]
            pieces.append("<!-- #region -->\n" + shown + "<!-- #endregion -->\n")
        position = block.end
    pieces.append(page.text[position:])
    text = re.sub(r'^[ \t]*(<!--\s*output:[^>]*-->|===\s+"[^"]*")[ \t]*\n', "", "".join(pieces), flags=re.M)
    text = re.sub(r"\n{3,}", "\n\n", text)  # what the tab lines leave would be an empty cell
    text = text.replace("](../assets/", "](../../assets/")  # the notebook sits one folder deeper
    lines = [line for line in text.splitlines() if not line.startswith("[:material-notebook")]
    return "\n".join(admonitions_as_plain_markdown(lines))


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
        line = line[shift:] if line[:shift].strip() == "" else line.lstrip()
        match = ADMONITION.match(line)
        if match:
            bodies.append(indent + 4)
            line = f"{match['indent']}**{match['title']}**\n" if match["title"] else ""  # a paragraph of its own
        result.append(line)
    return result


def build_notebook(page: Page) -> nbformat.NotebookNode:
    notebook = jupytext.reads(page_as_markdown(page), fmt="md")
    root = page.path.parents[2]
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    steps = {id(s.block): s.output for s in page.steps("cpu")}
    outputs = [steps.get(id(block)) for block in page.blocks if cell_code(block, root) is not None]
    if len(code_cells) != len(outputs):  # notebooks carry the reference (CPU) outputs
        raise ValueError(f"{page.path}: {len(outputs)} code blocks but {len(code_cells)} notebook code cells")
    for cell, output in zip(code_cells, outputs, strict=True):
        cell.execution_count, cell.metadata = None, {}
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=output.raw)] if output else []
    note = nbformat.v4.new_markdown_cell(GENERATED_NOTE[page.language].format(name=page.name))
    notebook.cells[1:1] = [note, nbformat.v4.new_code_cell(install_cell(page, root))]
    notebook.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    notebook.metadata["language_info"] = {"name": "python"}
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

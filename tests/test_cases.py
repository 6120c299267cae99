"""Small before-and-after cases for the machinery's text transforms, in the manner of
pytest-examples' tests/cases_update/. Each case is a few short files in tests/cases/:

- ``rewrite/NAME.before.md``, ``NAME.printed.md`` and ``NAME.after.md``: the page after
  ``outputs.rewrite_outputs`` writes what its runnable blocks printed. ``printed.md`` holds one
  ```` ```text ```` block per runnable block, in page order (an empty one for a block that
  prints nothing). A first line ``<!-- case: device=cuda tabs_only=yes -->`` sets the options.
  A case that must fail has ``NAME.error.txt``, the message, instead of ``NAME.after.md``.
- ``output_form/NAME.before.txt`` and ``NAME.after.txt``: what ``outputs.output_form`` keeps
  of a machine-dependent output.
- ``steps/NAME.before.md`` and ``NAME.after.txt``: which output blocks ``Page.steps`` gives to
  which runnable block.
- ``notebook/``: a tiny repository (mkdocs.yml, pyproject.toml, examples/). Each page
  ``docs/LANG/NAME.md`` has ``docs/LANG/NAME.notebook.txt``: the notebook that
  ``notebooks.build_notebook`` makes of it, cell by cell.

After a change on purpose, ``PRIMER_UPDATE_CASES=1 pytest tests/test_cases.py`` writes the
expected files again from what the code does now. Read their diff before you commit it.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from helpers import ROOT
from primer_tools.notebooks import build_notebook
from primer_tools.outputs import BlockResult, output_form, rewrite_outputs
from primer_tools.pages import AuthoringError, Page, load_page, parse_blocks

CASES = Path(__file__).with_name("cases")
UPDATE = os.environ.get("PRIMER_UPDATE_CASES") == "1"
CASE_OPTIONS = re.compile(r"\A<!-- case: (?P<options>.*?) -->\n")


def cases(family: str, pattern: str) -> list:
    """The cases of one family, each named by its path in the family's folder, without the
    ``.before.*`` ending."""
    params = []
    for path in sorted((CASES / family).glob(pattern)):
        name = str(path.relative_to(CASES / family)).split(".")[0]
        params.append(pytest.param(path, id=name))
    return params


def expect(path: Path, actual: str) -> None:
    """Compare ``actual`` with the expected file ``path``, or write it when updating."""
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: PRIMER_UPDATE_CASES=1 writes it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{path.relative_to(ROOT)} is not what the code makes now. If the change is on purpose, "
        "PRIMER_UPDATE_CASES=1 writes it again: read its diff before you commit it"
    )


def case_options(text: str) -> dict[str, str]:
    """The ``key=value`` words of the case's first line, if it is a case comment."""
    match = CASE_OPTIONS.match(text)
    if match is None:
        return {}
    return dict(word.split("=", 1) for word in match["options"].split())


def printed_outputs(path: Path) -> list[str]:
    """What each runnable block printed: the ```text blocks of ``path``, in order."""
    return [block.raw for block in parse_blocks(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("before", cases("rewrite", "*.before.md"))
def test_rewrite_outputs_case(before: Path, tmp_path: Path):
    name = before.name.removesuffix(".before.md")
    text = before.read_text(encoding="utf-8")
    options = case_options(text)
    device = options.get("device", "cpu")
    page_path = tmp_path / "docs" / "en" / f"{name}.md"
    page_path.parent.mkdir(parents=True)
    page_path.write_text(text, encoding="utf-8")
    page = load_page(page_path, ROOT)
    steps = page.steps(device)
    printed = printed_outputs(before.with_name(f"{name}.printed.md"))
    assert len(printed) == len(steps), f"{name}.printed.md needs one text block per step"
    results = []
    for number, (step, output) in enumerate(zip(steps, printed, strict=True), start=1):
        results.append(BlockResult(step, number, output))
    tabs_only = options.get("tabs_only") == "yes"
    error_file = before.with_name(f"{name}.error.txt")
    if error_file.exists():
        with pytest.raises(AuthoringError) as raised:
            rewrite_outputs(page, results, tmp_path, tabs_only)
        expect(error_file, str(raised.value) + "\n")
        return
    changed = rewrite_outputs(page, results, tmp_path, tabs_only)
    after = page_path.read_text(encoding="utf-8")
    expect(before.with_name(f"{name}.after.md"), after)
    assert changed == (after != text), "rewrite_outputs says whether it changed the page"


@pytest.mark.parametrize("before", cases("output_form", "*.before.txt"))
def test_output_form_case(before: Path):
    name = before.name.removesuffix(".before.txt")
    form = output_form(before.read_text(encoding="utf-8"))
    expect(before.with_name(f"{name}.after.txt"), form)


def describe_output(block) -> str:
    description = f"text at line {block.line}"
    if block.flags:
        description += " [" + ", ".join(sorted(block.flags)) + "]"
    return description


def describe_steps(page: Page) -> str:
    """One line per runnable block with the output blocks it owns, then the text blocks that
    no runnable block owns."""
    lines, owned = [], set()
    for step in page.steps():
        outputs = [describe_output(output) for output in step.outputs]
        owned.update(output.line for output in step.outputs)
        if not outputs:
            outputs = ["no output"]
        lines.append(f"{step.block.lang} at line {step.block.line}: " + ", ".join(outputs))
    for block in page.blocks:
        if block.lang == "text" and block.line not in owned:
            lines.append(f"owned by no block: {describe_output(block)}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("before", cases("steps", "*.before.md"))
def test_page_steps_case(before: Path, tmp_path: Path):
    name = before.name.removesuffix(".before.md")
    page_path = tmp_path / "docs" / "en" / f"{name}.md"
    page_path.parent.mkdir(parents=True)
    shutil.copy(before, page_path)
    expect(before.with_name(f"{name}.after.txt"), describe_steps(load_page(page_path, ROOT)))


def describe_notebook(notebook) -> str:
    """Each cell under a numbered heading line, and a code cell's output under its own."""
    parts = []
    for number, cell in enumerate(notebook.cells):
        parts.append(f"===== cell {number}: {cell.cell_type} =====\n{cell.source}\n")
        for name in cell.get("attachments", {}):
            parts.append(f"===== attachment: {name} =====\n")
        for output in cell.get("outputs", []):
            parts.append(f"===== output ({output.name}) =====\n{output.text}")
    return "".join(parts)


@pytest.mark.parametrize("page", cases("notebook", "docs/*/*.md"))
def test_notebook_case(page: Path):
    root = CASES / "notebook"
    notebook = build_notebook(load_page(page, root))
    expect(page.with_name(f"{page.stem}.notebook.txt"), describe_notebook(notebook))

"""Compare a page's output blocks and figures with what its code prints and draws, and
rewrite them from a run; ``PageParser`` is how pytest collects those checks (via Sybil).

python -m primer_tools sync          # rewrite every output block, figure and notebook
python -m primer_tools sync docs/en/02-tensors.md
"""

from __future__ import annotations

import difflib
import re
import unittest
from dataclasses import dataclass
from pathlib import Path

from sybil import Document, Example, Region

from .pages import Page, Step, load_page, repo_root
from .record import skip_reason
from .run import PageRun, machine_device, run_console, run_page

REGENERATE = "python -m primer_tools sync"
FIGURE_LINK = re.compile(r"\]\((?:\.\./)*assets/figures/([\w.-]+\.(?:svg|png))\)")


def output_form(text: str) -> str:
    """What a machine-dependent output must keep: its words, not its versions or counts."""
    text = re.sub(r"\b\d+(\.\d+)+([+.\-]?[0-9A-Za-z_.]+)*", "<version>", text)
    text = re.sub(r"\b(True|False)\b", "<bool>", text)
    return re.sub(r"\b\d+\b", "<n>", text)


@dataclass
class BlockResult:
    """A runnable block (with the output blocks after it) and what it printed."""

    step: Step
    number: int  # 1-based position among the page's runnable blocks
    printed: str
    error: str | None = None

    @property
    def shown(self) -> str:
        return self.step.output.raw if self.step.output else ""

    def matches(self) -> bool:
        form = output_form if self.step.output and "varies" in self.step.output.flags else str
        return not self.error and form(self.shown) == form(self.printed)


def check_page(
    page: Page, root: Path, device: str | None = None
) -> tuple[list[BlockResult], dict[str, bytes]]:
    """Run the page (its python blocks as one script, each console block's commands);
    every runnable block with what it printed, in page order, and the figures drawn."""
    steps = page.steps(device or machine_device())
    code = [s.block.code for s in steps if s.block.lang == "python"]
    run = run_page(code) if code else PageRun([], {})
    python_blocks, results = iter(run.blocks), []
    for number, step in enumerate(steps, start=1):
        if step.block.lang == "python":
            printed, error = next(python_blocks)
        else:
            try:
                printed, error = run_console(step.block.raw, root), None
            except (RuntimeError, ValueError) as problem:
                printed, error = "", str(problem)
        results.append(BlockResult(step, number, printed, error))
    return results, run.files


def describe_mismatch(page: Page, result: BlockResult, root: Path) -> str:
    where = f"{page.path.relative_to(root)}:{result.step.block.line}"
    shows = ", ".join(result.step.block.snippet_targets) or result.step.block.raw.strip()
    what = f"block {result.number} ({result.step.block.lang}: {shows})"
    if result.error:
        return f"{where}: {what} failed:\n{result.error}"
    if result.step.output is None:
        return (
            f"{where}: {what} prints output that the page does not show:\n{result.printed}\n"
            f"Add it with `{REGENERATE} {page.path.relative_to(root)}`."
        )
    diff = difflib.unified_diff(
        result.shown.splitlines(),
        result.printed.splitlines(),
        "shown on the page",
        "printed by the code",
        lineterm="",
    )
    varies = (
        " (compared by form: versions, counts and booleans may differ)"
        if "varies" in result.step.output.flags
        else ""
    )
    return (
        f"{where}: the output block after {what} differs from what the code prints{varies}:\n"
        + "\n".join(diff)
        + f"\nIf the code changed on purpose, run `{REGENERATE}` "
        "(outputs are never translated by hand)."
    )


def _fence(indent: str, body: str) -> str:
    body = "".join(
        indent + line if line.strip() else line for line in body.splitlines(keepends=True)
    )
    return f"{indent}```text\n{body}{indent}```\n"


def rewrite_outputs(
    page: Page, results: list[BlockResult], root: Path, tabs_only: bool = False
) -> bool:
    """Write what was printed into the page's output blocks (``tabs_only``: those marked
    for the run's device). ``results`` may come from the English twin's run: parity makes
    the two pages' blocks the same, in the same order. True if the page changed."""
    if failures := [describe_mismatch(page, r, root) for r in results if r.error]:
        raise RuntimeError("\n\n".join(failures))
    device = results[0].step.device if results else "cpu"
    steps = page.steps(device)
    if [s.block.raw for s in steps] != [r.step.block.raw for r in results]:
        raise RuntimeError(
            f"{page.path.relative_to(root)}: code blocks differ from its twin's "
            "(python -m primer_tools check)"
        )
    text = page.text
    for step, result in reversed(list(zip(steps, results, strict=True))):
        block, output, printed = step.block, step.output, result.printed
        if tabs_only and getattr(output, "device", None) != device:
            continue
        if (
            output is not None
            and "varies" in output.flags
            and BlockResult(step, 0, printed).matches()
        ):
            continue  # keep the reference machine's figures
        if output is not None and printed:  # replace the block
            text = text[: output.start] + _fence(output.indent, printed) + text[output.end :]
        elif output is not None:  # it prints nothing now: drop the block
            text = text[: block.end] + text[output.end :]
        elif step.elsewhere:
            raise RuntimeError(
                f"{page.path.relative_to(root)}:{block.line}: "
                "this block has outputs for other machines only; "
                f"add a tab with `<!-- output: {device} -->` "
                "and an empty ```text block for this one"
            )
        elif printed:  # a new output block right after the code
            text = text[: block.end] + "\n" + _fence(block.indent, printed) + text[block.end :]
    changed = text != page.text
    if changed:
        page.path.write_text(text, encoding="utf-8")
    return changed


def figure_problem(page: Page, name: str, drawn: dict[str, bytes], root: Path) -> str | None:
    """Why the committed figure ``name`` is not what the page's code drew, if it is not."""
    committed = root / "docs" / "assets" / "figures" / name
    if name not in drawn:
        return (
            f"{page.path.relative_to(root)} shows assets/figures/{name}, "
            f"but its code does not write {name}"
        )
    if not committed.exists() or committed.read_bytes() != drawn[name]:
        return (
            f"docs/assets/figures/{name} differs from what {page.path.relative_to(root)} draws: "
            f"run `{REGENERATE}`"
        )
    return None


def write_figures(page: Page, drawn: dict[str, bytes], root: Path) -> list[str]:
    """Write the figures the page shows from what its code drew; the names written."""
    written = []
    for name in FIGURE_LINK.findall(page.text):
        if name not in drawn:
            raise RuntimeError(figure_problem(page, name, drawn, root))
        if figure_problem(page, name, drawn, root):
            (root / "docs" / "assets" / "figures" / name).write_bytes(drawn[name])
            written.append(name)
    return written


class PageParser:
    """How pytest collects an English page (conftest.py), through Sybil as its documentation
    says: the parser only reads the page, yielding one example per runnable block and per
    figure; the first example evaluated runs the page and keeps the results in the document's
    namespace, which Sybil lets evaluators share. The other machine's output blocks (a CUDA
    tab here) are not examples: the GPU job checks them. Korean pages are not run: parity
    makes their code and output blocks byte-identical to the English ones."""

    def __call__(self, document: Document):
        page = load_page(Path(document.path), repo_root())
        for step in page.steps(machine_device()):
            yield Region(
                step.block.start, step.block.end, parsed=step.block.start, evaluator=check_block
            )
        for link in FIGURE_LINK.finditer(page.text):
            yield Region(link.start(), link.end(), parsed=link[1], evaluator=check_figure)


def _page_run(example: Example):
    """(page, results by block offset, figures drawn): made once per page."""
    if "page_run" not in example.namespace:
        root = repo_root()
        page = load_page(Path(example.path), root)
        results, drawn = check_page(page, root)
        example.namespace["page_run"] = page, {r.step.block.start: r for r in results}, drawn
    return example.namespace["page_run"]


def check_block(example: Example) -> str | None:
    """Compare one block's output with what it printed; skip an output this machine cannot
    check (a placeholder, or one recorded on another kind of machine: primer_tools.record).
    pytest reports unittest's SkipTest as a skip, with its reason."""
    page = load_page(Path(example.path), repo_root())
    [step] = [s for s in page.steps(machine_device()) if s.block.start == example.parsed]
    if step.output is not None:
        reason = skip_reason(step.output, page.name, repo_root())
        if reason:
            raise unittest.SkipTest(reason)
    page, results, _ = _page_run(example)
    result = results[example.parsed]  # parsed: the block's offset in the page
    if result.matches():
        return None
    return describe_mismatch(page, result, repo_root())


def check_figure(example: Example) -> str | None:
    page, _, drawn = _page_run(example)
    return figure_problem(
        page, example.parsed, drawn, repo_root()
    )  # parsed: the figure's file name

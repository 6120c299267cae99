"""Compare a page's output blocks and figures with what its code prints and draws, and
rewrite them from a run. pytest runs these comparisons through primer_tools.pytest_plugin.

python -m primer_tools sync          # rewrite every output block, figure and notebook
python -m primer_tools sync docs/en/02-tensors.md
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .pages import AuthoringError, Page, Step
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
        if self.step.output is None:
            return ""
        return self.step.output.raw

    def matches(self) -> bool:
        """Whether it printed what the page shows (by form alone in a ``varies`` block)."""
        if self.error:
            return False
        if self.step.output and "varies" in self.step.output.flags:
            return output_form(self.shown) == output_form(self.printed)
        return self.shown == self.printed


def check_page(
    page: Page, root: Path, device: str | None = None
) -> tuple[list[BlockResult], dict[str, bytes]]:
    """Run the page (its python blocks as one script, each console block's commands);
    every runnable block with what it printed, in page order, and the figures drawn."""
    steps = page.steps(device or machine_device())
    code = [s.block.code for s in steps if s.block.lang == "python"]
    run = PageRun([], {})
    if code:
        run = run_page(code)
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
    lines = []
    for line in body.splitlines(keepends=True):
        if line.strip():
            line = indent + line  # blank lines stay blank
        lines.append(line)
    return f"{indent}```text\n{''.join(lines)}{indent}```\n"


def rewrite_outputs(
    page: Page, results: list[BlockResult], root: Path, tabs_only: bool = False
) -> bool:
    """Write what was printed into the page's output blocks (``tabs_only``: those marked
    for the run's device). ``results`` may come from the English twin's run: parity makes
    the two pages' blocks the same, in the same order. True if the page changed."""
    failures = [describe_mismatch(page, r, root) for r in results if r.error]
    if failures:
        raise AuthoringError("\n\n".join(failures))
    device = "cpu"
    if results:
        device = results[0].step.device
    steps = page.steps(device)
    if [s.block.raw for s in steps] != [r.step.block.raw for r in results]:
        raise AuthoringError(
            f"{page.path.relative_to(root)}: code blocks differ from its twin's "
            "(python -m primer_tools check)"
        )
    text = page.text
    for step, result in reversed(list(zip(steps, results, strict=True))):
        if tabs_only and getattr(step.output, "device", None) != device:
            continue
        text = _with_output(text, step, result.printed, page.path.relative_to(root))
    changed = text != page.text
    if changed:
        page.path.write_text(text, encoding="utf-8")
    return changed


def _with_output(text: str, step: Step, printed: str, where: Path) -> str:
    """The page's text with what one runnable block printed in its output block."""
    block, output = step.block, step.output
    if output is not None and "varies" in output.flags:
        if BlockResult(step, 0, printed).matches():
            return text  # keep the reference machine's figures
    if output is not None and printed:  # replace the block
        return text[: output.start] + _fence(output.indent, printed) + text[output.end :]
    if output is not None:  # it prints nothing now: drop the block
        return text[: block.end] + text[output.end :]
    if step.elsewhere:
        raise AuthoringError(
            f"{where}:{block.line}: this block has outputs for other machines only; "
            f"add a tab with `<!-- output: {step.device} -->` "
            "and an empty ```text block for this one"
        )
    if printed:  # a new output block right after the code
        return text[: block.end] + "\n" + _fence(block.indent, printed) + text[block.end :]
    return text


def figure_problem(page: Page, name: str, drawn: dict[str, bytes], root: Path) -> str | None:
    """Why the committed figure ``name`` is not what the page's code drew, if it is not."""
    committed = root / "docs" / "assets" / "figures" / name
    if name not in drawn:
        line = page.text.count("\n", 0, page.text.find(f"assets/figures/{name}")) + 1
        return (
            f"{page.path.relative_to(root)}:{line} shows assets/figures/{name}, but its code "
            f'does not write {name}: save it with `fig.savefig("{name}")`, or remove the link'
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
            raise AuthoringError(figure_problem(page, name, drawn, root))
        if figure_problem(page, name, drawn, root):
            (root / "docs" / "assets" / "figures" / name).write_bytes(drawn[name])
            written.append(name)
    return written

"""Compare a page's output blocks with what its code prints, and rewrite them.

python -m primer_tools sync          # rewrite every output block and notebook
python -m primer_tools sync docs/en/02-tensors.md
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .pages import Page, Step, output_form, repo_root
from .run import run_blocks, run_console, run_page

REGENERATE = "python -m primer_tools sync"


@dataclass
class Checked:
    step: Step
    number: int  # 1-based position among the page's runnable blocks
    printed: str
    error: str | None = None

    @property
    def shown(self) -> str:
        return self.step.output.raw if self.step.output else ""

    def matches(self) -> bool:
        if self.error:
            return False
        if self.step.output and self.step.output.varies:
            return output_form(self.shown) == output_form(self.printed)
        return self.shown == self.printed


def check_page(page: Page, root: Path | None = None) -> list[Checked]:
    """Every runnable block of the page with what it printed, in page order."""
    root = root or repo_root()
    python_steps = page.steps("python")
    results = run_blocks(page_code(page))
    checked = []
    for step, result in zip(python_steps, results, strict=False):  # a failed block ends the run
        checked.append(Checked(step, 0, result.stdout, result.error))
    for step in python_steps[len(results) :]:
        checked.append(Checked(step, 0, "", "not run: an earlier block failed"))
    for step in page.steps("console"):
        try:
            checked.append(Checked(step, 0, run_console(step.block.raw, root)))
        except (RuntimeError, ValueError) as error:
            checked.append(Checked(step, 0, "", str(error)))
    checked.sort(key=lambda c: c.step.block.start)
    for number, item in enumerate(checked, start=1):
        item.number = number
    return checked


def describe_mismatch(page: Page, item: Checked, root: Path) -> str:
    where = f"{page.path.relative_to(root)}:{item.step.block.line}"
    shows = ", ".join(item.step.block.snippet_targets) or item.step.block.raw.strip()
    what = f"block {item.number} ({item.step.block.lang}: {shows})"
    if item.error:
        return f"{where}: {what} failed:\n{item.error}"
    if item.step.output is None:
        return (
            f"{where}: {what} prints output that the page does not show:\n{item.printed}\n"
            f"Add it with `{REGENERATE} {page.path.relative_to(root)}`."
        )
    diff = difflib.unified_diff(
        item.shown.splitlines(),
        item.printed.splitlines(),
        fromfile="shown on the page",
        tofile="printed by the code",
        lineterm="",
    )
    varies = " (compared by form: versions, counts and booleans may differ)" if item.step.output.varies else ""
    return (
        f"{where}: the output block after {what} differs from what the code prints{varies}:\n"
        + "\n".join(diff)
        + f"\nIf the code changed on purpose, run `{REGENERATE}` (outputs are never translated by hand)."
    )


def _fence(indent: str, body: str) -> str:
    lines = [indent + "```text\n"]
    lines += [(indent + line if line.strip() else line) for line in body.splitlines(keepends=True)]
    lines.append(indent + "```\n")
    return "".join(lines)


def rewrite_outputs(page: Page, root: Path | None = None) -> bool:
    """Write what the code prints into the page's output blocks. True if it changed."""
    root = root or repo_root()
    checked = check_page(page, root)
    failures = [describe_mismatch(page, c, root) for c in checked if c.error]
    if failures:
        raise RuntimeError("\n\n".join(failures))
    text = page.text
    for item in sorted(checked, key=lambda c: c.step.block.start, reverse=True):
        block, output = item.step.block, item.step.output
        if output is not None and output.varies and item.matches():
            continue  # keep the reference machine's figures
        if output is not None:
            if item.printed:
                text = text[: output.start] + _fence(output.indent, item.printed) + text[output.end :]
            else:
                text = text[: block.end] + text[output.end :]
        elif item.step.elsewhere:
            raise RuntimeError(
                f"{page.path.relative_to(root)}:{block.line}: this block has outputs for other machines only; "
                f"add a tab with `<!-- output: {item.step.device} -->` and an empty ```text block for this one"
            )
        elif item.printed:
            text = text[: block.end] + "\n" + _fence(block.indent, item.printed) + text[block.end :]
    if text != page.text:
        page.path.write_text(text, encoding="utf-8")
        return True
    return False


FIGURE_LINK = re.compile(r"\]\((?:\.\./)*assets/figures/([\w.-]+\.(?:svg|png))\)")


def figure_names(page: Page) -> list[str]:
    """Figures the page shows from docs/assets/figures/: each must be made by its own code."""
    return FIGURE_LINK.findall(page.text)


def page_figures(page: Page) -> dict[str, bytes]:
    return run_page(page_code(page)).files


def write_figures(page: Page, root: Path) -> list[str]:
    made = page_figures(page)
    written = []
    for name in figure_names(page):
        if name not in made:
            raise RuntimeError(f"{page.path.relative_to(root)} shows assets/figures/{name}, but its code does not write {name}")
        target = root / "docs" / "assets" / "figures" / name
        if not target.exists() or target.read_bytes() != made[name]:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(made[name])
            written.append(name)
    return written


def page_output_text(page: Page) -> str:
    """All output blocks of the python steps, concatenated: what a replay prints."""
    return "".join(s.output.raw for s in page.steps("python") if s.output)


def page_code(page: Page) -> list[str]:
    return [s.block.code for s in page.steps("python")]

"""House rules for pages that need no run."""

from __future__ import annotations

from pathlib import Path

from .pages import SNIPPET_LINE, Page

CODE_LANGUAGES = {"python", "py", "python3", "pycon", "ipython", "ipython3"}
ALLOWED_SOURCES = ("examples/", "src/")


def inline_python_problems(page: Page, root: Path) -> list[str]:
    """Python on a page must be pulled from examples/ (or src/) by --8<-- lines."""
    problems = []
    where = page.path.relative_to(root)
    for block in page.blocks:
        if block.lang not in CODE_LANGUAGES:
            continue
        lines = [line for line in block.raw.splitlines() if line.strip()]
        inline = [line for line in lines if not SNIPPET_LINE.match(line)]
        if block.lang != "python" or inline or not lines:
            problems.append(
                f"{where}:{block.line}: a ```{block.lang} block holds code written on the page "
                f"({(inline or ['(empty)'])[0].strip()!r}); move it into examples/ between "
                f"`# --8<-- [start:name]` / `# --8<-- [end:name]` markers and include it with "
                f'`--8<-- "examples/NN_topic/file.py:name"`'
            )
            continue
        for target in block.snippet_targets:
            if not target.startswith(ALLOWED_SOURCES):
                problems.append(f"{where}:{block.line}: `{target}` is not under examples/ or src/")
    return problems

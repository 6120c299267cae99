"""House rules for pages that need no run.

1. Python on a page is pulled from ``examples/`` (or ``src/``) by ``--8<--`` lines.
2. Every chapter opens with a "what you will learn" box right after its notebook link
   and ends with an exercises section of two or three ``###`` exercises, each with its
   answer in a folded box (titles in ``TITLES``; the shape is shown in CONTRIBUTING.md).
"""

from __future__ import annotations

import re
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


TITLES = {
    "en": {"box": "What you will learn", "section": "Exercises", "answer": "Answer"},
    "ko": {"box": "이 장에서 배울 내용", "section": "연습 문제", "answer": "풀이"},
}


def chapter_shape_problems(page: Page) -> list[str]:
    if not re.match(r"\d\d-", page.name):  # chapters are numbered; home, glossary and credits are not
        return []
    titles = TITLES[page.language]
    where = f"docs/{page.language}/{page.name}"
    lines = page.text.splitlines()
    problems = []

    after_link = next((i for i, line in enumerate(lines) if line.startswith("[:material-notebook")), None)
    first_after = next((line for line in lines[(after_link or 0) + 1 :] if line.strip()), "")
    if first_after != f'!!! abstract "{titles["box"]}"':
        problems.append(f'{where}: after the notebook link, start with the box `!!! abstract "{titles["box"]}"`')

    sections = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if not sections or lines[sections[-1]] != f"## {titles['section']}":
        problems.append(f"{where}: end with a `## {titles['section']}` section")
        return problems
    exercise_lines = lines[sections[-1] :]
    exercises = [line for line in exercise_lines if line.startswith("### ")]
    answers = [line for line in exercise_lines if line.strip() == f'??? success "{titles["answer"]}"']
    if not 2 <= len(exercises) <= 3:
        problems.append(f"{where}: `## {titles['section']}` has {len(exercises)} exercises (`###`); write two or three")
    if len(answers) != len(exercises):
        problems.append(
            f'{where}: {len(exercises)} exercises but {len(answers)} answers; give each one `??? success "{titles["answer"]}"`'
        )
    return problems

"""Learning aids every chapter carries, in both languages: a "what you will learn" box
at the top and two or three exercises at the end, each with its answer folded away.

The shape, in the English page (the Korean page uses the titles in ``TITLES["ko"]``)::

    # Chapter title

    [:material-notebook: Open this chapter as a notebook](notebooks/NN-slug.ipynb)

    !!! abstract "What you will learn"

        - one line per thing

    ...

    ## Exercises

    ### 1. A short name

    The question.

    ??? success "Answer"

        ```python
        --8<-- "examples/NN_slug/exercises.py:section"
        ```

        (the output block, written by ``python -m primer_tools sync``, and a sentence or two)

An answer's code lives in ``examples/NN_slug/exercises.py``, so adding exercises to a
chapter is that one file plus the two pages' questions.
"""

from __future__ import annotations

import re

from .pages import Page

TITLES = {
    "en": {"box": "What you will learn", "section": "Exercises", "answer": "Answer"},
    "ko": {"box": "이 장에서 배울 내용", "section": "연습 문제", "answer": "풀이"},
}
CHAPTER = re.compile(r"^\d\d-")


def is_chapter(page: Page) -> bool:
    return bool(CHAPTER.match(page.name))


def learning_aid_problems(page: Page) -> list[str]:
    if not is_chapter(page):
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

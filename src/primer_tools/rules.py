"""House rules for pages that need no run; each problem is one sentence an author or translator can
act on.

1. English and Korean pages stay in step: same pages, same blocks, same headings, in order; only
   prose differs.
2. Python on a page is pulled from ``examples/`` (or ``src/``) by ``--8<--`` lines.
3. Every chapter opens with a "what you will learn" box right after its notebook link and ends with
   two or three ``###`` exercises, each with its answer in a folded box (titles in ``TITLES``).
"""

from __future__ import annotations

import re
from itertools import zip_longest
from pathlib import Path

from .pages import LANGUAGES, SNIPPET_LINE, Page, load_page, page_paths
from .strings import ui_text


def _describe(block) -> str:
    first = block.raw.strip().splitlines()[0] if block.raw.strip() else "(empty)"
    return f"```{block.lang} block starting `{first}`"


def _first_difference(en, ko, english: Page, ko_name: str) -> str:
    """Where two blocks of the same kind differ, line by line."""
    if en.flags != ko.flags:
        return (
            f"{ko_name}:{ko.line}: the ```{ko.lang} block "
            f"is marked {sorted(ko.flags) or 'nothing'} "
            f"but docs/en/{english.name}:{en.line} "
            f"is marked {sorted(en.flags) or 'nothing'}: copy the "
            f"<!-- output: ... --> line from the English page"
        )
    en_lines, ko_lines = en.raw.splitlines(), ko.raw.splitlines()
    for number, (a, b) in enumerate(zip_longest(en_lines, ko_lines, fillvalue=""), start=1):
        if a != b:
            return (
                f"{ko_name}:{ko.line + number}: "
                f"line {number} of this ```{ko.lang} block is `{b}` but "
                f"docs/en/{english.name}:{en.line + number} has `{a}`. "
                f"Code and output blocks are never "
                f"translated or edited by hand: copy the block from the English page"
            )
    return (
        f"{ko_name}:{ko.line}: the ```{ko.lang} block differs from docs/en/{english.name}:{en.line}"
    )


def page_set_problems(root: Path) -> list[str]:
    english, korean = ({p.name for p in page_paths(root, lang)} for lang in ("en", "ko"))
    missing = [
        f"docs/ko/{n} is missing: translate docs/en/{n} (copy it and translate the prose)"
        for n in sorted(english - korean)
    ]
    extra = [
        f"docs/ko/{n} has no English page docs/en/{n}: add it or rename the Korean file"
        for n in sorted(korean - english)
    ]
    return missing + extra


def block_problems(english: Page, korean: Page) -> list[str]:
    """Differences in code, output and command blocks, in order."""
    en_blocks, ko_blocks = english.blocks, korean.blocks
    ko_name = f"docs/ko/{korean.name}"
    for number, (en, ko) in enumerate(zip(en_blocks, ko_blocks, strict=False), start=1):
        if (en.lang, en.raw, en.flags) == (ko.lang, ko.raw, ko.flags):
            continue
        if en.lang == ko.lang:
            return [_first_difference(en, ko, english, ko_name)]
        return [
            f"{ko_name}:{ko.line}: block {number} is {_describe(ko)} "
            f"but docs/en/{english.name}:{en.line} "
            f"has {_describe(en)}. Code and output blocks must be identical and in the same order "
            f"(only prose is translated; outputs are never translated)."
        ]
    if len(en_blocks) > len(ko_blocks):
        missing = en_blocks[len(ko_blocks)]
        return [
            f"{ko_name}: block {len(ko_blocks) + 1} is missing: "
            f"add {_describe(missing)} from docs/en/{english.name}:{missing.line}"
        ]
    if len(ko_blocks) > len(en_blocks):
        extra = ko_blocks[len(en_blocks)]
        return [
            f"{ko_name}:{extra.line}: block {len(en_blocks) + 1} ({_describe(extra)}) "
            "is not on the English page: remove it"
        ]
    return []


def heading_problems(english: Page, korean: Page) -> list[str]:
    en_headings, ko_headings = english.headings(), korean.headings()
    if [level for level, _ in en_headings] == [level for level, _ in ko_headings]:
        return []
    for number, (en, ko) in enumerate(zip(en_headings, ko_headings, strict=False), start=1):
        if en[0] != ko[0]:
            return [
                f"docs/ko/{korean.name}:{ko[1]}: heading {number} is level {ko[0]}, "
                f"but docs/en/{english.name}:{en[1]} is level {en[0]}"
            ]
    return [
        f"docs/ko/{korean.name} has {len(ko_headings)} headings, "
        f"docs/en/{english.name} has {len(en_headings)}: "
        "translate each heading once, in the same order"
    ]


def parity_problems(root: Path) -> list[str]:
    problems = page_set_problems(root)
    for en_path in (p for p in page_paths(root, "en") if (root / "docs" / "ko" / p.name).exists()):
        english, korean = (
            load_page(en_path, root),
            load_page(root / "docs" / "ko" / en_path.name, root),
        )
        problems += block_problems(english, korean) + heading_problems(english, korean)
    return problems


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


TITLES = {  # a chapter's opening box, its last section and its answers, from strings.yml
    language: {
        "box": ui_text(language)["learn_box_title"],
        "section": ui_text(language)["exercises_heading"],
        "answer": ui_text(language)["answer_title"],
    }
    for language in LANGUAGES
}


def chapter_shape_problems(page: Page) -> list[str]:
    if not re.match(
        r"\d\d-", page.name
    ):  # chapters are numbered; home, glossary and credits are not
        return []
    titles = TITLES[page.language]
    where = f"docs/{page.language}/{page.name}"
    lines = page.text.splitlines()
    problems = []

    after_link = next(
        (i for i, line in enumerate(lines) if line.startswith("[:material-notebook")), None
    )
    first_after = next((line for line in lines[(after_link or 0) + 1 :] if line.strip()), "")
    if first_after != f'!!! abstract "{titles["box"]}"':
        problems.append(
            f'{where}: after the notebook link, start with the box `!!! abstract "{titles["box"]}"`'
        )

    sections = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if not sections or lines[sections[-1]] != f"## {titles['section']}":
        problems.append(f"{where}: end with a `## {titles['section']}` section")
        return problems
    exercise_lines = lines[sections[-1] :]
    exercises = [line for line in exercise_lines if line.startswith("### ")]
    answers = [
        line for line in exercise_lines if line.strip() == f'??? success "{titles["answer"]}"'
    ]
    if not 2 <= len(exercises) <= 3:
        problems.append(
            f"{where}: `## {titles['section']}` has {len(exercises)} exercises (`###`); "
            "write two or three"
        )
    if len(answers) != len(exercises):
        problems.append(
            f"{where}: {len(exercises)} exercises but {len(answers)} answers; "
            f'give each one `??? success "{titles["answer"]}"`'
        )
    return problems

"""The house rules that need no run. Each rule takes the repository's folder and yields the
problems it finds; a ``Problem`` names a file, a line and what to do. ``RULES`` lists every rule
once: ``python -m primer_tools check`` (and so pre-commit) and tests/test_page_rules.py run that
list, and tests/test_authoring_mistakes.py plants a mistake that each rule must catch.

To add a rule, write ``def rule(root)`` here, yielding a ``Problem`` for each mistake it finds, add
it to ``RULES``, and plant the mistake in tests/test_authoring_mistakes.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import zip_longest
from pathlib import Path

import nbformat

from . import glossary
from .notebooks import notebook_path, notebook_text
from .outputs import FIGURE_LINK
from .pages import (
    GPUS_FLAG,
    LANGUAGES,
    OUTPUT_FLAGS,
    OUTPUT_MARK,
    SECTION_MARKER,
    SNIPPET_LINE,
    Block,
    Page,
    Problem,
    chapter_paths,
    load_page,
    mkdocs_config,
    page_paths,
)
from .strings import ui_text

Problems = Iterator[Problem]
SYNC_NOTEBOOKS = "python -m primer_tools sync --only notebooks"


def where(page: Page) -> str:
    return f"docs/{page.language}/{page.name}"


def pages_of(root: Path, *languages: str) -> list[Page]:
    return [load_page(path, root) for language in languages for path in page_paths(root, language)]


# English and Korean pages stay in step: same pages, blocks and headings. Only prose differs.


def korean_pages_match_english(root: Path) -> Problems:
    english = {path.name for path in page_paths(root, "en")}
    korean = {path.name for path in page_paths(root, "ko")}
    for name in sorted(english - korean):
        yield Problem(f"docs/ko/{name}", 0, f"is missing: copy docs/en/{name} and translate it")
    for name in sorted(korean - english):
        message = f"has no English page docs/en/{name}: add that page or rename this one"
        yield Problem(f"docs/ko/{name}", 0, message)


def korean_blocks_match_english(root: Path) -> Problems:
    for korean_path in page_paths(root, "ko"):
        english_path = root / "docs" / "en" / korean_path.name
        if english_path.exists():  # a missing one is korean_pages_match_english's problem
            english, korean = load_page(english_path, root), load_page(korean_path, root)
            yield from block_problems(english, korean) + heading_problems(english, korean)


def _describe(block: Block) -> str:
    first = "(empty)"
    if block.raw.strip():
        first = block.raw.strip().splitlines()[0]
    return f"```{block.lang} block starting `{first}`"


def _first_difference(en: Block, ko: Block, english: Page, korean: Page) -> Problem:
    """Where two blocks of the same kind differ: in their output marks, or in a line."""
    ko_name, en_name = f"docs/ko/{korean.name}", f"docs/en/{english.name}"
    if en.flags != ko.flags:
        message = (
            f"the ```{ko.lang} block is marked {sorted(ko.flags) or 'nothing'} but "
            f"{en_name}:{en.line} is marked {sorted(en.flags) or 'nothing'}: "
            "copy the <!-- output: ... --> line from the English page"
        )
        return Problem(ko_name, ko.line, message)
    pairs = zip_longest(en.raw.splitlines(), ko.raw.splitlines(), fillvalue="")
    for number, (en_line, ko_line) in enumerate(pairs, start=1):
        if en_line != ko_line:
            message = (
                f"line {number} of this ```{ko.lang} block is `{ko_line}` but "
                f"{en_name}:{en.line + number} has `{en_line}`. Code and output blocks are "
                "never translated or edited by hand: copy the block from the English page"
            )
            return Problem(ko_name, ko.line + number, message)
    return Problem(ko_name, ko.line, f"the ```{ko.lang} block differs from {en_name}:{en.line}")


def block_problems(english: Page, korean: Page) -> list[Problem]:
    """The first difference between the two pages' code, output and command blocks."""
    ko_name, en_name = f"docs/ko/{korean.name}", f"docs/en/{english.name}"
    en_blocks, ko_blocks = english.blocks, korean.blocks
    for number, (en, ko) in enumerate(zip(en_blocks, ko_blocks, strict=False), start=1):
        if (en.lang, en.raw, en.flags) == (ko.lang, ko.raw, ko.flags):
            continue
        if en.lang == ko.lang:
            return [_first_difference(en, ko, english, korean)]
        message = (
            f"block {number} is {_describe(ko)} but {en_name}:{en.line} has {_describe(en)}. "
            "Code and output blocks must be identical and in the same order "
            "(only prose is translated; outputs are never translated)"
        )
        return [Problem(ko_name, ko.line, message)]
    if len(en_blocks) > len(ko_blocks):
        missing = en_blocks[len(ko_blocks)]
        message = f"block {len(ko_blocks) + 1} is missing: add {_describe(missing)}"
        return [Problem(ko_name, 0, f"{message} from {en_name}:{missing.line}")]
    if len(ko_blocks) > len(en_blocks):
        extra = ko_blocks[len(en_blocks)]
        message = f"block {len(en_blocks) + 1} is not on the English page: remove it"
        return [Problem(ko_name, extra.line, message)]
    return []


def heading_problems(english: Page, korean: Page) -> list[Problem]:
    """The first heading whose level differs, or a different number of headings."""
    ko_name, en_name = f"docs/ko/{korean.name}", f"docs/en/{english.name}"
    en_headings, ko_headings = english.headings(), korean.headings()
    for number, (en, ko) in enumerate(zip(en_headings, ko_headings, strict=False), start=1):
        if en[0] != ko[0]:
            message = f"heading {number} is level {ko[0]}, but {en_name}:{en[1]} is level {en[0]}"
            return [Problem(ko_name, ko[1], message)]
    if len(en_headings) != len(ko_headings):
        message = (
            f"has {len(ko_headings)} headings, {en_name} has {len(en_headings)}: "
            "translate each heading once, in the same order"
        )
        return [Problem(ko_name, 0, message)]
    return []


def korean_prose_follows_the_glossary(root: Path) -> Problems:
    """Korean prose avoids the forms the glossary rules out and glosses a term at first use."""
    terms = glossary.load_terms()
    for page in pages_of(root, "ko"):
        yield from glossary.avoided_forms(page, terms)
        yield from glossary.missing_first_use_gloss(page, terms)


# Python on a page is pulled from examples/ (or src/) by --8<-- lines.

CODE_LANGUAGES = {"python", "py", "python3", "pycon", "ipython", "ipython3"}
ALLOWED_SOURCES = ("examples/", "src/")


def _inline_python(block: Block) -> str | None:
    """Why a code block holds Python that is not pulled from examples/ or src/, if it does."""
    lines = [line for line in block.raw.splitlines() if line.strip()]
    inline = [line.strip() for line in lines if not SNIPPET_LINE.match(line)]
    if block.lang == "python" and lines and not inline:
        for target in block.snippet_targets:
            if not target.startswith(ALLOWED_SOURCES):
                return f"`{target}` is not under examples/ or src/: move the code there"
        return None
    written = "(empty)"
    if inline:
        written = inline[0]
    return (
        f"a ```{block.lang} block holds code written on the page ({written!r}); move it into "
        "examples/ between `# --8<-- [start:name]` and `# --8<-- [end:name]` markers and "
        'include it with a ```python block of `--8<-- "examples/NN_topic/file.py:name"`'
    )


def python_comes_from_examples(root: Path) -> Problems:
    for page in pages_of(root, *LANGUAGES):
        for block in page.blocks:
            if block.lang in CODE_LANGUAGES and _inline_python(block):
                yield Problem(where(page), block.line, _inline_python(block))


# Every chapter opens with a "what you will learn" box right after its notebook link, and ends
# with two or three ### exercises, each with its answer in a folded box.

TITLES = {  # a chapter's opening box, its last section and its answers, from strings.yml
    language: {
        "box": ui_text(language)["learn_box_title"],
        "section": ui_text(language)["exercises_heading"],
        "answer": ui_text(language)["answer_title"],
    }
    for language in LANGUAGES
}


def chapter_shape_problems(page: Page) -> Problems:
    if not re.match(r"\d\d-", page.name):  # home, glossary and credits are not chapters
        return
    titles, lines = TITLES[page.language], page.text.splitlines()
    link = next((i for i, line in enumerate(lines) if line.startswith("[:material-notebook")), 0)
    first_after = next((line for line in lines[link + 1 :] if line.strip()), "")
    box = f'!!! abstract "{titles["box"]}"'
    if first_after != box:
        yield Problem(where(page), link + 1, f"after the notebook link, start with `{box}`")
    section = f"## {titles['section']}"
    starts = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if not starts or lines[starts[-1]] != section:
        yield Problem(where(page), 0, f"end with a `{section}` section")
        return
    exercises = [line for line in lines[starts[-1] :] if line.startswith("### ")]
    answer = f'??? success "{titles["answer"]}"'
    answers = [line for line in lines[starts[-1] :] if line.strip() == answer]
    if not 2 <= len(exercises) <= 3:
        message = f"`{section}` has {len(exercises)} exercises (`###`); write two or three"
        yield Problem(where(page), starts[-1] + 1, message)
    if len(answers) != len(exercises):
        message = f"{len(exercises)} exercises but {len(answers)} answers; give each `{answer}`"
        yield Problem(where(page), starts[-1] + 1, message)


def chapters_have_their_shape(root: Path) -> Problems:
    for page in pages_of(root, *LANGUAGES):
        yield from chapter_shape_problems(page)


# Every output block is checked: it follows the block whose output it is, its mark says what
# the checks know, and a device output comes as a pair of CPU and CUDA tabs.

ANY_OUTPUT_MARK = re.compile(r"<!--\s*outputs?\b\s*:?(?P<flags>.*?)-->")


def output_blocks_follow_code(root: Path) -> Problems:
    """A code block has one output block (or one per device): any other is compared with nothing."""
    for page in pages_of(root, *LANGUAGES):
        attached, second = set(), {}
        for step in page.steps():
            devices = set()
            for output in step.outputs:
                attached.add(id(output))
                if output.device in devices:
                    second[id(output)] = step.block.line
                devices.add(output.device)
        for block in page.blocks:
            if block.lang == "text" and id(block) not in attached:
                message = (
                    "this ```text block follows no python or console block, so nothing checks "
                    "it: put it right after the block whose output it is, or remove it"
                )
                yield Problem(where(page), block.line, message)
            if id(block) in second:
                message = (
                    f"this ```text block is a second output of the block at line "
                    f"{second[id(block)]}; only the first is checked: merge the two, or remove one"
                )
                yield Problem(where(page), block.line, message)


def _mark_problem(mark: re.Match, line: str, before_an_output: bool) -> str | None:
    flags = [flag.strip() for flag in mark["flags"].split(",")]
    unknown = [f for f in flags if f not in OUTPUT_FLAGS and not GPUS_FLAG.fullmatch(f)]
    if unknown:
        return (
            f"unknown output flag {unknown[0]!r}: the flags are varies, cpu, cuda and `N gpus`, "
            "separated by commas, as in `<!-- output: cuda, 2 gpus -->`"
        )
    if not OUTPUT_MARK.search(line) or not before_an_output:
        return (
            "this output mark is not read: write `<!-- output: flags -->` alone on the line "
            "right before the ```text block it qualifies"
        )
    return None


def output_marks_are_known(root: Path) -> Problems:
    """A mark the tools cannot read would be ignored without a word."""
    for page in pages_of(root, *LANGUAGES):
        marked = {block.line - 1 for block in page.blocks if block.lang == "text" and block.flags}
        for number, line in enumerate(page.text.splitlines(), start=1):
            mark = ANY_OUTPUT_MARK.search(line)
            if mark and _mark_problem(mark, line, number in marked):
                yield Problem(where(page), number, _mark_problem(mark, line, number in marked))


def device_outputs_come_in_pairs(root: Path) -> Problems:
    for page in pages_of(root, *LANGUAGES):
        for step in page.steps(langs=("python",)):
            devices = sorted(output.device for output in step.outputs if output.device)
            if devices not in ([], ["cpu", "cuda"]):
                message = (
                    f'device-marked outputs {devices}: give both a `=== "CPU"` tab '
                    '(<!-- output: cpu -->) and a `=== "CUDA"` tab (<!-- output: cuda -->)'
                )
                yield Problem(where(page), step.block.line, message)


def listings_are_run_on_their_page(root: Path) -> Problems:
    """A script shown whole is not run with the page, so a command on the page must run it."""
    for page in pages_of(root, *LANGUAGES):
        commands = "".join(b.raw for b in page.blocks if b.lang in ("console", "bash"))
        for block in page.blocks:
            for target in block.snippet_targets:
                if block.is_listing and target not in commands:
                    message = (
                        f"shows {target} whole, but no console or bash block on the page runs "
                        f"it: add a ```console block with `$ python {target}`"
                    )
                    yield Problem(where(page), block.line, message)


def figures_are_shown_by_a_page(root: Path) -> Problems:
    """A page's figures are compared with what its code draws; a figure no page shows is not."""
    shown = set()
    for page in pages_of(root, *LANGUAGES):
        shown.update(FIGURE_LINK.findall(page.text))
    for figure in sorted((root / "docs" / "assets" / "figures").glob("*")):
        if figure.is_file() and figure.name not in shown:
            message = "no page shows this figure, so nothing checks it: show it or delete it"
            yield Problem(f"docs/assets/figures/{figure.name}", 0, message)


# Every example file belongs to a chapter, and a page shows every section of it.


def _section_problems(relative: str, text: str, shown: set[str]) -> Problems:
    starts, ends = {}, {}
    for marker in SECTION_MARKER.finditer(text):
        line = text.count("\n", 0, marker.start()) + 1
        if marker["kind"] == "start":
            starts[marker["name"]] = line
        else:
            ends[marker["name"]] = line
    for name, line in starts.items():
        if name not in ends:
            message = f"section `{name}` never ends: add `# --8<-- [end:{name}]` after its code"
            yield Problem(relative, line, message)
        elif f"{relative}:{name}" not in shown:
            message = (
                f'no page shows section `{name}`: include it with `--8<-- "{relative}:{name}"` '
                "on both pages of its chapter, or remove its markers"
            )
            yield Problem(relative, line, message)
    for name, line in ends.items():
        if name not in starts:
            message = f"section `{name}` ends but never starts: add `# --8<-- [start:{name}]`"
            yield Problem(relative, line, message)


def every_section_is_shown(root: Path) -> Problems:
    """Sections open and close, a page shows each one, and a file without sections is shown
    whole or run by a page (the English pages; parity makes the Korean ones the same)."""
    blocks = [block for page in pages_of(root, "en") for block in page.blocks]
    shown = {target for block in blocks for target in block.snippet_targets}
    commands = "".join(block.raw for block in blocks if block.lang in ("console", "bash"))
    for script in sorted(root.glob("examples/*/*.py")):
        relative, text = str(script.relative_to(root)), script.read_text(encoding="utf-8")
        yield from _section_problems(relative, text, shown)
        if not SECTION_MARKER.search(text) and relative not in shown and relative not in commands:
            yield Problem(relative, 0, "no page shows this file whole or runs it")


def example_folders_have_a_chapter(root: Path) -> Problems:
    chapters = {path.name[:2] for path in root.glob("docs/en/[0-9][0-9]-*.md")}
    for folder in sorted((root / "examples").iterdir()):
        if folder.is_dir() and folder.name.split("_")[0] not in chapters:
            message = "no chapter page has this number: name it examples/NN_topic, NN its page's"
            yield Problem(f"examples/{folder.name}", 0, message)


# A reader reaches every page from the nav, and every chapter from the home page.


def pages_are_in_the_nav(root: Path) -> Problems:
    """A page left out of the nav builds without a warning, but no reader can reach it."""
    nav = mkdocs_config(root).get("nav")
    if nav is None:  # without a nav, MkDocs lists every page itself
        return
    listed = set(re.findall(r"[\w./-]+\.md", str(nav)))  # the pages at any depth of the nav
    for path in page_paths(root, "en"):
        if path.name not in listed:
            message = f"is not in mkdocs.yml's nav: add the line `  - {path.name}` there"
            yield Problem(f"docs/en/{path.name}", 0, message)


# Every chapter is also a notebook per language, made from its page.


def chapters_link_their_notebook(root: Path) -> Problems:
    for language in LANGUAGES:
        for path in chapter_paths(root, language):
            link = f"](notebooks/{notebook_path(path).name})"
            text = path.read_text(encoding="utf-8")
            if link in text:
                continue
            under_title = 1
            for number, line in enumerate(text.splitlines(), start=1):
                if line.startswith("# "):
                    under_title = number + 2
                    break
            message = f"does not link its notebook: add `[:material-notebook: ...{link}`"
            yield Problem(f"docs/{language}/{path.name}", under_title, message)


def notebooks_have_a_page(root: Path) -> Problems:
    for language in LANGUAGES:
        pages = {path.stem for path in chapter_paths(root, language)}
        for notebook in sorted((root / "docs" / language / "notebooks").glob("*.ipynb")):
            if notebook.stem not in pages:
                message = f"has no page docs/{language}/{notebook.stem}.md: delete it"
                yield Problem(str(notebook.relative_to(root)), 0, message)


def _checked_cells(text: str) -> list[tuple]:
    """What a notebook must share with its page: each code cell's source and outputs, and the
    figures the Markdown cells embed. The prose is left out (see notebooks_match_their_pages)."""
    cells, code_cells, figures = [], 0, 0
    for cell in nbformat.reads(text, 4).cells:
        if cell.cell_type == "code":
            code_cells += 1
            cells.append((f"code cell {code_cells}", cell.source, cell.outputs))
        elif cell.get("attachments"):
            figures += 1
            cells.append((f"figure {figures}", cell.attachments))
    return cells


def notebooks_match_their_pages(root: Path) -> Problems:
    """A committed notebook has its page's code cells, outputs and figures. Its prose may lag
    behind: a translator's fix in the browser cannot remake it, and the publishing build makes
    every notebook again from its page (CONTRIBUTING.md, "Notebooks follow the pages")."""
    for language in LANGUAGES:
        for path in chapter_paths(root, language):
            notebook = notebook_path(path)
            name = str(notebook.relative_to(root))
            if not notebook.exists():
                yield Problem(name, 0, f"is missing: run `{SYNC_NOTEBOOKS}`")
                continue
            committed = _checked_cells(notebook.read_text(encoding="utf-8"))
            from_page = _checked_cells(notebook_text(load_page(path, root)))
            for old, new in zip_longest(committed, from_page):
                if old != new:
                    message = f"{(new or old)[0]} is not what docs/{language}/{path.name} makes"
                    yield Problem(name, 0, f"{message}: run `{SYNC_NOTEBOOKS}`")
                    break


RULES = [
    korean_pages_match_english,
    korean_blocks_match_english,
    korean_prose_follows_the_glossary,
    python_comes_from_examples,
    chapters_have_their_shape,
    output_blocks_follow_code,
    output_marks_are_known,
    device_outputs_come_in_pairs,
    listings_are_run_on_their_page,
    figures_are_shown_by_a_page,
    every_section_is_shown,
    example_folders_have_a_chapter,
    pages_are_in_the_nav,
    chapters_link_their_notebook,
    notebooks_have_a_page,
    notebooks_match_their_pages,
]

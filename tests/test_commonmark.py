"""Pages and notebooks render under CommonMark (Jupyter, Colab, GitHub) as on the site.

markdown-it-py, the CommonMark renderer the Jupyter ecosystem follows, leaves an
emphasis marker that cannot open or close as a literal ``*`` or ``_``. The usual cause in
Korean prose is a span that closes between punctuation and a particle:
``*편도함수(partial derivative)*는`` shows its asterisks; ``*편도함수*(partial derivative)는``
does not. Notebooks also have no content tabs and no indented fences.
"""

import json
import re

import pytest
from markdown_it import MarkdownIt

from helpers import ROOT, all_pages, page_id
from primer_tools.notebooks import ADMONITION

MD = MarkdownIt("commonmark")
LEFT_OVER = re.compile(r"\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
NOTEBOOKS = sorted(ROOT.glob("docs/*/notebooks/*.ipynb"))


def literal_markers(markdown: str) -> list[tuple[int, str]]:
    """(0-based line, text) of each emphasis marker the renderer left as text."""
    found = []
    for token in MD.parse(markdown):
        if token.type != "inline":
            continue
        first, last = token.map
        for child in token.children or []:
            if child.type == "text" and LEFT_OVER.search(child.content):
                lines = markdown.splitlines()[first:last]
                line = next(
                    (i for i, text in enumerate(lines, first) if child.content.strip() in text),
                    first,
                )
                found.append((line, child.content.strip()))
    return found


def page_prose(path) -> str:
    """The page as CommonMark sees its prose: code blocks, tab and admonition titles blanked,
    indentation (of admonition and tab bodies, of list items) taken away. Line numbers stay."""
    from primer_tools.pages import load_page

    code = load_page(path, ROOT).code_lines()
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(
        ""
        if n in code or ADMONITION.match(line) or line.lstrip().startswith('=== "')
        else line.strip()
        for n, line in enumerate(lines, start=1)
    )


def markdown_cells(path):
    for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] == "markdown":
            yield number, "".join(cell["source"])


@pytest.mark.parametrize("path", all_pages(), ids=page_id)
def test_page_prose_leaves_no_literal_emphasis_marker(path):
    problems = [
        f"{page_id(path)}:{line + 1}: `{text}`" for line, text in literal_markers(page_prose(path))
    ]
    assert not problems, (
        "emphasis that CommonMark shows as literal markers (close it on the word, before the "
        "gloss or particle: *편도함수*(partial derivative)는):\n" + "\n".join(problems)
    )


def cell_problems(source: str) -> list[str]:
    problems = [
        f"line {line + 1}: literal emphasis `{text}`" for line, text in literal_markers(source)
    ]
    for line, text in enumerate(source.splitlines(), start=1):
        if re.match(r"\s*===\s", text) or re.match(r"\s+(```|~~~)", text):
            problems.append(f"line {line}: `{text.strip()}` (a tab or an indented fence)")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_notebook_markdown_renders_without_literal_markers_tabs_or_indented_fences(path):
    problems = [
        f"{path.relative_to(ROOT)} cell {number}, {problem}"
        for number, source in markdown_cells(path)
        for problem in cell_problems(source)
    ]
    assert not problems, (
        "fix the page or primer_tools/notebooks.py, then run `python -m primer_tools sync`:\n"
        + "\n".join(problems)
    )


@pytest.mark.parametrize(
    "bad",
    [
        "*편도함수(partial derivative)*는 벡터입니다.",
        "**`sampler.set_epoch(epoch)`**를 호출합니다.",
        "**정답 (CPU)**이다",
    ],
)
def test_emphasis_closing_before_a_particle_is_caught(bad):
    assert literal_markers(bad)


@pytest.mark.parametrize(
    "good",
    [
        "*편도함수*(partial derivative)는 벡터입니다.",
        "**`set_epoch`** 호출",
        "`x_train`과 x_train, 2 × 3",
        "**정답 (CPU)**",
    ],
)
def test_emphasis_that_renders_is_not_reported(good):
    assert not literal_markers(good)


def test_tab_lines_and_indented_fences_in_a_cell_are_caught():
    assert len(cell_problems('=== "CPU"\n\n    ```text\n    cpu\n    ```\n')) == 3


def test_gloss_after_emphasis_closed_on_the_word_counts_as_first_use():
    from pathlib import Path

    from primer_tools import glossary
    from primer_tools.pages import Page, parse_blocks

    def problems(text):
        page = Page(path=Path("docs/ko/x.md"), text=text, blocks=parse_blocks(text))
        return glossary.missing_first_use_gloss(page, glossary.load_terms())

    assert not problems("# 제목\n\n*편도함수*(partial derivative)는 도함수입니다.\n")
    assert problems("# 제목\n\n*편도함수*는 도함수입니다.\n")

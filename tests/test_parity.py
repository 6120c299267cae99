"""English and Korean pages stay in step: same pages, same blocks, same order."""

import pytest

from helpers import ROOT
from primer_tools import rules
from primer_tools.pages import Page, load_page, page_paths, parse_blocks


def test_both_languages_have_the_same_pages():
    problems = rules.page_set_problems(ROOT)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", page_paths(ROOT, "en"), ids=lambda p: p.name)
def test_korean_page_has_same_blocks_and_headings_as_english(path):
    korean = ROOT / "docs" / "ko" / path.name
    if not korean.exists():
        pytest.fail(f"docs/ko/{path.name} is missing")
    english, korean = load_page(path, ROOT), load_page(korean, ROOT)
    problems = rules.block_problems(english, korean) + rules.heading_problems(english, korean)
    assert not problems, "\n".join(problems)


def _page(name, text):
    from pathlib import Path

    return Page(path=Path(f"docs/x/{name}"), text=text, blocks=parse_blocks(text))


def test_parity_names_the_block_that_differs():
    english = _page("p.md", '# T\n\n```python\n--8<-- "examples/a.py:x"\n```\n\n```text\n1\n```\n')
    korean = _page(
        "p.md", '# 제목\n\n```python\n--8<-- "examples/a.py:x"\n```\n\n```text\n2\n```\n'
    )
    [problem] = rules.block_problems(english, korean)
    assert (
        problem.startswith("docs/ko/p.md:8: line 1 of this ```text block is `2`")
        and "has `1`" in problem
    )


def test_parity_reports_a_missing_heading():
    english = _page("p.md", "# T\n\n## A\n\n## B\n")
    korean = _page("p.md", "# 제목\n\n## 가\n")
    [problem] = rules.heading_problems(english, korean)
    assert "2 headings" in problem and "3" in problem

"""English and Korean pages stay in step: same pages, same blocks, same order (the house rules
korean_pages_match_english and korean_blocks_match_english, run by test_page_rules.py); here,
what their messages say."""

from primer_tools import rules
from primer_tools.pages import Page, parse_blocks


def _page(name, text):
    from pathlib import Path

    return Page(path=Path(f"docs/x/{name}"), text=text, blocks=parse_blocks(text))


def test_parity_names_the_block_that_differs():
    english = _page("p.md", '# T\n\n```python\n--8<-- "examples/a.py:x"\n```\n\n```text\n1\n```\n')
    korean = _page(
        "p.md", '# 제목\n\n```python\n--8<-- "examples/a.py:x"\n```\n\n```text\n2\n```\n'
    )
    [problem] = map(str, rules.block_problems(english, korean))
    assert (
        problem.startswith("docs/ko/p.md:8: line 1 of this ```text block is `2`")
        and "has `1`" in problem
    )


def test_parity_reports_a_missing_heading():
    english = _page("p.md", "# T\n\n## A\n\n## B\n")
    korean = _page("p.md", "# 제목\n\n## 가\n")
    [problem] = map(str, rules.heading_problems(english, korean))
    assert "2 headings" in problem and "3" in problem

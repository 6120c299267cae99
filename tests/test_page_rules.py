"""House rules that need no run: code on pages comes from examples/."""

import pytest

from helpers import ROOT, all_pages, page_id
from primer_tools.pages import load_page
from primer_tools.rules import inline_python_problems


@pytest.mark.parametrize("path", all_pages(), ids=page_id)
def test_page_has_no_python_that_is_not_pulled_from_examples(path):
    problems = inline_python_problems(load_page(path, ROOT), ROOT)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", all_pages(), ids=page_id)
def test_every_output_block_follows_a_code_block(path):
    page = load_page(path, ROOT)
    attached = {id(s.output) for lang in ("python", "console") for s in page.steps(lang) if s.output}
    loose = [b.line for b in page.blocks if b.lang == "text" and id(b) not in attached]
    assert not loose, f"{page_id(path)}: ```text blocks at lines {loose} follow no python or console block, so nothing checks them"

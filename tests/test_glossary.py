"""Korean prose uses the glossary's terms (tests read the repository's copy of it)."""

from pathlib import Path

import pytest

from helpers import ROOT
from primer_tools import glossary
from primer_tools.pages import Page, load_page, page_paths, parse_blocks

TERMS = glossary.load_terms()


def test_glossary_copy_is_in_the_repository():
    assert (ROOT / "src/primer_tools/glossary.tsv").is_file()
    assert len(TERMS) > 100 and any(t.english == "gradient" and t.korean == "변화도" for t in TERMS)


@pytest.mark.parametrize("path", page_paths(ROOT, "ko"), ids=lambda p: p.name)
def test_korean_prose_avoids_the_forms_the_glossary_rules_out(path):
    problems = glossary.avoided_forms(load_page(path, ROOT), TERMS)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", page_paths(ROOT, "ko"), ids=lambda p: p.name)
def test_korean_terms_carry_their_english_at_first_use(path):
    problems = glossary.missing_first_use_gloss(load_page(path, ROOT), TERMS)
    assert not problems, "\n".join(problems)


def _korean(text):
    return Page(path=Path("docs/ko/x.md"), text=text, blocks=parse_blocks(text))


def test_avoided_form_in_prose_is_reported_but_not_in_code():
    page = _korean("# 제목\n\n그래디언트를 구합니다.\n\n```text\n그래디언트\n```\n\n`그래디언트`\n")
    [problem] = glossary.avoided_forms(page, TERMS)
    assert "x.md:3" in problem and "변화도" in problem


def test_first_use_without_english_is_reported():
    page = _korean("# 제목\n\n변화도를 구합니다. 변화도(gradient)는 벡터입니다.\n")
    [problem] = glossary.missing_first_use_gloss(page, TERMS)
    assert "변화도" in problem and "first" in problem

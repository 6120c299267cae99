"""Korean prose uses the glossary's terms (tests read the repository's copy of it), and the built
Korean pages mark them with tooltips where they help."""

import importlib.util
import re
from collections import Counter
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


def _glossary_hook():
    path = ROOT / "hooks/glossary_terms.py"
    spec = importlib.util.spec_from_file_location("glossary_terms", path)
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook


TOOLTIP = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')


def _tooltips_per_section(page_html: str) -> list[Counter]:
    """How often each term is marked in each section: the page's top, then each <h2>."""
    sections = re.split(r"<h2[ >]", page_html)
    return [Counter(term for _, term in TOOLTIP.findall(section)) for section in sections]


def test_tooltip_marks_a_term_at_its_first_use_in_each_section():
    page_html = (
        "<p>변화도를 구하고 변화도를 씁니다.</p>"
        "<h2>다음</h2><p>텐서의 변화도입니다.</p>"
        "<p>변화도(gradient)는 벡터입니다. 변화도를 씁니다.</p>"
        "<h2>끝</h2><p><em>변화도</em>(gradient)와 변화도</p>"
    )
    marked = _glossary_hook().add_tooltips(page_html)
    expected = [Counter({"변화도": 1}), Counter({"텐서": 1, "변화도": 1}), Counter()]
    assert _tooltips_per_section(marked) == expected, marked


@pytest.mark.parametrize("chapter", ["02-tensors", "09-gpus-and-devices"])
def test_built_korean_page_marks_each_term_at_most_once_per_section(built_site, chapter):
    """A tooltip helps at a term's first use in a section (readers land on sections from the table
    of contents and from search); at every use it underlines half a paragraph. A use that shows its
    English in parentheses (변화도(gradient)) needs no tooltip as well."""
    page = (built_site[0] / "ko" / chapter / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    counts = _tooltips_per_section(article)
    repeated = []
    for number, section in enumerate(counts):
        for term, times in section.items():
            if times > 1:
                repeated.append(f"section {number}: {term} ×{times}")
    where = f"docs/ko/{chapter}.md (hooks/glossary_terms.py marks the terms)"
    assert not repeated, f"{where}: a term is marked more than once in a section: {repeated}"
    tooltips = sum(sum(section.values()) for section in counts)
    assert tooltips >= len(counts), f"{where}: only {tooltips} tooltips in {len(counts)} sections"
    beside_gloss = re.findall(r'<abbr title="([^"]*)">[^<]*</abbr>(?:</em>)?\(\1', article, re.I)
    assert not beside_gloss, f"{where}: a tooltip repeats the English beside it: {beside_gloss}"

"""Each chapter is also a notebook per language, made from its page; nbmake runs them
(pytest --nbmake collects docs/*/notebooks/*.ipynb)."""

import pytest

from helpers import ROOT, page_id
from primer_tools.notebooks import notebook_path, notebook_text
from primer_tools.pages import LANGUAGES, chapter_paths, load_page

CHAPTERS = [p for lang in LANGUAGES for p in chapter_paths(ROOT, lang)]


@pytest.mark.parametrize("path", CHAPTERS, ids=page_id)
def test_chapter_notebook_is_up_to_date_with_its_page(path):
    notebook = notebook_path(path)
    assert notebook.exists(), f"{notebook.relative_to(ROOT)} is missing: run `python -m primer_tools sync`"
    assert notebook.read_text(encoding="utf-8") == notebook_text(load_page(path, ROOT)), (
        f"{notebook.relative_to(ROOT)} is older than {page_id(path)}: run `python -m primer_tools sync`"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=page_id)
def test_chapter_page_links_to_its_notebook(path):
    assert f"](notebooks/{notebook_path(path).name})" in path.read_text(encoding="utf-8")


def test_no_notebook_without_a_page():
    for lang in LANGUAGES:
        pages = {p.stem for p in chapter_paths(ROOT, lang)}
        notebooks = {p.stem for p in (ROOT / "docs" / lang / "notebooks").glob("*.ipynb")}
        assert notebooks <= pages, f"docs/{lang}/notebooks has notebooks with no page: {sorted(notebooks - pages)}"

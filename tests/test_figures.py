"""Every figure a page shows is drawn by that page's own code, byte for byte."""

import pytest

from helpers import ROOT, all_pages, page_id
from primer_tools.outputs import REGENERATE, figure_names, page_figures
from primer_tools.pages import load_page

PAGES_WITH_FIGURES = [p for p in all_pages() if figure_names(load_page(p, ROOT))]


@pytest.mark.parametrize("path", PAGES_WITH_FIGURES, ids=page_id)
def test_page_figures_are_what_its_code_draws(path):
    page = load_page(path, ROOT)
    made = page_figures(page)
    for name in figure_names(page):
        assert name in made, f"{page_id(path)} shows assets/figures/{name}, but its code does not write {name}"
        committed = ROOT / "docs/assets/figures" / name
        assert committed.exists() and committed.read_bytes() == made[name], (
            f"docs/assets/figures/{name} differs from what {page_id(path)} draws: run `{REGENERATE}`"
        )


def test_every_committed_figure_is_shown_by_a_page():
    shown = {name for p in all_pages() for name in figure_names(load_page(p, ROOT))}
    committed = {p.name for p in (ROOT / "docs/assets/figures").glob("*") if p.is_file()}
    assert committed <= shown, f"figures no page shows: {sorted(committed - shown)}"

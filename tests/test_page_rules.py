"""House rules that need no run: code on pages comes from examples/."""

import pytest

from helpers import ROOT, all_pages, page_id
from primer_tools.outputs import FIGURE_LINK
from primer_tools.pages import load_page
from primer_tools.rules import chapter_shape_problems, inline_python_problems


@pytest.mark.parametrize("path", all_pages(), ids=page_id)
def test_page_has_no_python_that_is_not_pulled_from_examples(path):
    problems = inline_python_problems(load_page(path, ROOT), ROOT)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", all_pages(), ids=page_id)
def test_every_output_block_follows_a_code_block(path):
    page = load_page(path, ROOT)
    attached = {id(o) for s in page.steps() for o in s.outputs}
    loose = [b.line for b in page.blocks if b.lang == "text" and id(b) not in attached]
    assert not loose, (
        f"{page_id(path)}: ```text blocks at lines {loose} follow no python or console block, "
        "so nothing checks them"
    )


@pytest.mark.parametrize("path", all_pages(), ids=page_id)
def test_every_script_listing_is_run_by_a_command_on_the_page(path):
    page = load_page(path, ROOT)
    commands = "".join(b.raw for b in page.blocks if b.lang in ("console", "bash"))
    for block in page.blocks:
        for target in block.snippet_targets if block.is_listing else []:
            assert target in commands, (
                f"{page_id(path)}:{block.line} shows {target} whole "
                f"(a script listing, not run with the page), "
                f"but no console or bash block on the page runs it"
            )


@pytest.mark.parametrize("path", all_pages(), ids=page_id)
def test_device_outputs_come_in_pairs(path):
    for step in load_page(path, ROOT).steps(langs=("python",)):
        devices = sorted(o.device for o in step.outputs if o.device)
        assert devices in ([], ["cpu", "cuda"]), (
            f"{page_id(path)}:{step.block.line}: device-marked outputs {devices}: give both a "
            f'`=== "CPU"` tab (<!-- output: cpu -->) and a `=== "CUDA"` tab (<!-- output: cuda -->)'
        )


@pytest.mark.parametrize("path", all_pages(), ids=page_id)
def test_chapter_opens_with_what_you_will_learn_and_ends_with_exercises(path):
    problems = chapter_shape_problems(load_page(path, ROOT))
    assert not problems, "\n".join(problems)


def test_every_committed_figure_is_shown_by_a_page():
    """Each figure a page shows is checked against what its code draws (docs/en/*.md);
    a committed figure no page shows would be checked by nothing."""
    shown = {
        name for p in all_pages() for name in FIGURE_LINK.findall(p.read_text(encoding="utf-8"))
    }
    committed = {p.name for p in (ROOT / "docs/assets/figures").glob("*") if p.is_file()}
    assert committed <= shown, f"figures no page shows: {sorted(committed - shown)}"

"""The reader's contract: a page's code blocks, pasted in order into one script and run
in a fresh interpreter, print exactly the page's output blocks.

The page check already runs the blocks in order in the ``__main__`` module of one fresh
interpreter, with standard output captured at the file descriptor; that run is the
pasted script with a cut between blocks. This test reuses it (no second run) and adds
the one thing block-by-block execution cannot see: that the blocks, pasted together,
still compile as one script.

Checked for the English pages: a Korean page has the same code and output blocks in the
same order (tests/test_parity.py), so its replay would be the same run."""

from __future__ import annotations

import difflib

import pytest

from helpers import ROOT, all_pages, page_id
from primer_tools.outputs import REGENERATE, page_code, page_output_text
from primer_tools.pages import load_page, output_form
from primer_tools.run import run_page

CHAPTERS = [p for p in all_pages() if p.parent.name == "en" and "--8<--" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", CHAPTERS, ids=page_id)
def test_page_replayed_as_one_script_prints_its_outputs(path):
    page = load_page(path, ROOT)
    script = "\n".join(page_code(page))
    compile(script, f"<{page_id(path)} pasted as one script>", "exec")
    run = run_page(page_code(page))
    assert run.error is None, f"{page_id(path)}: the page's code, run as one script, failed:\n{run.error}"
    shown, printed = page_output_text(page), run.stdout
    if any(s.output.varies for s in page.steps("python") if s.output):
        shown, printed = output_form(shown), output_form(printed)
    diff = "\n".join(
        difflib.unified_diff(shown.splitlines(), printed.splitlines(), "shown on the page", "printed by the script", lineterm="")
    )
    assert shown == printed, (
        f"{page_id(path)}: pasted into one script, the page prints something else:\n{diff}\nRun `{REGENERATE}`."
    )

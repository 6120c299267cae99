"""Sybil's view of an English page: one example per ``python`` or ``console`` block and
one per figure it shows, all checked against one run of the page.

The parser only reads the page. The first example evaluated runs the page (its python
blocks as one script in a fresh interpreter, and its console commands; see ``run.py``)
and keeps the results in the document's namespace, which Sybil lets evaluators share.
Output blocks for the other kind of machine (a CUDA tab on a CPU machine) are not
examples here: the GPU job checks them. Korean pages are not run: parity makes their
code and output blocks byte-identical to the English ones.
"""

from __future__ import annotations

from pathlib import Path

from sybil import Document, Example, Region

from .outputs import FIGURE_LINK, check_page, describe_mismatch, figure_problem
from .pages import load_page, repo_root
from .run import machine_device


class PageParser:
    def __call__(self, document: Document):
        page = load_page(Path(document.path), repo_root())
        for step in page.steps(machine_device()):
            yield Region(step.block.start, step.block.end, parsed=step.block.start, evaluator=check_block)
        for link in FIGURE_LINK.finditer(page.text):
            yield Region(link.start(), link.end(), parsed=link[1], evaluator=check_figure)


def _page_run(example: Example):
    """(page, results by block offset, figures drawn): made once per page."""
    if "page_run" not in example.namespace:
        root = repo_root()
        page = load_page(Path(example.path), root)
        results, drawn = check_page(page, root)
        example.namespace["page_run"] = page, {r.step.block.start: r for r in results}, drawn
    return example.namespace["page_run"]


def check_block(example: Example) -> str | None:
    page, results, _ = _page_run(example)
    result = results[example.parsed]  # parsed: the block's offset in the page
    return None if result.matches() else describe_mismatch(page, result, repo_root())


def check_figure(example: Example) -> str | None:
    page, _, drawn = _page_run(example)
    return figure_problem(page, example.parsed, drawn, repo_root())  # parsed: the figure's file name

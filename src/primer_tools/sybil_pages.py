"""A Sybil parser that checks each output block of a page against its code.

Sybil reads the raw Markdown, where a code block is only a ``--8<--`` line. This
parser hands Sybil one example per ``python`` or ``console`` block and evaluates it
with what the reader really sees: the snippet expanded by pymdownx.snippets, run with
the page's earlier blocks in a fresh interpreter (see ``run.py``).
"""

from __future__ import annotations

import unittest
from pathlib import Path

from sybil import Document, Example, Region

from .outputs import Checked, check_page, describe_mismatch
from .pages import load_page, repo_root

_RESULTS_KEY = "_primer_checked"


class PageOutputParser:
    def __call__(self, document: Document):
        root = repo_root()
        page = load_page(Path(document.path), root)
        document.namespace["_primer_page"] = page
        steps = page.steps("python") + page.steps("console")
        for step in sorted(steps, key=lambda s: s.block.start):
            yield Region(step.block.start, step.block.end, parsed=step.block.start, evaluator=self.evaluate)
            for other in step.elsewhere:
                yield Region(other.start, other.end, parsed=other.device, evaluator=self.skip)

    @staticmethod
    def skip(example: Example) -> None:
        raise unittest.SkipTest(
            f"this output is for a machine {'with' if example.parsed == 'cuda' else 'without'} a CUDA GPU;"
            f" {'the GPU job' if example.parsed == 'cuda' else 'a CPU run'} checks it"
        )

    @staticmethod
    def evaluate(example: Example) -> str | None:
        namespace = example.namespace
        root = repo_root()
        if _RESULTS_KEY not in namespace:
            namespace[_RESULTS_KEY] = {c.step.block.start: c for c in check_page(namespace["_primer_page"], root)}
        item: Checked = namespace[_RESULTS_KEY][example.parsed]
        if item.matches():
            return None
        return describe_mismatch(namespace["_primer_page"], item, root)

"""Collect the site's pages as tests: every output block is checked against its code.

Sybil parses docs/en/*.md and docs/ko/*.md; see src/primer_tools/sybil_pages.py.
"""

import os

# Idle OpenMP threads sleep instead of spinning. Every process the suite starts (page
# runs, scripts, notebook kernels, torchrun) inherits this; results do not change, but
# with several torch processes on two cores, spinning threads take the CPU from the
# ones with work: two page-running workers side by side took 88 s and 79 s spinning,
# 59 s and 61 s sleeping. Set before anything in this process loads torch.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from sybil import Sybil  # noqa: E402

from primer_tools.scheduling import scheduling_group  # noqa: E402
from primer_tools.sybil_pages import PageOutputParser  # noqa: E402

pytest_collect_file = Sybil(
    parsers=[PageOutputParser()],
    path="docs",
    patterns=["en/*.md", "ko/*.md"],
).pytest()


def pytest_ignore_collect(collection_path, config):
    """nbmake runs the English notebooks only. A Korean notebook has the same code cells
    as its English twin: both are made from their pages (tests/test_notebooks.py checks
    that), and the pages have the same code blocks (tests/test_parity.py). Running it
    again would prove nothing new and cost a kernel per chapter."""
    if collection_path.suffix == ".ipynb" and collection_path.parent.parent.name == "ko":
        return True
    return None


def pytest_xdist_make_scheduler(config, log):
    """Tests that share a fixture or a page's run stay on one worker (primer_tools.scheduling)."""
    from xdist.scheduler import LoadScopeScheduling

    class SharedRunScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scheduling_group(nodeid)

    return SharedRunScheduling(config, log)

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

import re  # noqa: E402
from pathlib import Path  # noqa: E402

from sybil import Sybil  # noqa: E402

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


# Tests that share an expensive module or session fixture (the built site, a trained
# project) go to one pytest-xdist worker, and so do the checks that use one page's run
# (its output blocks in both languages, its replay, its figures): that worker runs the
# page once, and no other worker sits waiting for it. Everything else is handed out test
# by test, so no worker is left alone with a long file. (A scheduler of our own because
# xdist 3.8's `--dist loadgroup` no longer sees its groups under pytest 9.2.)
SHARED_FIXTURE_GROUPS = {
    "tests/test_site_build.py": "built-site",
    "tests/test_browser.py": "built-site",
    "tests/test_project_template.py": "project-template",
    "tests/test_oom_retry.py": "oom-retry",
}
PAGE_RUN_TESTS = ("tests/test_page_replay.py", "tests/test_figures.py")
PAGE_PARAMETER = re.compile(r"\[(?:en|ko)/([\w-]+)\.md\]$")


def scheduling_group(nodeid: str) -> str:
    """The group a test is scheduled with: tests of one group run on one worker."""
    file = nodeid.split("::")[0]
    if file in SHARED_FIXTURE_GROUPS:
        return SHARED_FIXTURE_GROUPS[file]
    if file.startswith("docs/") and file.endswith(".md"):
        return f"page {Path(file).stem}"
    if file in PAGE_RUN_TESTS and (match := PAGE_PARAMETER.search(nodeid)):
        return f"page {match[1]}"
    return nodeid


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class SharedRunScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scheduling_group(nodeid)

    return SharedRunScheduling(config, log)

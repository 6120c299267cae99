"""Which tests pytest-xdist keeps on one worker (see the root ``conftest.py``).

Tests that share an expensive module or session fixture (the built site, a trained
project) go to one worker, and so do the checks that use one page's run (its output
blocks in both languages, its replay, its figures): that worker runs the page once, and
no other worker sits waiting for it. Everything else is handed out test by test, so no
worker is left alone with a long file. (A scheduler of our own because xdist 3.8's
``--dist loadgroup`` no longer sees its groups under pytest 9.2.)
"""

from __future__ import annotations

import re
from pathlib import Path

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

"""Collect the site's pages as tests: every output block is checked against its code.

Sybil parses docs/en/*.md and docs/ko/*.md; see src/primer_tools/sybil_pages.py.
"""

from sybil import Sybil

from primer_tools.sybil_pages import PageOutputParser

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
# project) stay on one pytest-xdist worker; everything else is handed out test by test
# (`--dist loadgroup` in pyproject.toml), so no worker is left with a long file to itself.
SHARED_FIXTURE_GROUPS = {
    "test_site_build.py": "built-site",
    "test_browser.py": "built-site",
    "test_project_template.py": "project-template",
    "test_oom_retry.py": "oom-retry",
}


def pytest_collection_modifyitems(config, items):
    import pytest

    for item in items:
        if item.path.name in SHARED_FIXTURE_GROUPS:
            item.add_marker(pytest.mark.xdist_group(SHARED_FIXTURE_GROUPS[item.path.name]))
        elif item.path.suffix == ".md":  # one page's output blocks share one run
            item.add_marker(pytest.mark.xdist_group(f"{item.path.parent.name}/{item.path.name}"))

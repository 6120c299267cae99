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

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

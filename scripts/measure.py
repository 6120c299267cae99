"""Figures for authors, printed and never asserted: how long the site takes to build,
what a first visit to each page downloads, and how long the test suite takes.

    python scripts/measure.py            # the build (cold and warm cache) and page weight
    python scripts/measure.py --suite    # also the whole suite, as the README runs it (minutes)

Run it on an idle machine, before and after a change, and compare the two.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOADED = re.compile(
    r"""<(?:link|script|img)\b[^>]*?\b(?:href|src)=["']([^"'#?]+\.(?:css|js|svg|png))"""
)


def seconds(command: list[str], **env: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env={**os.environ, **env})
    return time.perf_counter() - start


def first_visit_bytes(page: Path) -> int:
    """The page and the stylesheets, scripts and images it loads, gzip-compressed as
    GitHub Pages serves them (the search index, fetched on first search, left out)."""
    files = {page} | {
        (page.parent / ref).resolve() for ref in LOADED.findall(page.read_text(encoding="utf-8"))
    }
    return sum(len(gzip.compress(f.read_bytes())) for f in files if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--suite", action="store_true", help="also time `pytest -n auto` (CI=true)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="primer-site-") as site:
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site]
        shutil.rmtree(ROOT / ".cache" / "mkdocs-jupyter", ignore_errors=True)
        cold = seconds(build, NO_MKDOCS_2_WARNING="1")
        warm = seconds(build, NO_MKDOCS_2_WARNING="1")
        print(
            f"mkdocs build --strict, both languages: {cold:.1f} s with an empty cache, "
            f"{warm:.1f} s warm"
        )

        pages = sorted(Path(site).glob("**/index.html"))
        for kind, notebook in (("chapter", False), ("notebook", True)):
            chosen = [
                p
                for p in pages
                if p.parent.match("[0-9][0-9]-*")
                and (p.parent.parent.name == "notebooks") == notebook
            ]
            weights = sorted(
                (first_visit_bytes(p), str(p.parent.relative_to(site))) for p in chosen
            )
            smallest, median, largest = weights[0], weights[len(weights) // 2], weights[-1]
            print(
                f"{kind} pages ({len(weights)}), first visit compressed: "
                f"smallest {smallest[0] / 1000:.0f} KB, "
                f"median {median[0] / 1000:.0f} KB, "
                f"largest {largest[0] / 1000:.0f} KB ({largest[1]})"
            )

    if args.suite:
        suite = seconds([sys.executable, "-m", "pytest", "-n", "auto", "-q"], CI="true")
        print(f"pytest -n auto (CI=true): {suite:.0f} s")


if __name__ == "__main__":
    main()

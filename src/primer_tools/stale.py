"""Which Korean pages are older than their English page, by git history.

    python -m primer_tools stale            # a table, for people and CI summaries

A Korean page is stale when its English page was changed in a commit made after the
last commit that touched the Korean page.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .pages import page_paths


def last_commit(root: Path, path: Path) -> tuple[int, str]:
    """(time, short hash) of the last commit that touched the file; (0, "") if none."""
    out = subprocess.run(
        ["git", "log", "-1", "--format=%ct %h", "--", str(path.relative_to(root))], cwd=root, capture_output=True, text=True
    ).stdout.split()
    return (int(out[0]), out[1]) if out else (0, "")


def staleness(root: Path) -> list[tuple[str, str | None]]:
    """(page name, the English commit the Korean page is older than, or None)."""
    rows = []
    for english in page_paths(root, "en"):
        korean = root / "docs" / "ko" / english.name
        en_time, en_commit = last_commit(root, english)
        ko_time = last_commit(root, korean)[0] if korean.exists() else 0
        rows.append((english.name, en_commit if en_time > ko_time else None))
    return rows


def main(root: Path) -> int:
    rows = staleness(root)
    print("| page | Korean translation |\n| --- | --- |")
    for name, commit in rows:
        print(f"| {name} | {f'older than English (changed in {commit})' if commit else 'up to date'} |")
    print(f"\n{sum(1 for _, c in rows if c)} of {len(rows)} Korean pages are older than their English page.")
    return 0

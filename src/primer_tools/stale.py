"""Which Korean pages are older than their English page, by git history.

    python -m primer_tools stale            # a table, for people and CI summaries

A Korean page is stale when its English page was changed in a commit made after the
last commit that touched the Korean page.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .pages import page_paths


@dataclass
class Staleness:
    name: str
    english_time: int
    korean_time: int
    english_commit: str

    @property
    def stale(self) -> bool:
        return self.english_time > self.korean_time


def last_commit(root: Path, path: Path) -> tuple[int, str]:
    out = subprocess.run(
        ["git", "log", "-1", "--format=%ct %h", "--", str(path.relative_to(root))],
        cwd=root,
        capture_output=True,
        text=True,
    ).stdout.split()
    return (int(out[0]), out[1]) if out else (0, "")


def staleness(root: Path) -> list[Staleness]:
    rows = []
    for english in page_paths(root, "en"):
        korean = root / "docs" / "ko" / english.name
        en_time, en_commit = last_commit(root, english)
        ko_time, _ = last_commit(root, korean) if korean.exists() else (0, "")
        rows.append(Staleness(english.name, en_time, ko_time, en_commit))
    return rows


def main(root: Path) -> int:
    rows = staleness(root)
    print("| page | Korean translation |")
    print("| --- | --- |")
    for row in rows:
        state = f"older than English (changed in {row.english_commit})" if row.stale else "up to date"
        print(f"| {row.name} | {state} |")
    stale = [r for r in rows if r.stale]
    print(f"\n{len(stale)} of {len(rows)} Korean pages are older than their English page.")
    return 0

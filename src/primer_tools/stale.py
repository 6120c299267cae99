"""Which Korean pages are older than their English page, by git history; which CUDA outputs are outdated.

    python -m primer_tools stale            # a table, for people and CI summaries

A Korean page is stale when its English page was changed in a commit made after the
last commit that touched the Korean page; a CUDA output, when the hash of the code that
printed it is not the one ``.ci/gpu`` recorded with it in ``RECORD``.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

from .pages import Page, load_page, page_paths

RECORD = "docs/cuda-outputs.json"  # per page: where its CUDA outputs were recorded, and "code": their hashes


def code_hashes(page: Page, root: Path, device: str = "cuda") -> list[str]:
    """A hash per ``device`` output of the code that printed it: the blocks up to its own, the scripts they run."""
    ran, hashes = hashlib.sha256(), []
    for step in page.steps(device):
        ran.update((step.block.code or step.block.raw).encode())
        ran.update(b"".join((root / word).read_bytes() for word in step.block.raw.split() if word.endswith(".py")))
        hashes += [ran.hexdigest()[:16] for output in step.outputs if output.device == device]
    return hashes


def recorded(root: Path, name: str) -> tuple[dict | None, list[bool]]:
    """The record of a page's CUDA outputs (None without one), and whether each one's code changed since."""
    entry = json.loads((root / RECORD).read_text(encoding="utf-8")).get(name) if (root / RECORD).exists() else None
    now = code_hashes(load_page(root / "docs" / "en" / name, root), root) if entry else []
    return entry, [a != b for a, b in zip(now, entry["code"] if entry else [], strict=False)]


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
    outdated = [f"- {name}: CUDA output {n + 1}\n" for name, _ in rows for n, c in enumerate(recorded(root, name)[1]) if c]
    print("| page | Korean translation |\n| --- | --- |")
    print("".join(f"| {name} | {f'older than English (changed in {c})' if c else 'up to date'} |\n" for name, c in rows))
    print(f"{sum(1 for _, c in rows if c)} of {len(rows)} Korean pages are older than their English page.")
    print(f"\n{len(outdated)} CUDA output(s) recorded for an earlier version of the code (`bash .ci/gpu --offline --record`).")
    print("".join(outdated), end="")
    return 0

"""Which Korean pages are older than their English page, by git history, and which CUDA
outputs were recorded for an earlier version of the code.

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
    """A hash per output block for ``device``, of the code that printed it: the page's
    runnable blocks up to its own, with the scripts its console commands run."""
    ran, hashes = hashlib.sha256(), []
    for step in page.steps(device):
        ran.update((step.block.code or step.block.raw).encode())
        ran.update(b"".join((root / w).read_bytes() for w in step.block.raw.split() if w.endswith(".py")))
        hashes += [ran.hexdigest()[:16] for output in step.outputs if output.device == device]
    return hashes


def recorded(root: Path) -> dict:
    return json.loads((root / RECORD).read_text(encoding="utf-8")) if (root / RECORD).exists() else {}


def outdated_outputs(root: Path) -> list[str]:
    """``page:line`` of each recorded CUDA output whose code changed after it was recorded."""
    found = []
    for name, entry in recorded(root).items():
        page = load_page(root / "docs" / "en" / name, root)
        lines = [block.line for block in page.blocks if block.device == "cuda"]
        found += [f"docs/en/{name}:{n}" for n, now, then in zip(lines, code_hashes(page, root), entry["code"]) if now != then]
    return found


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
    outdated = outdated_outputs(root)
    print(f"\n{len(outdated)} CUDA output(s) recorded for an earlier version of the code (`bash .ci/gpu --offline --record`).")
    print("".join(f"- {where}\n" for where in outdated), end="")
    return 0

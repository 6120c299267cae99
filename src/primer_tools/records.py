"""What changed since outputs were recorded and pages translated (``python -m primer_tools stale``).

* ``RECORD`` keeps, per page, where its CUDA outputs were recorded (``.ci/gpu``) and a hash of the code each one
  ran; an output is outdated once that code has changed.
* A Korean page is stale when its English page changed in a later commit (git history).
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


def english_change(root: Path, name: str) -> str | None:
    """The commit that changed the English page after its Korean page was last edited, if one did."""
    (en_time, en_commit), (ko_time, _) = (last_commit(root, root / "docs" / lang / name) for lang in ("en", "ko"))
    return en_commit if en_time > ko_time else None


def staleness(root: Path) -> list[tuple[str, str | None]]:
    """(page name, the English commit the Korean page is older than, or None)."""
    return [(english.name, english_change(root, english.name)) for english in page_paths(root, "en")]


def main(root: Path) -> int:
    rows = staleness(root)
    outdated = [f"- {name}: CUDA output {n + 1}\n" for name, _ in rows for n, c in enumerate(recorded(root, name)[1]) if c]
    print("| page | Korean translation |\n| --- | --- |")
    print("".join(f"| {name} | {f'older than English (changed in {c})' if c else 'up to date'} |\n" for name, c in rows))
    print(f"{sum(1 for _, c in rows if c)} of {len(rows)} Korean pages are older than their English page.")
    print(f"\n{len(outdated)} CUDA output(s) recorded for an earlier version of the code (`bash .ci/gpu --offline --record`).")
    print("".join(outdated), end="")
    return 0

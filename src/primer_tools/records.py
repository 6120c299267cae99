"""What changed since outputs were recorded and pages translated (``python -m primer_tools stale``).

* ``RECORD`` keeps, per page, where its CUDA outputs were recorded (``python -m primer_tools
  record``) and a hash of the code each one ran; an output is outdated once that code has
  changed.
* A Korean page is stale when a commit changed its English page's prose, and the Korean
  page's last prose change does not follow that commit in git history (``english_change``).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

from .pages import Page, load_page, page_paths, parse_blocks

# per page: where its CUDA outputs were recorded, and "code": their hashes
RECORD = "docs/cuda-outputs.json"


def code_hashes(page: Page, root: Path, device: str = "cuda") -> list[str]:
    """A hash per ``device`` output of the code that printed it: the blocks up to its own, the
    scripts they run."""
    ran, hashes = hashlib.sha256(), []
    for step in page.steps(device):
        ran.update((step.block.code or step.block.raw).encode())
        for word in step.block.raw.split():
            if word.endswith(".py"):
                ran.update((root / word).read_bytes())
        for output in step.outputs:
            if output.device == device:
                hashes.append(ran.hexdigest()[:16])
    return hashes


def page_record(root: Path, name: str) -> dict | None:
    """Where the CUDA outputs of a page were recorded (docs/cuda-outputs.json), if they were."""
    path = root / RECORD
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8")).get(name)


def recorded(root: Path, name: str) -> tuple[dict | None, list[bool]]:
    """The record of a page's CUDA outputs (None without one), and whether each one's code
    changed since."""
    entry = page_record(root, name)
    if entry is None:
        return None, []
    now = code_hashes(load_page(root / "docs" / "en" / name, root), root)
    return entry, [a != b for a, b in zip(now, entry["code"], strict=False)]


def git(root: Path, *args: str) -> str:
    """What a git command prints in ``root``; empty where it fails (a file that a commit
    lacks, the parent of the first commit, history cut off by a shallow clone)."""
    proc = subprocess.run(["git", *args], cwd=root, capture_output=True, encoding="utf-8")
    if proc.returncode != 0:
        return ""
    return proc.stdout


def prose(text: str) -> list[str]:
    """The words of a page outside its output blocks: what a translator translates.

    ``sync`` rewrites, adds and drops output blocks in both languages in one commit, so those
    changes never make a translation older; neither do spacing and line breaks."""
    page = Page(Path("page.md"), text, parse_blocks(text))
    kept, position = [], 0
    for step in page.steps():
        for output in step.outputs:
            kept.append(text[position : output.start])
            position = output.end
    kept.append(text[position:])
    return "".join(kept).split()


def prose_changes(root: Path, path: str, *revisions: str) -> Iterator[str]:
    """The commits among ``revisions`` (git log's syntax; HEAD's history if none) that changed
    the prose of ``path``, newest first, as short hashes. Each is found as it is asked for:
    a caller that needs the newest reads only as far back as that."""
    for commit in git(root, "log", "--format=%h", *revisions, "--", path).split():
        before = git(root, "show", f"{commit}^:{path}")
        after = git(root, "show", f"{commit}:{path}")
        if before != after and prose(before) != prose(after):
            yield commit


def english_change(root: Path, name: str) -> str | None:
    """The newest commit that changed the English page's prose and that the Korean page's last
    prose change does not follow (the English commit is not among its ancestors); None if the
    translation follows every English prose change. Ancestry decides, never dates, and a
    commit that changes only output blocks (what ``sync`` writes) changes no prose."""
    translated = next(prose_changes(root, f"docs/ko/{name}"), None)
    not_followed = "HEAD"
    if translated is not None:
        not_followed = f"{translated}..HEAD"
    return next(prose_changes(root, f"docs/en/{name}", not_followed), None)


def staleness(root: Path) -> list[tuple[str, str | None]]:
    """(page name, the English prose change its Korean page does not follow, or None)."""
    return [(page.name, english_change(root, page.name)) for page in page_paths(root, "en")]


def main(root: Path) -> int:
    rows = staleness(root)
    print("| page | Korean translation |\n| --- | --- |")
    for name, behind in rows:
        if behind:
            print(f"| {name} | behind the English prose (changed in {behind}) |")
        else:
            print(f"| {name} | up to date |")
    behind_count = sum(1 for _, behind in rows if behind)
    print(f"\n{behind_count} of {len(rows)} Korean pages are behind their English page's prose.")
    outdated = []
    for name, _ in rows:
        for number, changed in enumerate(recorded(root, name)[1], start=1):
            if changed:
                outdated.append(f"- {name}: CUDA output {number}")
    print(
        f"\n{len(outdated)} CUDA output(s) recorded for an earlier version of the code "
        "(record them again: python -m primer_tools record OUTDIR)."
    )
    for line in outdated:
        print(line)
    return 0

"""The record of a verification run, and the line each published page shows from it.

    python -m primer_tools stamp --runner cpu --out verification-cpu.json

CI writes the record after the suite passed; the publishing build reads the records
named in PRIMER_VERIFICATION (comma-separated) and stamps every page with them.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
from pathlib import Path

TEMPLATES = {  # the sentence, one run, the separator between runs
    "en": ("Code and outputs on this page were last verified with PyTorch {torch}: {runs}.", "on {device} on {date} (commit {commit})", "; "),  # noqa: E501
    "ko": ("이 페이지의 코드와 출력은 PyTorch {torch}로 마지막으로 검증했습니다: {runs}.", "{date}에 {device}에서(커밋 {commit})", ", "),  # noqa: E501
}  # fmt: skip


def make_record(runner: str) -> dict:
    import torch

    gpu = runner == "gpu" and torch.cuda.is_available()
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).date().isoformat(),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "runner": runner,
        "device": torch.cuda.get_device_name() if gpu else "CPU",
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip(),
    } | ({"cuda": torch.version.cuda} if gpu else {})


def write_record(runner: str, out: str) -> int:
    text = json.dumps(make_record(runner), indent=2) + "\n"
    Path(out).write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


def load_records() -> list[dict]:
    names = [n.strip() for n in os.environ.get("PRIMER_VERIFICATION", "").split(",") if n.strip()]
    return [json.loads(Path(n).read_text(encoding="utf-8")) for n in names]


def stamp_line(records: list[dict], language: str) -> str:
    """One sentence naming each run (CPU, and the GPU where the GPU job ran)."""
    sentence, run, separator = TEMPLATES.get(language, TEMPLATES["en"])
    return sentence.format(torch=records[0]["torch"], runs=separator.join(run.format(**r) for r in records)) if records else ""

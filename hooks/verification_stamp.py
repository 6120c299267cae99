"""Stamp each chapter with the PyTorch build and commit its code and outputs were verified with:
only the publishing build sets PRIMER_VERIFIED (ci.yml's build job runs after the suite passed on
that commit). CUDA tabs: cuda_outputs.py."""

import datetime
import functools
import os
import subprocess
from importlib.metadata import version

from primer_tools.strings import ui_text


@functools.cache
def verified() -> dict:
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return {
        "torch": version("torch"),
        "date": datetime.date.today().isoformat(),
        "commit": git.stdout.strip(),
    }


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not os.environ.get("PRIMER_VERIFIED") or "--8<--" not in markdown:
        return markdown
    words = ui_text(config.theme.get("language", "en"))
    line = words["verified_on"].format(**verified())
    return (
        markdown + f'\n\n<p class="primer-verified" markdown>:material-check-decagram: {line}</p>\n'
    )

"""The sentences that the site's hooks and the notebook generator write into pages and notebooks,
read from strings.yml: a translator finds every one of them, in every language, in that file."""

import functools
from pathlib import Path

import yaml

from .pages import LANGUAGES


@functools.cache
def ui_text(language: str) -> dict[str, str]:
    """Every sentence in ``language``, by its name in strings.yml. A name that lacks one of the
    languages stops the build here, rather than a page showing a sentence in the wrong language."""
    table = yaml.safe_load((Path(__file__).parent / "strings.yml").read_text(encoding="utf-8"))
    incomplete = [name for name, texts in table.items() if sorted(texts) != sorted(LANGUAGES)]
    if incomplete:
        raise ValueError(f"src/primer_tools/strings.yml: give {incomplete} a text in {LANGUAGES}")
    return {name: texts[language] for name, texts in table.items()}

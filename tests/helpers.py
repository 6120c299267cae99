from pathlib import Path  # the repository and its pages, for the tests

from primer_tools.pages import LANGUAGES, page_paths

ROOT = Path(__file__).resolve().parents[1]


def all_pages() -> list[Path]:
    return [p for lang in LANGUAGES for p in page_paths(ROOT, lang)]


def page_id(path: Path) -> str:
    return str(path.relative_to(ROOT / "docs"))

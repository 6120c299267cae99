"""What several test files use: the repository's paths, its pages, loading a file that is not
in a package, and a notebook copy to run."""

import importlib.util
from pathlib import Path
from types import ModuleType

import nbformat

from primer_tools.pages import LANGUAGES, page_paths
from primer_tools.pytest_plugin import NOTEBOOK_STARTUP

ROOT = Path(__file__).resolve().parents[1]


def all_pages() -> list[Path]:
    return [p for lang in LANGUAGES for p in page_paths(ROOT, lang)]


def page_id(path: Path) -> str:
    return str(path.relative_to(ROOT / "docs"))


def load_file(path: Path, name: str | None = None) -> ModuleType:
    """Import a Python file that no package holds (a build hook, a script, an example) as a
    module called ``name``, by default the file's stem. Each call runs the file afresh."""
    spec = importlib.util.spec_from_file_location(name or path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def notebook_copy(notebook: Path, folder: Path) -> Path:
    """Copy ``notebook`` into ``folder``, with the suite's notebook start-up code as its first
    cell (primer_tools.pytest_plugin): it runs from an empty folder, and a failing `!` command
    fails it. Return the copy's path."""
    copy = nbformat.read(notebook, 4)
    startup = NOTEBOOK_STARTUP.read_text(encoding="utf-8")
    copy.cells.insert(0, nbformat.v4.new_code_cell(startup))
    nbformat.write(copy, folder / notebook.name)
    return folder / notebook.name

"""A translator's edit made in the browser ("Edit this page"): one Korean sentence changes, and
nothing else does; no command runs, no notebook is made again. In a copy of the tree, the
checks a prose edit could fail pass on it, and what the publishing build runs before it
builds puts the new sentence in the notebook (CONTRIBUTING.md, "Notebooks follow
the pages when the site is published")."""

import os
import re
import shutil
import subprocess
import sys

import nbformat

from helpers import ROOT

PAGE = "02-tensors.md"
NEW_SENTENCE = "번역자가 브라우저에서 이 문장을 고쳤습니다."
# The pull request's checks that hold a Korean page to its English page, the glossary, the page
# rules, CommonMark and its notebook: those a prose edit could fail. The site build and the
# browser tests read Korean pages too (minutes; a sentence fails them only by a broken link).
# Run with the suite's options but without nbmake, which runs the notebooks' code.
CHECKS = [
    "tests/test_notebooks.py",
    "tests/test_parity.py",
    "tests/test_glossary.py",
    "tests/test_page_rules.py",
    "tests/test_commonmark.py",
]
# What the publishing build runs before `mkdocs build` (.github/workflows/ci.yml, build-site),
# here for the edited page only.
PUBLISH = [sys.executable, "-m", "primer_tools", "sync", "--only", "notebooks", f"docs/ko/{PAGE}"]


def copy_of_the_tree(target):
    """The files git tracks (and new files it does not ignore), as the working tree has them."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    for name in listed.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)


def add_a_sentence(text):
    """The page with one sentence added after the first sentence that ends inside a paragraph
    line (outside code, headings and boxes): the kind of fix a translator makes in the browser."""
    lines, inside_fence = text.splitlines(keepends=True), False
    for number, line in enumerate(lines):
        if line.lstrip().startswith("```"):
            inside_fence = not inside_fence
        elif not inside_fence and re.match(r"[가-힣]", line) and "니다. " in line:
            lines[number] = line.replace("니다. ", f"니다. {NEW_SENTENCE} ", 1)
            return "".join(lines)
    raise AssertionError(f"docs/ko/{PAGE} has no paragraph line with a sentence ending inside it")


def test_one_korean_sentence_changed_in_the_browser_passes_the_checks_and_reaches_the_notebook(
    tmp_path,
):
    copy_of_the_tree(tmp_path)
    page = tmp_path / "docs" / "ko" / PAGE
    page.write_text(add_a_sentence(page.read_text(encoding="utf-8")), encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}

    options = ["-p", "no:nbmake", "-p", "no:cacheprovider", "-o", "addopts=", "-q"]
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", *options, *CHECKS],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=environment,
    )
    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-2000:]

    notebook = tmp_path / "docs" / "ko" / "notebooks" / PAGE.replace(".md", ".ipynb")
    assert NEW_SENTENCE not in notebook.read_text(encoding="utf-8"), "the edit is the page's only"
    publish = subprocess.run(PUBLISH, cwd=tmp_path, capture_output=True, text=True, env=environment)
    assert publish.returncode == 0, publish.stdout + publish.stderr
    cells = nbformat.read(notebook, 4).cells
    prose = [cell.source for cell in cells if cell.cell_type == "markdown"]
    assert any(NEW_SENTENCE in source for source in prose), "the published notebook has it"

"""The checks go red when a page and its code disagree, or a docstring and what its example prints
(run on copies, never on docs/ or src/)."""

import shutil
import subprocess
import sys

import pytest

from helpers import ROOT
from primer_tools.outputs import check_page, describe_mismatch
from primer_tools.pages import load_page


@pytest.fixture
def copy_of_repo(tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "docs/en").mkdir(parents=True)
    shutil.copy(ROOT / "docs/en/02-tensors.md", tmp_path / "docs/en/02-tensors.md")
    return tmp_path


def mismatches(root):
    page = load_page(root / "docs/en/02-tensors.md", root)
    return [describe_mismatch(page, r, root) for r in check_page(page, root)[0] if not r.matches()]


def test_unchanged_copy_passes(copy_of_repo):
    assert mismatches(copy_of_repo) == []


def test_a_changed_digit_in_an_output_block_fails(copy_of_repo):
    page = copy_of_repo / "docs/en/02-tensors.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("[32, 77]]", "[32, 78]]", 1), encoding="utf-8"
    )
    [problem] = mismatches(copy_of_repo)
    assert (
        "-        [32, 78]])" in problem
        and "+        [32, 77]])" in problem
        and "primer_tools sync" in problem
    )


def test_a_changed_digit_in_an_example_fails(copy_of_repo):
    example = copy_of_repo / "examples/02_tensors/operations.py"
    example.write_text(
        example.read_text(encoding="utf-8").replace("[4, 5, 6]", "[4, 5, 7]"), encoding="utf-8"
    )
    problems = mismatches(copy_of_repo)
    assert problems and all("differs from what the code prints" in p for p in problems)


def test_a_block_that_prints_without_an_output_block_fails(copy_of_repo):
    page = copy_of_repo / "docs/en/02-tensors.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("```text", text.index("operations.py:shape"))
    end = text.index("```\n", start + 7) + 4
    page.write_text(text[:start] + text[end:], encoding="utf-8")
    [problem] = mismatches(copy_of_repo)
    assert "prints output that the page does not show" in problem


@pytest.fixture
def copy_of_package(tmp_path):
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "src/pytorch_primer", tmp_path / "pytorch_primer", ignore=ignore)
    return tmp_path


def doctest_failures(root):
    """Run the copy's docstring examples as the suite does (--doctest-modules), from its folder."""
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts="]
    command += ["--rootdir", str(root), "--doctest-modules", "pytorch_primer"]
    proc = subprocess.run(command, cwd=root, capture_output=True, text=True)
    printed = proc.stdout + proc.stderr
    assert proc.returncode in (0, 1), f"pytest could not run the doctests:\n{printed}"
    return proc.stdout if proc.returncode else ""


def test_a_changed_digit_in_a_docstring_example_fails(copy_of_package):
    models = copy_of_package / "pytorch_primer/models.py"
    text = models.read_text(encoding="utf-8")
    models.write_text(text.replace("torch.Size([5, 3])", "torch.Size([5, 4])", 1), encoding="utf-8")
    failures = doctest_failures(copy_of_package)
    assert "Expected:\n    torch.Size([5, 4])\nGot:\n    torch.Size([5, 3])" in failures
    assert "1 failed" in failures, "the other examples of the copy should pass"

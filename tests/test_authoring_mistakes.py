"""Every authoring mistake gets one clear error: the file and line, what is wrong, and the edit or
command that fixes it, never a traceback. Each case plants one mistake in a copy of the tree
(never in docs/ or examples/) and checks the message. Every house rule (primer_tools.rules.RULES)
must catch at least one planted mistake, so a rule that can no longer fire is noticed."""

import re
import shutil
from pathlib import Path

import pytest

from helpers import ROOT
from primer_tools import rules
from primer_tools.__main__ import main
from primer_tools.outputs import check_page, describe_mismatch, figure_problem
from primer_tools.pages import load_page

EN, KO = "docs/en/02-tensors.md", "docs/ko/02-tensors.md"
EXAMPLE = "examples/02_tensors/creating.py"
LOOSE_OUTPUT = "\nA sentence.\n\n```text\nnothing checks this\n```\n"


@pytest.fixture
def tree(tmp_path):
    """A copy of what the checks read."""
    for name in ("mkdocs.yml", "pyproject.toml", "docs", "examples", "src/pytorch_primer"):
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(ROOT / name, tmp_path / name, ignore=ignore)
        else:
            shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace the first ``old`` in the copy's file ``name`` with ``new``."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} no longer has {old!r}: plant the mistake elsewhere"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(root: Path, name: str, text: str) -> None:
    with (root / name).open("a", encoding="utf-8") as file:
        file.write(text)


def remove_korean_page(root):
    (root / KO).unlink()


def add_a_stray_figure(root):
    (root / "docs/assets/figures/stray.svg").write_text("<svg/>", encoding="utf-8")


def add_a_folder_without_a_chapter(root):
    (root / "examples/99_orphan").mkdir()


def add_a_notebook_without_a_page(root):
    shutil.copy(
        root / "docs/en/notebooks/02-tensors.ipynb", root / "docs/en/notebooks/99-old.ipynb"
    )


# mistake: (how to plant it, the rule that must catch it, what its message must say)
RULE_MISTAKES = {
    "a Korean page missing for an English one": (
        remove_korean_page,
        "korean_pages_match_english",
        rf"^{KO}: is missing: copy {EN} and translate it",
    ),
    "a Korean output block edited by hand": (
        lambda root: edit(root, KO, "[32, 77]]", "[32, 78]]"),
        "korean_blocks_match_english",
        rf"^{KO}:\d+: line 2 of this ```text block is .* copy the block from the English page",
    ),
    "a glossary term without its gloss": (
        lambda root: edit(root, KO, "텐서(tensor)는", "텐서는"),
        "korean_prose_follows_the_glossary",
        rf"^{KO}:16: `텐서` is never glossed: write `텐서\(tensor\)` here",
    ),
    "a form the glossary avoids": (
        lambda root: append(root, KO, "\n그래디언트를 구합니다.\n"),
        "korean_prose_follows_the_glossary",
        rf"^{KO}:\d+: `그래디언트` is a form the glossary avoids; write `변화도`",
    ),
    "Python written on a page": (
        lambda root: edit(root, EN, f'--8<-- "{EXAMPLE}:', 'x = 1  # "'),
        "python_comes_from_examples",
        rf"^{EN}:\d+: a ```python block holds code written on the page \('x = 1",
    ),
    "a chapter without its exercises": (
        lambda root: edit(root, EN, "## Exercises", "## Practice"),
        "chapters_have_their_shape",
        rf"^{EN}: end with a `## Exercises` section",
    ),
    "an output block nothing checks": (
        lambda root: append(root, EN, LOOSE_OUTPUT),
        "output_blocks_follow_code",
        rf"^{EN}:\d+: this ```text block follows no python or console block",
    ),
    "a second output block after the same code": (
        lambda root: edit(
            root, EN, "        [32, 77]])\n```\n", "        [32, 77]])\n```\n\n```text\nx\n```\n"
        ),
        "output_blocks_follow_code",
        rf"^{EN}:\d+: this ```text block is a second output of the block at line \d+",
    ),
    "an unknown output mark": (
        lambda root: edit(root, "docs/en/09-gpus-and-devices.md", "output: cuda", "output: gpu"),
        "output_marks_are_known",
        r"^docs/en/09-gpus-and-devices\.md:\d+: unknown output flag 'gpu': the flags are",
    ),
    "an output mark the tools cannot read": (
        lambda root: edit(root, "docs/en/09-gpus-and-devices.md", "output: cuda", "output cuda"),
        "output_marks_are_known",
        r"^docs/en/09-gpus-and-devices\.md:\d+: this output mark is not read",
    ),
    "a CPU output without its CUDA twin": (
        lambda root: edit(root, "docs/en/09-gpus-and-devices.md", "output: cuda", "output: cpu"),
        "device_outputs_come_in_pairs",
        r"^docs/en/09-gpus-and-devices\.md:\d+: device-marked outputs \['cpu', 'cpu'\]",
    ),
    "a script listing no command runs": (
        lambda root: append(root, EN, f'\n```python\n--8<-- "{EXAMPLE}"\n```\n'),
        "listings_are_run_on_their_page",
        rf"^{EN}:\d+: shows {EXAMPLE} whole, but no console or bash block on the page runs it",
    ),
    "a figure no page shows": (
        add_a_stray_figure,
        "figures_are_shown_by_a_page",
        r"^docs/assets/figures/stray\.svg: no page shows this figure",
    ),
    "a section shown on no page": (
        lambda root: append(root, EXAMPLE, "# --8<-- [start:unused]\n# --8<-- [end:unused]\n"),
        "every_section_is_shown",
        rf"^{EXAMPLE}:\d+: no page shows section `unused`: include it with",
    ),
    "a section that never ends": (
        lambda root: append(root, EXAMPLE, "# --8<-- [start:open]\n"),
        "every_section_is_shown",
        rf"^{EXAMPLE}:\d+: section `open` never ends: add `# --8<-- \[end:open\]`",
    ),
    "an example folder without a chapter": (
        add_a_folder_without_a_chapter,
        "example_folders_have_a_chapter",
        r"^examples/99_orphan: no chapter page has this number",
    ),
    "a chapter left out of the nav": (
        lambda root: edit(root, "mkdocs.yml", "  - 02-tensors.md\n", ""),
        "pages_are_in_the_nav",
        rf"^{EN}: is not in mkdocs.yml's nav: add the line `  - 02-tensors.md` there",
    ),
    "a chapter without its notebook link": (
        lambda root: edit(root, EN, "](notebooks/02-tensors.ipynb)", "]()"),
        "chapters_link_their_notebook",
        rf"^{EN}:8: does not link its notebook",
    ),
    "a notebook without a page": (
        add_a_notebook_without_a_page,
        "notebooks_have_a_page",
        r"^docs/en/notebooks/99-old\.ipynb: has no page docs/en/99-old\.md: delete it",
    ),
    "a notebook not regenerated": (
        lambda root: edit(root, EN, "[32, 77]]", "[32, 78]]"),
        "notebooks_match_their_pages",
        r"^docs/en/notebooks/02-tensors\.ipynb: code cell \d+ is not what docs/en/02-tensors\.md "
        r"makes: run `python -m primer_tools sync --only notebooks`",
    ),
    "a notebook embedding an old figure": (
        lambda root: edit(root, "docs/assets/figures/07-loss-curve.svg", "</svg>", "</svg>\n"),
        "notebooks_match_their_pages",
        r"^docs/en/notebooks/07-training-loop\.ipynb: figure \d+ is not what "
        r"docs/en/07-training-loop\.md makes: run `python -m primer_tools sync --only notebooks`",
    ),
}


@pytest.mark.parametrize("mistake", RULE_MISTAKES)
def test_house_rule_names_the_planted_mistake(mistake, tree):
    plant, rule, expected = RULE_MISTAKES[mistake]
    plant(tree)
    problems = "\n".join(str(problem) for problem in getattr(rules, rule)(tree))
    assert re.search(expected, problems, re.M), f"{rule} said:\n{problems}"


def test_every_house_rule_catches_a_planted_mistake():
    planted = {rule for _, rule, _ in RULE_MISTAKES.values()}
    unplanted = [rule.__name__ for rule in rules.RULES if rule.__name__ not in planted]
    assert not unplanted, f"plant a mistake for each of these rules: {unplanted}"


# mistake: (how to plant it, the command, what it must print)
COMMAND_MISTAKES = {
    "a mistyped page given to sync": (
        lambda root: None,
        ["sync", "docs/en/99-nope.md"],
        r"^docs/en/99-nope\.md: is not a chapter page: name one of docs/en/NN-topic\.md",
    ),
    "a near miss given to sync": (
        lambda root: None,
        ["sync", "docs/en/02-tensor.md"],
        r"^docs/en/02-tensor\.md: is not a chapter page: did you mean docs/en/02-tensors\.md\?",
    ),
    "a mistyped snippet section": (
        lambda root: edit(root, EN, 'zero-to-three-d"', 'zero-to-three-dd"'),
        ["check"],
        rf"^{EN}:\d+: {EXAMPLE} has no section `zero-to-three-dd` \(its sections are .*\)\. "
        r"Fix the name on this line",
    ),
    "a mistyped example file on a page": (
        lambda root: edit(root, EN, "02_tensors/creating.py", "02_tensors/create.py"),
        ["check"],
        rf"^{EN}:\d+: `examples/02_tensors/create\.py` does not exist: fix the path on this line",
    ),
    "an unchecked output block in both languages": (
        lambda root: [append(root, page, LOOSE_OUTPUT) for page in (EN, KO)],
        ["check"],
        rf"^{EN}:\d+: this ```text block follows no python or console block(.|\n)*"
        rf"^{KO}:\d+: this ```text block follows no python or console block",
    ),
}


@pytest.mark.parametrize("mistake", COMMAND_MISTAKES)
def test_command_stops_with_one_clear_error(mistake, tree, monkeypatch, capsys):
    plant, argv, expected = COMMAND_MISTAKES[mistake]
    plant(tree)
    monkeypatch.chdir(tree)
    assert main(argv) == 1, f"`python -m primer_tools {' '.join(argv)}` should fail"
    printed = capsys.readouterr()
    assert re.search(expected, printed.out + printed.err, re.M), printed.out + printed.err


PLANTED_CHAPTER = """\
# Planted

```python
--8<-- "examples/99_planted/hello.py:hello"
```

```text
hello
```
"""


def run_planted_chapter(root: Path, text: str):
    """A one-block chapter written into the copy, run as the page checks run it."""
    (root / "examples/99_planted").mkdir()
    code = '# --8<-- [start:hello]\nprint("hello")\n# --8<-- [end:hello]\n'
    (root / "examples/99_planted/hello.py").write_text(code, encoding="utf-8")
    (root / "docs/en/99-planted.md").write_text(text, encoding="utf-8")
    page = load_page(root / "docs/en/99-planted.md", root)
    results, drawn = check_page(page, root)
    return page, results, drawn


def test_an_output_block_edited_by_hand_is_named_with_its_fix(tree):
    page, [result], _ = run_planted_chapter(tree, PLANTED_CHAPTER.replace("hello\n`", "hallo\n`"))
    message = describe_mismatch(page, result, tree)
    assert message.startswith("docs/en/99-planted.md:3: the output block after block 1 (python")
    assert "-hallo\n+hello" in message and "run `python -m primer_tools sync`" in message


def test_a_figure_drawn_by_no_code_is_named_with_its_fix(tree):
    link = "\n![A figure](../assets/figures/99-nothing.svg)\n"
    page, _, drawn = run_planted_chapter(tree, PLANTED_CHAPTER + link)
    message = figure_problem(page, "99-nothing.svg", drawn, tree)
    assert message == (
        "docs/en/99-planted.md:11 shows assets/figures/99-nothing.svg, but its code does not "
        'write 99-nothing.svg: save it with `fig.savefig("99-nothing.svg")`, or remove the link'
    )

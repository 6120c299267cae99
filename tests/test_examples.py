"""Every example is a script a reader can run, and every section it offers is shown."""

from __future__ import annotations

import ast
import re
import sys

import pytest
import test_spawn

from helpers import ROOT, all_pages
from primer_tools.pages import load_page
from primer_tools.run import console_commands, run_command, runnable_argv

EXAMPLES = sorted(ROOT.glob("examples/*/*.py"))
SECTION = re.compile(r"#\s*--8<--\s*\[(start|end):([\w-]+)\]")
BLOCKS = [block for page in all_pages() for block in load_page(page, ROOT).blocks]
SHOWN_COMMANDS = [c for b in BLOCKS if b.lang == "console" for c in console_commands(b.raw)]
BASH_LINES = [line for b in BLOCKS if b.lang == "bash" for line in b.raw.splitlines()]


def shown_command(script) -> list[str]:
    """How the pages run the script (torchrun for DDP), or plain `python script`."""
    relative = str(script.relative_to(ROOT))
    for command in SHOWN_COMMANDS + [line.strip() for line in BASH_LINES]:
        if relative in command and command.startswith(("python ", "torchrun ")):
            return [str(ROOT / a) if a == relative else a for a in runnable_argv(command)]
    return [sys.executable, str(script)]


def run_by_a_console_block(script) -> bool:
    return any(str(script.relative_to(ROOT)) in command for command in SHOWN_COMMANDS)


def opens_an_english_page(script) -> bool:
    """Whether the script is the start of a page's check: its code is its sections alone
    (its docstring aside), and they open an English page in file order. Run as one script,
    that page runs this very code first, in a fresh interpreter."""
    text, relative = script.read_text(encoding="utf-8"), str(script.relative_to(ROOT))
    outside = re.sub(
        r"#\s*--8<--\s*\[start:([\w-]+)\].*?#\s*--8<--\s*\[end:\1\]", "", text, flags=re.S
    )
    if len(ast.parse(outside).body) > 1 or not ast.get_docstring(ast.parse(outside)):
        return False
    sections = [f"{relative}:{name}" for name in re.findall(r"\[start:([\w-]+)\]", text)]
    return any(targets[: len(sections)] == sections for targets in ENGLISH_PAGE_TARGETS)


ENGLISH_PAGE_TARGETS = [
    [
        t
        for step in load_page(path, ROOT).steps(langs=("python",))
        for t in step.block.snippet_targets
    ]
    for path in ROOT.glob("docs/en/*.md")
]


def run_whole_under_spawn(script) -> bool:
    """tests/test_spawn.py runs the script to the end (on Linux, with `spawn` forced)."""
    relative = str(script.relative_to(ROOT))
    return (
        script in test_spawn.SCRIPTS
        and relative not in test_spawn.LONG_RUNNING
        and not test_spawn.needs_torchrun(script)
    )


# On Linux the page checks (docs/en/*.md) run the scripts that a console block shows, and
# compare what they print, and the scripts that open a page; test_spawn.py runs those that
# start workers. Elsewhere (the macOS and Windows CI jobs) this test runs them all.
SCRIPTS = [
    s
    for s in EXAMPLES
    if sys.platform != "linux"
    or not (run_by_a_console_block(s) or opens_an_english_page(s) or run_whole_under_spawn(s))
]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_example_runs_as_a_script(script, tmp_path):
    command = shown_command(script)
    proc = run_command(command, tmp_path)
    assert proc.returncode == 0, f"`{' '.join(command)}` failed:\n{proc.stderr}"


def test_example_folders_match_chapter_numbers():
    chapters = {p.stem.split("-")[0] for p in (ROOT / "docs/en").glob("[0-9][0-9]-*.md")}
    folders = {p.name.split("_")[0] for p in (ROOT / "examples").iterdir() if p.is_dir()}
    assert folders <= chapters, (
        f"example folders without a chapter page: {sorted(folders - chapters)}"
    )


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_section_is_balanced_and_shown(script):
    text = script.read_text(encoding="utf-8")
    starts = [m[2] for m in SECTION.finditer(text) if m[1] == "start"]
    ends = [m[2] for m in SECTION.finditer(text) if m[1] == "end"]
    assert starts == ends, (
        f"{script.relative_to(ROOT)}: start/end markers do not pair up: {starts} vs {ends}"
    )
    shown = {target for block in BLOCKS for target in block.snippet_targets}
    relative = str(script.relative_to(ROOT))
    unused = [name for name in starts if f"{relative}:{name}" not in shown]
    if not starts:
        assert relative in shown or relative in "\n".join(SHOWN_COMMANDS + BASH_LINES), (
            f"{relative} has no sections, no page includes it whole and no page runs it"
        )
    assert not unused, (
        f"{relative}: sections no page shows: {unused} (show them or remove the markers)"
    )


def test_reader_code_never_imports_the_checking_machinery():
    """examples/ and src/pytorch_primer/ are what readers run: they must work without
    primer_tools."""
    reader_code = [*ROOT.glob("examples/**/*.py"), *ROOT.glob("src/pytorch_primer/**/*.py")]
    imports = re.compile(r"^\s*(from|import)\s+primer_tools\b", re.M)
    offenders = [
        str(p.relative_to(ROOT))
        for p in reader_code
        if imports.search(p.read_text(encoding="utf-8"))
    ]
    assert imports.search("x = 1\nfrom primer_tools.run import reader_env\n"), (
        "the check cannot see an import"
    )
    assert reader_code and not offenders, f"reader code imports primer_tools: {offenders}"

"""Every example is a script a reader can run, and every section it offers is shown."""

from __future__ import annotations

import functools
import re
import sys

import pytest

from helpers import ROOT, all_pages
from primer_tools.pages import load_page
from primer_tools.run import run_command, run_console, runnable_argv

EXAMPLES = sorted(ROOT.glob("examples/*/*.py"))
SECTION = re.compile(r"#\s*--8<--\s*\[(start|end):([\w-]+)\]")


@functools.cache
def page_blocks() -> tuple:
    """Every block of every page, in both languages (read once per test session)."""
    return tuple(block for page in all_pages() for block in load_page(page, ROOT).blocks)


def shown_commands() -> list[str]:
    return [
        line.removeprefix("$ ").strip()
        for block in page_blocks()
        if block.lang in ("console", "bash")
        for line in block.raw.splitlines()
    ]


def shown_command(script) -> list[str]:
    """How the pages run the script (torchrun for DDP), or plain `python script`."""
    relative = str(script.relative_to(ROOT))
    for command in shown_commands():
        if relative in command and command.startswith(("python ", "torchrun ")):
            return [str(ROOT / a) if a == relative else a for a in runnable_argv(command)]
    return [sys.executable, str(script)]


def console_block_running(script) -> str | None:
    """The console block that runs the script, if a page has one."""
    relative = str(script.relative_to(ROOT))
    return next((b.raw for b in page_blocks() if b.lang == "console" and relative in b.raw), None)


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_example_runs_as_a_script(script, tmp_path):
    block = console_block_running(script)
    if block is not None:  # the page check runs these very commands; share that run
        run_console(block, ROOT)  # raises, naming the command, if one fails
        return
    command = shown_command(script)
    returncode, _, stderr = run_command(command, tmp_path)
    assert returncode == 0, f"`{' '.join(command)}` failed:\n{stderr}"


def test_example_folders_match_chapter_numbers():
    chapters = {p.stem.split("-")[0] for p in (ROOT / "docs/en").glob("[0-9][0-9]-*.md")}
    folders = {p.name.split("_")[0] for p in (ROOT / "examples").iterdir() if p.is_dir()}
    assert folders <= chapters, f"example folders without a chapter page: {sorted(folders - chapters)}"


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_section_is_balanced_and_shown(script):
    text = script.read_text(encoding="utf-8")
    starts = [m[2] for m in SECTION.finditer(text) if m[1] == "start"]
    ends = [m[2] for m in SECTION.finditer(text) if m[1] == "end"]
    assert starts == ends, f"{script.relative_to(ROOT)}: start/end markers do not pair up: {starts} vs {ends}"
    shown = {target for block in page_blocks() for target in block.snippet_targets}
    commands = "\n".join(shown_commands())
    relative = str(script.relative_to(ROOT))
    unused = [name for name in starts if f"{relative}:{name}" not in shown]
    if not starts:
        assert relative in shown or relative in commands, (
            f"{relative} has no sections, no page includes it whole and no page runs it"
        )
    assert not unused, f"{relative}: sections no page shows: {unused} (show them or remove the markers)"

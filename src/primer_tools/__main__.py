"""Command line of the docs machinery.

python -m primer_tools sync [PAGE ...]   rewrite output blocks and figures from real runs, then
                                         notebooks
python -m primer_tools sync --only notebooks   only the notebooks, after a prose change (no code is
                                               run)
python -m primer_tools sync --only tabs  only this machine's device tabs (--only outputs: no
                                         figures, notebooks)
python -m primer_tools check             the rules that need no run (primer_tools.rules.RULES)
python -m primer_tools stale             Korean pages behind their English page's prose
python -m primer_tools record OUTDIR     on a GPU machine: record the CUDA outputs
                                         (primer_tools.record)
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from . import record, records
from .notebooks import notebook_path, write_notebook
from .outputs import check_page, rewrite_outputs, write_figures
from .pages import AuthoringError, Problem, chapter_paths, load_page, repo_root
from .rules import RULES
from .run import machine_device


def sync(paths: list[str], only: str | None = None) -> int:
    """Run each named chapter once (its English page; a Korean page's code is the same) and
    write what it printed and drew into both languages, then their notebooks. ``only``:
    "notebooks" (no code is run), "outputs" (no figures or notebooks), "tabs" (this machine's
    device tabs alone: what a GPU machine records, nothing the CPU decides)."""
    root, device = repo_root(), machine_device()
    named = {Path(p).resolve().name for p in paths}
    check_chapter_names(paths, root)
    for english in chapter_paths(root, "en"):
        if named and english.name not in named:
            continue
        page = load_page(english, root)
        if only == "tabs" and all(block.device != device for block in page.blocks):
            continue
        results, drawn = [], {}
        if only != "notebooks":
            results, drawn = check_page(page, root)
        if only is None:  # first, since the notebooks embed the figures
            for name in write_figures(page, drawn, root):
                print(f"figure written: docs/assets/figures/{name}")
        for path in (english, root / "docs" / "ko" / english.name):
            if path.exists():
                write_page(path, results, root, only)
    return 0


def write_page(path: Path, results: list, root: Path, only: str | None) -> None:
    """Write one page's outputs (from its English twin's run) and its notebook, as ``only`` says."""
    if only != "notebooks":
        if rewrite_outputs(load_page(path, root), results, root, tabs_only=only == "tabs"):
            print(f"outputs rewritten: {path.relative_to(root)}")
    if only in (None, "notebooks"):
        if write_notebook(path, root):
            print(f"notebook written: {notebook_path(path).relative_to(root)}")


def check_chapter_names(paths: list[str], root: Path) -> None:
    """Stop with one line if a page given to ``sync`` is not a chapter (a mistyped name)."""
    chapters = [path.name for path in chapter_paths(root, "en")]
    for path in paths:
        if Path(path).name in chapters:
            continue
        message = "is not a chapter page: name one of docs/en/NN-topic.md, or none for all"
        close = difflib.get_close_matches(Path(path).name, chapters, n=1)
        if close:
            message = f"is not a chapter page: did you mean docs/en/{close[0]}?"
        raise AuthoringError(str(Problem(path, 0, message)))


def check() -> int:
    """Run every rule that needs no run and print each problem on one line."""
    root = repo_root()
    problems = [problem for rule in RULES for problem in rule(root)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print(f"ok: the {len(RULES)} rules of primer_tools/rules.py hold")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m primer_tools",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    sync_parser = commands.add_parser(
        "sync", help="rewrite output blocks, figures and notebooks from real runs"
    )
    sync_parser.add_argument("pages", nargs="*")
    sync_parser.add_argument(
        "--only",
        choices=["notebooks", "outputs", "tabs"],
        help="write only these (see sync's docstring)",
    )
    commands.add_parser("check", help="the rules that need no run (primer_tools.rules)")
    commands.add_parser("stale", help="Korean pages behind their English page's prose (git log)")
    record_parser = commands.add_parser("record", help="record the CUDA outputs, check them, patch")
    record_parser.add_argument("outdir", type=Path, help="where outputs.patch and log.txt go")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except AuthoringError as error:
        print(error, file=sys.stderr)
        return 1


def run(args: argparse.Namespace) -> int:
    if args.command == "sync":
        return sync(args.pages, args.only)
    if args.command == "stale":
        return records.main(repo_root())
    if args.command == "record":
        return record.record(args.outdir.resolve())
    return check()


if __name__ == "__main__":
    sys.exit(main())

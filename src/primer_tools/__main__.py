"""Command line of the docs machinery.

python -m primer_tools sync [PAGE ...]   rewrite output blocks and figures from real runs, then
                                         notebooks
python -m primer_tools sync --only notebooks   only the notebooks, after a prose change (no code is
                                               run)
python -m primer_tools sync --only tabs  only this machine's device tabs (--only outputs: no
                                         figures, notebooks)
python -m primer_tools check             quick checks that run no code: parity, glossary, inline
                                         code
python -m primer_tools stale             Korean pages behind their English page's prose
python -m primer_tools record OUTDIR     on a GPU machine: record the CUDA outputs
                                         (primer_tools.record)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import glossary, record, records
from .notebooks import notebook_path, write_notebook
from .outputs import check_page, rewrite_outputs, write_figures
from .pages import LANGUAGES, chapter_paths, load_page, page_paths, repo_root
from .rules import chapter_shape_problems, inline_python_problems, parity_problems
from .run import machine_device


def sync(paths: list[str], only: str | None = None) -> int:
    """Run each named chapter once (its English page; a Korean page's code is the same) and
    write what it printed and drew into both languages, then their notebooks. ``only``:
    "notebooks" (no code is run), "outputs" (no figures or notebooks), "tabs" (this machine's
    device tabs alone: what a GPU machine records, nothing the CPU decides)."""
    root, device = repo_root(), machine_device()
    named = {Path(p).resolve().name for p in paths}
    for english in chapter_paths(root, "en"):
        page = load_page(english, root)
        if (named and english.name not in named) or (
            only == "tabs" and all(b.device != device for b in page.blocks)
        ):
            continue
        results, drawn = ([], {}) if only == "notebooks" else check_page(page, root)
        for path in (p for p in (english, root / "docs" / "ko" / english.name) if p.exists()):
            if only != "notebooks" and rewrite_outputs(
                load_page(path, root), results, root, only == "tabs"
            ):
                print(f"outputs rewritten: {path.relative_to(root)}")
            if only in (None, "notebooks") and write_notebook(path, root):
                print(f"notebook written: {notebook_path(path).relative_to(root)}")
        for name in write_figures(page, drawn, root) if only is None else []:
            print(f"figure written: docs/assets/figures/{name}")
    return 0


def check() -> int:
    root, terms = repo_root(), glossary.load_terms()
    problems = parity_problems(root)
    for page in (load_page(path, root) for lang in LANGUAGES for path in page_paths(root, lang)):
        problems += inline_python_problems(page, root) + chapter_shape_problems(page)
        if page.language == "ko":
            problems += glossary.avoided_forms(page, terms) + glossary.missing_first_use_gloss(
                page, terms
            )
    print("".join(f"{problem}\n" for problem in problems), end="")
    print(
        f"{len(problems)} problem(s)"
        if problems
        else "parity, glossary, code blocks and learning aids: ok"
    )
    return 1 if problems else 0


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
    commands.add_parser("check", help="parity, glossary and page rules (no code is run)")
    commands.add_parser("stale", help="Korean pages behind their English page's prose (git log)")
    record_parser = commands.add_parser("record", help="record the CUDA outputs, check them, patch")
    record_parser.add_argument("outdir", type=Path, help="where outputs.patch and log.txt go")
    args = parser.parse_args(argv)
    if args.command == "sync":
        return sync(args.pages, args.only)
    if args.command == "stale":
        return records.main(repo_root())
    if args.command == "record":
        return record.record(args.outdir.resolve())
    return check()


if __name__ == "__main__":
    sys.exit(main())

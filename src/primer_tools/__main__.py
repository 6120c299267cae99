"""Command line of the docs machinery.

python -m primer_tools sync [PAGE ...]   rewrite output blocks from real runs, then notebooks
python -m primer_tools check             quick checks that run no code: parity, glossary, inline code
python -m primer_tools measure [--no-suite | --chapters]  print timings and page weight (never asserted)
python -m primer_tools stale             Korean pages older than their English page
python -m primer_tools links SITE        check a built site's internal links and anchors
python -m primer_tools stamp --runner cpu|gpu --out FILE   record this verification run
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import glossary, parity
from .learning import learning_aid_problems
from .notebooks import chapter_pages, notebook_path, write_notebook
from .outputs import rewrite_outputs, write_figures
from .pages import LANGUAGES, load_page, page_paths, repo_root
from .rules import inline_python_problems


def sync(paths: list[str]) -> int:
    root = repo_root()
    pages = [Path(p).resolve() for p in paths] or [p for lang in LANGUAGES for p in page_paths(root, lang)]
    for path in pages:
        if rewrite_outputs(load_page(path, root), root):
            print(f"outputs rewritten: {path.relative_to(root)}")
        for name in write_figures(load_page(path, root), root):
            print(f"figure written: docs/assets/figures/{name}")
    chapters = {path for lang in LANGUAGES for path in chapter_pages(root, lang)}
    for path in sorted(chapters & set(pages)):  # only the pages named, when pages are named
        if write_notebook(path, root):
            print(f"notebook written: {notebook_path(path).relative_to(root)}")
    return 0


def check() -> int:
    root = repo_root()
    terms = glossary.load_terms()
    problems = parity.parity_problems(root)
    for lang in LANGUAGES:
        for path in page_paths(root, lang):
            page = load_page(path, root)
            problems += inline_python_problems(page, root) + learning_aid_problems(page)
            if lang == "ko":
                problems += glossary.avoided_forms(page, terms) + glossary.missing_first_use_gloss(page, terms)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "parity, glossary, code blocks and learning aids: ok")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m primer_tools", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    sync_parser = commands.add_parser("sync", help="rewrite output blocks and notebooks from real runs")
    sync_parser.add_argument("pages", nargs="*")
    commands.add_parser("check", help="parity, glossary and inline-code checks (no code is run)")
    measure_parser = commands.add_parser(
        "measure", help="print timings of the suite, the build and the examples, and page weight"
    )
    measure_parser.add_argument("--no-suite", action="store_true", help="do not run the whole test suite")
    measure_parser.add_argument(
        "--chapters", action="store_true", help="per chapter: blocks checked, page and notebook run times"
    )
    measure_parser.add_argument(
        "--steps", action="store_true", help="page verification also without forking and without sharing runs"
    )
    links_parser = commands.add_parser("links", help="check a built site's internal links and anchors")
    links_parser.add_argument("site")
    stamp_parser = commands.add_parser("stamp", help="write the record of this verification run")
    stamp_parser.add_argument("--runner", choices=["cpu", "gpu"], required=True)
    stamp_parser.add_argument("--out", required=True)
    commands.add_parser("stale", help="list Korean pages older than their English page (git history)")
    args = parser.parse_args(argv)
    if args.command == "stale":
        from .stale import main as stale

        return stale(repo_root())
    if args.command == "links":
        from .links import main as links

        return links(args.site)
    if args.command == "stamp":
        from .stamp import write_record

        return write_record(args.runner, args.out)
    if args.command == "measure":
        from .measure import main as measure

        return measure(run_suite=not args.no_suite, chapters=args.chapters, steps=args.steps)
    return sync(args.pages) if args.command == "sync" else check()


if __name__ == "__main__":
    sys.exit(main())

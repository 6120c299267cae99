"""Figures for authors, printed, never asserted: how long verification and the build
take, how fast a translator's re-check is, and what a reader's browser downloads.

    python -m primer_tools measure            # everything (runs the whole suite once)
    python -m primer_tools measure --no-suite # skip the full test suite
    python -m primer_tools measure --steps    # and page verification without each speed-up
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .pages import repo_root

_PAGES_ONE_PROCESS = r"""
import contextlib, io, json, os, sys, tempfile, time
start = time.perf_counter()
import torch
imported = time.perf_counter()
pages = json.loads(sys.stdin.read())
for blocks in pages:
    with tempfile.TemporaryDirectory() as workdir:
        os.chdir(workdir)
        namespace = {"__name__": "__main__"}
        with contextlib.redirect_stdout(io.StringIO()):
            for code in blocks:
                exec(compile(code, "<page>", "exec"), namespace)
done = time.perf_counter()
print(f"{imported - start:.2f} {done - imported:.2f}")
"""


def timed(argv: list[str], root: Path, **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=root, capture_output=True, text=True, **kwargs)
    return time.perf_counter() - start, proc


@contextlib.contextmanager
def _cold_cache():
    """An environment whose run cache starts empty: nothing from earlier runs is reused,
    but the processes of one run share what they compute, as in CI on a clean clone."""
    with tempfile.TemporaryDirectory(prefix="primer-cold-cache-") as folder:
        yield dict(os.environ, PRIMER_RUN_CACHE_DIR=folder, NO_MKDOCS_2_WARNING="1")


def _pytest(root: Path, args: list[str], env: dict[str, str]) -> tuple[float, str]:
    seconds, proc = timed([sys.executable, "-m", "pytest", "-q", *args], root, env=env)
    lines = proc.stdout.strip().splitlines()
    return seconds, (lines[-1] if lines else proc.stderr[-200:])


def measure_suite(root: Path) -> float:
    with _cold_cache() as env:
        seconds, summary = _pytest(root, ["-n", "auto"], env)
    print(f"full test suite (pytest -n auto):              {seconds:7.1f} s   [{summary}]")
    return seconds


VERIFICATION_STEPS = {
    "a new interpreter per run, nothing shared": {"PRIMER_FORK": "0", "PRIMER_RUN_CACHE": "0"},
    "forked runs, nothing shared between workers": {"PRIMER_RUN_CACHE": "0"},
    "forked runs, shared by both workers (default)": {},
}


def measure_page_verification(root: Path, steps: bool = False) -> float:
    """Every page's outputs in both languages, and the replay of every chapter; with
    ``steps``, also without the fork server and without sharing, to see what each gives."""
    pages = [str(p.relative_to(root)) for lang in ("en", "ko") for p in sorted((root / "docs" / lang).glob("*.md"))]
    names = list(VERIFICATION_STEPS) if steps else list(VERIFICATION_STEPS)[-1:]
    for name in names:
        with _cold_cache() as env:
            env.update(VERIFICATION_STEPS[name])
            seconds, summary = _pytest(root, ["-n", "auto", *pages, "tests/test_page_replay.py"], env)
        print(f"page outputs, en + ko, and replays: {seconds:7.1f} s   {name} [{summary}]")
    return seconds


def measure_floor(root: Path) -> float:
    """The floor: every page's code once, in one process that has imported torch once,
    and every console command (DDP, command-line scripts) once."""
    from .notebooks import chapter_pages
    from .pages import load_page
    from .run import console_commands, runnable_argv

    pages = [load_page(path, root) for path in chapter_pages(root, "en")]
    code = [[s.block.code for s in page.steps("python") if not s.block.is_listing] for page in pages]
    seconds, proc = timed([sys.executable, "-c", _PAGES_ONE_PROCESS], root, input=json.dumps(code))
    if proc.returncode:
        raise SystemExit(proc.stderr)
    import_s, run_s = map(float, proc.stdout.split())
    commands = [c for page in pages for s in page.steps("console") for c in console_commands(s.block.raw)]
    with tempfile.TemporaryDirectory() as workdir:
        (Path(workdir) / "examples").symlink_to(root / "examples")
        start = time.perf_counter()
        for command in commands:
            subprocess.run(runnable_argv(command), cwd=workdir, capture_output=True, check=True)
        console_s = time.perf_counter() - start
    print(
        f"floor: every page's code once, one process:   {seconds:7.1f} s   "
        f"(import torch {import_s:.2f} s, {len(pages)} pages {run_s:.2f} s)"
    )
    print(f"floor: every console command once:            {console_s:7.1f} s   ({len(commands)} commands)")
    return seconds + console_s


def measure_build(root: Path, site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    seconds, proc = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], root, env=env)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    print(f"mkdocs build --strict (en + ko):               {seconds:7.1f} s")


def measure_translator(root: Path, page: str = "docs/ko/02-tensors.md") -> None:
    """A translator changed only Korean prose: the quick checks, then the page's tests."""
    seconds, _ = timed([sys.executable, "-m", "primer_tools", "check"], root)
    print(f"translator: python -m primer_tools check:     {seconds:7.1f} s")
    with _cold_cache() as env:
        cold, summary = _pytest(root, ["-n", "0", page], env)
    print(f"translator: pytest -n 0 {page}, no cache: {cold:5.1f} s   [{summary}]")
    _pytest(root, ["-n", "0", page], dict(os.environ))  # fills the cache if it was empty
    warm, summary = _pytest(root, ["-n", "0", page], dict(os.environ))
    print(f"translator: the same, outputs from the cache:   {warm:5.1f} s   [{summary}]")


def measure_page_weights(site: Path) -> None:
    from .weight import chromium, serve, weigh

    chapters = sorted(p.parent.name for p in site.glob("[0-9][0-9]-*/index.html"))
    groups = {
        "chapter pages": [f"/{lang}{name}/" for name in chapters for lang in ("", "ko/")],
        "notebook pages": [f"/{lang}notebooks/{name}/" for name in chapters for lang in ("", "ko/")],
    }
    with serve(site) as base_url, chromium() as browser:
        for title, paths in groups.items():
            print(f"\n{title}: first visit, served gzip-compressed as GitHub Pages does; KB = 1000 bytes")
            print(f"{'page':38} {'no search':>10} {'search':>8} {'document':>9} {'unzipped':>9} {'1st paint':>10}")
            for path in paths:
                w = weigh(browser, site, base_url, path)
                print(
                    f"{path:38} {w.without_search / 1000:8.0f} KB {w.by_kind['search'] / 1000:5.0f} KB "
                    f"{w.by_kind['document'] / 1000:6.0f} KB {w.uncompressed / 1000:6.0f} KB {w.first_paint_ms:7.0f} ms"
                )


def measure_chapters(root: Path) -> None:
    """Per chapter: blocks checked in each language, the page's run, its notebook's run."""
    import nbclient
    import nbformat

    from .notebooks import chapter_pages, notebook_path
    from .outputs import check_page
    from .pages import load_page
    from .run import _cache, _console_cache

    print("chapter                     blocks en/ko   page run   notebook run")
    for path in chapter_pages(root, "en"):
        counts = []
        for lang in ("en", "ko"):
            page_path = root / "docs" / lang / path.name
            counts.append(len(check_page(load_page(page_path, root), root)) if page_path.exists() else 0)
            if lang == "en":
                _cache.clear()
                _console_cache.clear()
                start = time.perf_counter()
                check_page(load_page(page_path, root), root)
                page_seconds = time.perf_counter() - start
        notebook = nbformat.read(notebook_path(path), as_version=4)
        start = time.perf_counter()
        with tempfile.TemporaryDirectory() as workdir:
            nbclient.NotebookClient(notebook, timeout=600, resources={"metadata": {"path": workdir}}).execute()
        notebook_seconds = time.perf_counter() - start
        print(f"{path.stem:28} {counts[0]:5d}/{counts[1]:<5d} {page_seconds:8.2f} s {notebook_seconds:10.2f} s")


def main(run_suite: bool = True, chapters: bool = False, steps: bool = False) -> int:
    if chapters:
        measure_chapters(repo_root())
        return 0
    root = repo_root()
    print(f"{os.cpu_count()} CPU cores; the figures vary from run to run and machine to machine\n")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        suite = measure_suite(root) if run_suite else None
        verification = measure_page_verification(root, steps)
        floor = measure_floor(root)
        print(f"page verification / floor:                     {verification / floor:7.2f}x  (goal: 2x or less)")
        if run_suite:
            print(f"full suite / floor:                            {suite / floor:7.2f}x  (goal: suite under 300 s)")
        measure_build(root, site)
        measure_translator(root)
        measure_page_weights(site)
    return 0

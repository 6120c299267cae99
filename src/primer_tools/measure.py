"""Figures for authors, printed, never asserted: how long verification and the build
take, and what a reader's browser downloads.

    python -m primer_tools measure            # everything (runs the whole suite once)
    python -m primer_tools measure --no-suite # skip the full test suite
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from .pages import repo_root

_EXAMPLES_ONE_PROCESS = r"""
import contextlib, io, runpy, sys, time
start = time.perf_counter()
import torch
imported = time.perf_counter()
for path in sys.argv[1:]:
    with contextlib.redirect_stdout(io.StringIO()):
        runpy.run_path(path, run_name="__main__")
done = time.perf_counter()
print(f"{imported - start:.2f} {done - imported:.2f}")
"""


def timed(argv: list[str], root: Path, **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=root, capture_output=True, text=True, **kwargs)
    return time.perf_counter() - start, proc


def measure_suite(root: Path) -> None:
    seconds, proc = timed([sys.executable, "-m", "pytest", "-n", "auto", "-q", "-p", "no:randomly"], root)
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-200:]
    print(f"full test suite (pytest -n auto):         {seconds:7.1f} s   [{summary}]")


def measure_build(root: Path, site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    seconds, proc = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], root, env=env)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    print(f"mkdocs build --strict (en + ko):           {seconds:7.1f} s")


def measure_examples(root: Path, chapters: list[str]) -> None:
    scripts = [str(p) for chapter in chapters for p in sorted(root.glob(f"examples/{chapter}_*/*.py"))]
    seconds, proc = timed([sys.executable, "-c", _EXAMPLES_ONE_PROCESS, *scripts], root)
    import_s, run_s = map(float, proc.stdout.split())
    print(
        f"every example of chapters {', '.join(chapters)} in one process: {seconds:5.2f} s "
        f"(import torch {import_s:.2f} s, {len(scripts)} scripts {run_s:.2f} s)"
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure_page_bytes(site: Path, path: str) -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    sizes: Counter = Counter()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        for response in responses:
            kind = "search" if "search" in response.url or "lunr" in response.url else response.request.resource_type
            sizes[kind] += len(response.body())
        browser.close()
    server.shutdown()
    total = sum(sizes.values())
    parts = ", ".join(f"{kind} {size / 1024:.0f} KiB" for kind, size in sizes.most_common())
    print(
        f"bytes for {path} on first load:        {total / 1024:7.0f} KiB ({parts}); "
        f"without search {(total - sizes['search']) / 1024:.0f} KiB (served uncompressed)"
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


def main(run_suite: bool = True, chapters: bool = False) -> int:
    if chapters:
        measure_chapters(repo_root())
        return 0
    root = repo_root()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if run_suite:
            measure_suite(root)
        measure_build(root, site)
        measure_examples(root, ["01", "02"])
        measure_page_bytes(site, "/ko/02-tensors/")
    return 0

"""What a reader's browser downloads to show a page, measured in headless Chromium.

The site is served the way GitHub Pages serves it: text (HTML, CSS, JavaScript, JSON,
SVG) gzip-compressed when the browser asks for it. Each page is loaded in a fresh
browser context (empty cache, as on a first visit); the request log gives the bytes that
crossed the wire, and the browser's paint timing the time to first render.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    """Compressed once per file version: every page load fetches the same assets."""
    return gzip.compress(path.read_bytes(), mtime=0)


class PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types when the client accepts gzip."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        compress = "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSED_TYPES)
        if not path.is_file() or not compress:
            return super().send_head()  # redirects, 404s and binary files as they are
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@contextlib.contextmanager
def serve(site: Path):
    """The built site on a local port, served like GitHub Pages; yields its base URL."""
    handler = functools.partial(PagesLikeHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@dataclass
class PageWeight:
    path: str
    transferred: int  # bytes on the wire, headers included
    uncompressed: int  # bytes of the files themselves
    by_kind: Counter  # transferred bytes per resource kind; "search" apart
    first_paint_ms: float

    @property
    def without_search(self) -> int:
        return self.transferred - self.by_kind["search"]


def is_search(url: str) -> bool:
    return "search" in url or "lunr" in url


def _file_size(site: Path, base_url: str, url: str) -> int:
    """The size on disk of the site file a URL names (what the browser gets unzipped)."""
    relative = url.removeprefix(base_url).split("?")[0].split("#")[0].lstrip("/")
    file = site / relative
    if file.is_dir():
        file = file / "index.html"
    return file.stat().st_size if file.is_file() else 0


def weigh(browser, site: Path, base_url: str, path: str) -> PageWeight:
    """Load one page of ``site`` (served at ``base_url``) in a fresh context of a launched
    Playwright Chromium; its weight."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(base_url + path, wait_until="load")
    page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
    first_paint = page.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime")
    by_kind, uncompressed = Counter(), 0
    for request in requests:
        sizes = request.sizes()
        kind = "search" if is_search(request.url) else request.resource_type
        by_kind[kind] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        uncompressed += _file_size(site, base_url, request.url)
    context.close()
    return PageWeight(path, sum(by_kind.values()), uncompressed, by_kind, first_paint)


@contextlib.contextmanager
def chromium(executable: str = "/usr/bin/chromium"):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()

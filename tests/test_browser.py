"""The built site in a real browser: headless Chromium from Debian, driven by Playwright.

Under CI=true a missing browser fails the run; elsewhere the tests are skipped with
the reason. Screenshots go to $PRIMER_SCREENSHOTS when it is set, to look at them.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip


def _need_browser():
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "Playwright for Python is not installed"
    if not Path(CHROMIUM).exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install -y chromium fonts-noto-cjk)"
    if reason and os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the browser tests: {reason}")
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="module")
def site_url(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site[0]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def playwright():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright, tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 1280, "height": 900},
        locale="ko-KR",
    )
    yield context
    context.close()


@pytest.fixture
def page(browser, site_url):
    """A tab that records every request and console error."""
    tab = browser.new_page()
    tab.requests, tab.errors = [], []
    tab.on("request", lambda r: tab.requests.append(r.url))
    tab.on(
        "console", lambda m: m.type == "error" and not m.text.startswith("Failed to load resource") and tab.errors.append(m.text)
    )
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("response", lambda r: r.status >= 400 and tab.errors.append(f"{r.status} {r.url}"))
    yield tab
    host = urlparse(site_url).netloc
    foreign = [u for u in tab.requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != host]
    tab.close()
    assert not foreign, f"requests left 127.0.0.1: {foreign}"
    assert not tab.errors, f"console errors: {tab.errors}"


def screenshot(tab, name):
    folder = os.environ.get("PRIMER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(folder) / name), full_page=False)


def test_korean_page_renders_hangul_with_a_cjk_font(page, site_url):
    page.goto(f"{site_url}/ko/02-tensors/")
    heading = page.locator("article h1")
    assert heading.inner_text().rstrip("¶") == "텐서"
    font_ok = page.evaluate("document.fonts.check('16px \"Noto Sans CJK KR\"', '텐서')")
    width = page.evaluate("""() => {
        const s = document.createElement('span'); s.textContent = '텐서텐서텐서';
        document.querySelector('article').appendChild(s); return s.getBoundingClientRect().width; }""")
    assert font_ok and width > 40, "Hangul did not get a font (is fonts-noto-cjk installed?)"
    screenshot(page, "ko-02-tensors.png")


def test_language_switcher_goes_to_the_same_page(page, site_url):
    page.goto(f"{site_url}/ko/02-tensors/")
    page.locator(".md-select").first.hover()
    page.locator('a[hreflang="en"]').first.click()
    page.wait_for_url(f"{site_url}/02-tensors/")
    assert page.locator("article h1").inner_text().rstrip("¶") == "Tensors"
    page.locator(".md-select").first.hover()
    page.locator('a[hreflang="ko"]').first.click()
    page.wait_for_url(f"{site_url}/ko/02-tensors/")


@pytest.mark.parametrize("query", ["텐서", "컨테이너"])  # the page writes only 컨테이너입니다: prefix match
def test_korean_search_finds_the_tensors_page_in_korean_only(page, site_url, query):
    page.goto(f"{site_url}/ko/")
    box = page.locator("input.md-search__input")
    box.click()
    page.keyboard.type(query)
    page.keyboard.press("End")  # Hangul typed by Playwright sends no key-up; Material listens for one
    results = page.locator(".md-search-result__link")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("/ko/02-tensors/" in h for h in hrefs), hrefs
    assert all("/ko/" in h for h in hrefs), f"English pages in Korean results: {hrefs}"
    screenshot(page, f"ko-search-{query}.png")


def test_copy_button_copies_the_code_a_reader_sees(page, site_url, browser):
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(f"{site_url}/02-tensors/")
    buttons = page.locator('button.md-code__button[data-md-type="copy"]')
    buttons.first.wait_for()
    assert buttons.count() >= 20
    buttons.first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("import torch") and "set_printoptions(precision=4, sci_mode=False)" in copied


def test_notebook_page_renders_its_cells(page, site_url):
    page.goto(f"{site_url}/ko/notebooks/02-tensors/")
    assert page.locator(".jp-CodeCell").count() >= 15
    assert "tensor([[14, 32]," in page.locator(".jp-OutputArea-output").all_inner_texts().__str__()
    screenshot(page, "ko-notebook-02-tensors.png")

"""The built site in a real browser: headless Chromium from Debian, driven by Playwright.

Under CI=true a missing browser fails the run; elsewhere the tests are skipped with
the reason. Screenshots go to $PRIMER_SCREENSHOTS when it is set, to look at them.
Accessibility is checked with axe-core, which .ci/run installs from the npm registry
into .ci/node (missing, it skips those tests, except under CI=true).
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

from helpers import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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
        "console",
        lambda m: (
            m.type == "error"
            and not m.text.startswith("Failed to load resource")
            and tab.errors.append(m.text)
        ),
    )
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("response", lambda r: r.status >= 400 and tab.errors.append(f"{r.status} {r.url}"))
    yield tab
    host = urlparse(site_url).netloc
    foreign = [
        u
        for u in tab.requests
        if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != host
    ]
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
        const s = document.createElement('span');
        s.textContent = '텐서텐서텐서';
        document.querySelector('article').appendChild(s);
        return s.getBoundingClientRect().width;
    }""")
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


@pytest.mark.parametrize(
    "query", ["텐서", "컨테이너"]
)  # the page writes only 컨테이너입니다: prefix match
def test_korean_search_finds_the_tensors_page_in_korean_only(page, site_url, query):
    page.goto(f"{site_url}/ko/")
    box = page.locator("input.md-search__input")
    box.click()
    page.keyboard.type(query)
    page.keyboard.press(
        "End"
    )  # Hangul typed by Playwright sends no key-up; Material listens for one
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
    assert (
        copied.startswith("import torch")
        and "set_printoptions(precision=4, sci_mode=False)" in copied
    )


def test_notebook_page_renders_its_cells(page, site_url):
    page.goto(f"{site_url}/ko/notebooks/02-tensors/")
    assert page.locator(".jp-CodeCell").count() >= 15
    assert "tensor([[14, 32]," in page.locator(".jp-OutputArea-output").all_inner_texts().__str__()
    screenshot(page, "ko-notebook-02-tensors.png")


AXE = ROOT / ".ci/node/node_modules/axe-core/axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = {"light": "default", "dark": "slate"}  # Material's names for the two palettes
LANGUAGE_PATHS = {"en": "", "ko": "ko/"}
# One page of each kind the site renders, in both languages. Every page takes its colours from
# the same stylesheets (Material's palette and docs/assets/primer.css), so a sample speaks for all.
AXE_PAGES = {
    "home": "",
    "chapter with a figure": "03-computation-graphs/",
    "chapter with tabs": "09-gpus-and-devices/",  # and admonitions, exercises, tooltips (ko)
    "glossary": "glossary/",
    "notebook": "notebooks/03-computation-graphs/",
}


def _need_axe():
    if AXE.exists():
        return
    reason = f"axe-core is not installed at {AXE.relative_to(ROOT)} (.ci/run installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the accessibility tests: {reason}")
    pytest.skip(reason)


def use_scheme(tab, scheme):
    """Material's palette toggle, clicked (Material remembers the choice). The click is sent to the
    toggle, not made with the mouse: a hovering mouse would leave the toggle's tooltip fading in."""
    if tab.evaluate("document.body.dataset.mdColorScheme") != SCHEMES[scheme]:
        tab.locator("form[data-md-component=palette] label:visible").dispatch_event("click")
    tab.wait_for_function(f"document.body.dataset.mdColorScheme === '{SCHEMES[scheme]}'")


def axe_problems(tab, where, context=None):
    """axe-core's WCAG 2.1 A and AA violations in the page (or in the elements ``context`` selects),
    one line per rule and one per element, the first few of each."""
    if not tab.evaluate("'axe' in window"):
        tab.add_script_tag(path=str(AXE))
    # colours fade when the scheme changes: measure them once the fading is over
    tab.evaluate("""Promise.all(document.getAnimations()
        .filter(a => a.effect.getComputedTiming().endTime !== Infinity)
        .map(a => a.finished.catch(() => null)))""")
    run = """([context, tags]) => axe.run(context || document,
        {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"""
    violations = tab.evaluate(run, [context, WCAG_21_AA])["violations"]
    problems = []
    for rule in violations:
        problems.append(f"{where}: {rule['id']}, {len(rule['nodes'])} elements: {rule['help']}")
        for node in rule["nodes"][:3]:
            summary = node["failureSummary"].splitlines()
            problems.append(f"    {' '.join(node['target'])}: {summary[-1].strip()}")
    return problems


@pytest.mark.parametrize("lang", LANGUAGE_PATHS)
@pytest.mark.parametrize("kind", AXE_PAGES)
def test_page_meets_wcag_21_aa_in_both_colour_schemes(page, site_url, kind, lang):
    _need_axe()
    url = f"{site_url}/{LANGUAGE_PATHS[lang]}{AXE_PAGES[kind]}"
    page.goto(url)
    # what a reader can open is checked open: every exercise's answer, the second tab of each
    # tab set, a glossary term's tooltip
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true })")
    problems = []
    for scheme in SCHEMES:
        use_scheme(page, scheme)
        term = page.locator("article abbr[title]")
        if term.count():
            term.first.hover()
            tooltip = "document.querySelector('.md-tooltip2--active')"
            page.wait_for_function(f"getComputedStyle({tooltip}).opacity === '1'")  # faded in
        problems += axe_problems(page, f"{url} ({scheme})")
        second_tabs = page.locator(".tabbed-labels > label:nth-child(2)")
        if second_tabs.count():
            second_tabs.first.click()  # linked tabs: every tab with that title opens
            where = f"{url}, second tabs ({scheme})"
            problems += axe_problems(page, where, ".tabbed-set")
            page.locator(".tabbed-labels > label:first-child").first.click()
        screenshot(page, f"a11y-{lang}-{AXE_PAGES[kind].strip('/').replace('/', '-')}-{scheme}.png")
    use_scheme(page, "light")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGE_PATHS)
def test_search_results_meet_wcag_21_aa_in_both_colour_schemes(page, site_url, lang):
    _need_axe()
    problems = []
    for scheme in SCHEMES:
        page.goto(f"{site_url}/{LANGUAGE_PATHS[lang]}")
        use_scheme(page, scheme)
        page.locator("input.md-search__input").click()
        page.keyboard.type("device")  # results with code previews
        page.locator(".md-search-result__link").first.wait_for(timeout=15000)
        where = f"search on /{LANGUAGE_PATHS[lang]} ({scheme})"
        problems += axe_problems(page, where, ".md-search")
    page.goto(f"{site_url}/")
    use_scheme(page, "light")
    assert not problems, "\n".join(problems)


TOKEN_COLOURS = r"""(prefix) => {
    // every Pygments token class a stylesheet colours, as one span in a code block, with the
    // colour it gets and the first opaque background behind it
    const classes = new Set();
    const walk = rules => { for (const rule of rules) {
        if (rule.cssRules) walk(rule.cssRules);
        if (!rule.selectorText || !rule.style.color) continue;
        for (const selector of rule.selectorText.split(",")) {
            const match = selector.trim().match(/^\.(highlight(?:-ipynb)?) \.([\w-]+)$/);
            if (match && match[1] === prefix) classes.add(match[2]);
        } } };
    for (const sheet of document.styleSheets) walk(sheet.cssRules);
    const block = document.querySelector(`.${prefix} pre`);
    const code = block.querySelector("code") || block;  // Material colours <code>, nbconvert <pre>
    const colours = [];
    for (const name of classes) {
        const span = document.createElement("span");
        span.className = name;
        span.textContent = "x";
        code.appendChild(span);
        let behind = span;
        while (getComputedStyle(behind).backgroundColor.match(/rgba\(.*, 0\)$|transparent/)) {
            behind = behind.parentElement;
        }
        const background = getComputedStyle(behind).backgroundColor;
        colours.push([name, getComputedStyle(span).color, background]);
        span.remove();
    }
    return colours;
}"""


def relative_luminance(rgb):
    """WCAG 2.1's relative luminance of an sRGB colour (channels 0-255)."""
    linear = []
    for value in rgb:
        value /= 255
        if value <= 0.04045:
            linear.append(value / 12.92)
        else:
            linear.append(((value + 0.055) / 1.055) ** 2.4)
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour, background):
    """WCAG's contrast ratio of a CSS rgb()/rgba() colour over an opaque background."""
    fg = [float(v) for v in colour[colour.index("(") + 1 : -1].split(",")]
    bg = [float(v) for v in background[background.index("(") + 1 : -1].split(",")][:3]
    alpha = 1.0
    if len(fg) == 4:
        alpha = fg[3]
    # the colour on screen, whole numbers per channel as the browser paints it (and axe-core counts)
    seen = [round(f * alpha + b * (1 - alpha)) for f, b in zip(fg[:3], bg, strict=True)]
    lighter, darker = sorted([relative_luminance(seen), relative_luminance(bg)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("path", ["02-tensors/", "notebooks/02-tensors/"])
def test_every_code_token_colour_meets_aa_in_both_colour_schemes(page, site_url, path):
    """axe checks the tokens a page happens to show; this checks every colour the stylesheets give
    a Pygments token (.highlight .c1 and the rest), 4.5:1 on the code's background."""
    page.goto(f"{site_url}/{path}")
    prefix = "highlight-ipynb" if path.startswith("notebooks/") else "highlight"
    problems, checked = [], 0
    for scheme in SCHEMES:
        use_scheme(page, scheme)
        for name, colour, background in page.evaluate(TOKEN_COLOURS, prefix):
            checked += 1
            ratio = contrast(colour, background)
            if ratio < 4.5:
                token = f".{prefix} .{name} ({scheme})"
                problems.append(f"{token}: {colour} on {background}, {ratio:.2f}:1")
    use_scheme(page, "light")
    assert checked > 40, f"only {checked} token colours found on {path}"
    where = "colours below 4.5:1 (docs/assets/primer.css sets them)"
    assert not problems, where + ":\n" + "\n".join(problems)

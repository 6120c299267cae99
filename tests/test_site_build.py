"""The strict build of both languages, and what it must contain."""

from __future__ import annotations

import json
import re
from html import unescape
from types import SimpleNamespace
from urllib.parse import unquote

import pytest

from helpers import ROOT, load_file
from primer_tools.glossary import load_terms
from primer_tools.pages import chapter_paths, mkdocs_config, page_paths

PAGES = [p.stem for p in page_paths(ROOT, "en")]
LOCATIONS = {"en": "", "ko": "ko/"}
EXTERNAL_LOAD = re.compile(
    r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["'](?:https?:)?//"""
    r"""|<link\b(?=[^>]*\brel=["']"""
    r"""(?:stylesheet|preload|preconnect|dns-prefetch|modulepreload|icon)["'])"""
    r"""[^>]*\bhref=["'](?:https?:)?//"""
    r"""|@import\s+url\(["']?(?:https?:)?//|url\(["']?https?://"""
)


def html(site, lang, page):
    path = site / LOCATIONS[lang] / ("" if page == "index" else page) / "index.html"
    assert path.exists(), f"{path.relative_to(site)} was not built"
    return path.read_text(encoding="utf-8")


def test_strict_build_has_no_warnings(built_site):
    _, log = built_site
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert not warnings, "\n".join(warnings)


@pytest.mark.parametrize("lang", LOCATIONS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_built_in_both_languages(built_site, lang, page):
    text = html(built_site[0], lang, page)
    assert f'<html lang="{lang}"' in text


@pytest.mark.parametrize("lang", LOCATIONS)
def test_every_notebook_page_really_rendered(built_site, lang):
    for page in chapter_paths(ROOT, lang):
        text = html(built_site[0], lang, f"notebooks/{page.stem}")
        assert "jupyter-wrapper" in text and '"nbformat"' not in text, (
            f"{lang} notebook {page.stem} did not render"
        )
        assert "jp-CodeCell" in text and "jp-OutputArea-output" in text


def test_no_page_loads_anything_from_another_host(built_site):
    site = built_site[0]
    offenders = []
    for path in list(site.rglob("*.html")) + list(site.rglob("*.css")):
        for m in EXTERNAL_LOAD.finditer(path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(f"{path.relative_to(site)}: {m.group(0)[:120]}")
    assert not offenders, "\n".join(offenders[:20])


def test_korean_headings_get_readable_anchors(built_site):
    text = html(built_site[0], "ko", "02-tensors")
    ids = re.findall(r'<h[23] id="([^"]+)"', text)
    assert ids and not [i for i in ids if re.fullmatch(r"_\d*", i)], ids


@pytest.mark.parametrize("page", PAGES)
def test_language_switcher_lands_on_the_same_page(built_site, page):
    slug = "" if page == "index" else f"{page}/"
    english, korean = html(built_site[0], "en", page), html(built_site[0], "ko", page)
    assert re.search(rf'href="[./]*ko/{re.escape(slug)}"\s+hreflang="ko"', english), (
        f"English {page} has no switch to ko/{slug}"
    )
    assert re.search(rf'href="[./]*/?{re.escape(slug)}"\s+hreflang="en"', korean), (
        f"Korean {page} has no switch to {slug}"
    )


# The titles in a page's navigation (the site's nav, then the page's table of contents).
def nav_titles(page: str) -> set[str]:
    spans = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', page, re.S)
    return {unescape(" ".join(span.split())) for span in spans}


def test_navigation_titles_are_translated(built_site):
    titles = nav_titles(html(built_site[0], "ko", "02-tensors"))
    assert {"홈", "파이토치란 무엇인가", "텐서", "출처와 라이선스"} <= titles, titles


@pytest.mark.parametrize("lang", LOCATIONS)
def test_every_chapter_is_in_the_nav_the_notebooks_and_the_home_page(built_site, lang):
    """A chapter's nav line is its only registration (hooks/chapters.py): the nav shows the
    page's heading, the Notebooks section its notebook, and the home page links it."""
    page = html(built_site[0], lang, "notebooks/02-tensors")  # its nav shows the Notebooks
    titles = nav_titles(page)
    home = html(built_site[0], lang, "index")
    for path in chapter_paths(ROOT, lang):
        heading = re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.M)[1]
        assert heading in titles, f"the nav lacks {path.name} ({heading})"
        notebook = f'<a href="../{path.stem}/" class="md-nav__link">'
        if path.stem != "02-tensors":  # the page's own entry is a link to itself
            assert notebook in page, f"the Notebooks section lacks {path.stem}"
        assert f'<a href="{path.stem}/">{heading}</a>' in home, f"the home page lacks {path.name}"


def test_each_language_has_its_own_search_index(built_site):
    site = built_site[0]
    english = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    korean = json.loads((site / "ko/search/search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in english["docs"] if d["location"].startswith("ko/")]
    assert any(
        d["location"].startswith("02-tensors/") and "텐서" in d["text"] for d in korean["docs"]
    )
    assert set(english["config"]["lang"]) == {"en", "ko"} == set(korean["config"]["lang"])
    notebooks = [
        d["location"] for d in english["docs"] + korean["docs"] if "notebooks/" in d["location"]
    ]
    assert not notebooks, (
        f"notebook pages repeat their chapter pages and break highlighting: {notebooks[:3]}"
    )


@pytest.mark.parametrize("lang", LOCATIONS)
def test_edit_link_opens_the_page_in_its_own_language(built_site, lang):
    page = html(built_site[0], lang, "02-tensors")
    assert f'/edit/main/docs/{lang}/02-tensors.md"' in page
    notebook = html(built_site[0], lang, "notebooks/02-tensors")
    assert f'/edit/main/docs/{lang}/02-tensors.md"' in notebook, (
        "a notebook's edit link opens the page it is made from"
    )


def test_korean_terms_carry_their_english_as_a_tooltip(built_site):
    site, _ = built_site
    tensors = (site / "ko/02-tensors/index.html").read_text(encoding="utf-8")
    assert '<abbr title="tensor">텐서</abbr>를' in tensors, (
        "a term with a particle attached (텐서를) gets no tooltip"
    )
    assert '<abbr title="broadcasting">브로드캐스팅</abbr>' in tensors
    code = re.findall(r"<code[^>]*>.*?</code>", tensors, flags=re.S)
    assert code and not any("<abbr" in c for c in code), "a tooltip was put inside code"
    english = (site / "02-tensors/index.html").read_text(encoding="utf-8")
    assert "<abbr" not in english


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_glossary_page_lists_every_term_with_its_meaning(built_site, lang):
    site, _ = built_site
    page = (site / ("" if lang == "en" else "ko") / "glossary/index.html").read_text(
        encoding="utf-8"
    )
    rows = [
        unescape(re.sub(r"<[^>]+>", "", row))
        for row in re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)[1:]
    ]
    terms = load_terms()
    assert len(rows) == len(terms)
    for term in terms:
        meaning = getattr(term, f"meaning_{lang}")
        assert meaning, f"glossary.tsv: `{term.english}` has no meaning_{lang}"
        assert any(meaning.replace("`", "") in row for row in rows), (
            f"{lang} glossary page lacks `{term.english}`"
        )


PAGE_BUDGET_BYTES = 300_000  # per chapter page on a first visit, search index left out


def first_visit_bytes(page) -> int:
    """scripts/measure.py's figure, so that the budget and the figure authors read are one
    number."""
    return load_file(ROOT / "scripts/measure.py").first_visit_bytes(page)


def test_every_chapter_page_loads_under_its_byte_budget(built_site):
    """What a first visit downloads, compressed as GitHub Pages serves it: the page and
    the stylesheets, scripts and images it loads (the figures decide most of it)."""
    site = built_site[0]
    pages = [
        p
        for lang in LOCATIONS
        for p in sorted((site / LOCATIONS[lang]).glob("[0-9][0-9]-*/index.html"))
    ]
    assert len(pages) >= 40
    over = []
    for page in pages:
        if (size := first_visit_bytes(page)) > PAGE_BUDGET_BYTES:
            over.append(f"{page.relative_to(site)}: {size:,} bytes")
    assert not over, f"over the {PAGE_BUDGET_BYTES:,}-byte budget:\n" + "\n".join(over)


def test_notebook_pages_link_only_to_what_exists(built_site):
    """MkDocs validates the links of Markdown pages (mkdocs.yml); notebook pages are
    rendered from .ipynb files, so their links, images and anchors are checked here."""
    site, problems = built_site[0], []
    for page in site.glob("**/notebooks/*/index.html"):
        html_text = page.read_text(encoding="utf-8")
        ids = set(re.findall(r'\bid="([^"]+)"', html_text))
        for ref in re.findall(r'\b(?:src|href)="([^"?:]*)"', html_text):
            path, _, anchor = unquote(ref).partition("#")
            if path and not (page.parent / path).exists():
                problems.append(f"{page.relative_to(site)}: {ref} does not exist")
            elif not path and anchor and anchor not in ids:
                problems.append(f"{page.relative_to(site)}: no anchor #{anchor}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("lang", LOCATIONS)
def test_every_chapter_opens_its_notebook_in_colab_and_as_a_download(built_site, lang):
    """Plain links next to the notebook link: Colab opens this language's notebook in the
    repository of repo_url, on the branch `notebooks` that the publish job fills; the download
    is the .ipynb itself, served by the site."""
    site, repo = built_site[0], mkdocs_config(ROOT)["repo_url"].removeprefix("https://github.com/")
    for page in chapter_paths(ROOT, lang):
        text, notebook = html(site, lang, page.stem), f"docs/{lang}/notebooks/{page.stem}.ipynb"
        colab = f"https://colab.research.google.com/github/{repo}/blob/notebooks/{notebook}"
        assert f'<a href="{colab}">' in text and (ROOT / notebook).is_file(), (
            f"{lang}/{page.stem}: no Colab link to {notebook}"
        )
        downloads = re.findall(r'<a href="([^"]+\.ipynb)" download>', text)
        assert len(downloads) == 1, f"{lang}/{page.stem}: {downloads}"
        served = site / LOCATIONS[lang] / page.stem / downloads[0]
        assert served.resolve().read_bytes() == (ROOT / notebook).read_bytes(), (
            f"{lang}/{page.stem}: {downloads[0]}"
        )


def test_colab_links_follow_the_repository_the_site_is_built_from():
    """The publish job sets PRIMER_REPO_URL to the repository it runs in (a fork's site
    points at the fork); mkdocs.yml reads it, and the hook builds the links from it."""
    hook = load_file(ROOT / "hooks/notebook_pages.py")
    config = SimpleNamespace(
        theme={"language": "ko"},
        repo_url="https://github.com/fork/primer",
        config_file_path=str(ROOT / "mkdocs.yml"),
    )
    markdown = hook.on_page_markdown(
        "[:material-notebook: 보기](notebooks/02-tensors.ipynb)\n", None, config, None
    )
    colab = "https://colab.research.google.com/github/fork/primer/blob/notebooks"
    assert f"({colab}/docs/ko/notebooks/02-tensors.ipynb)" in markdown
    assert "!ENV [PRIMER_REPO_URL," in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")

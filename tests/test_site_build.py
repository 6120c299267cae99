"""The strict build of both languages, and what it must contain."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from helpers import ROOT
from primer_tools.glossary import load_terms
from primer_tools.notebooks import chapter_pages
from primer_tools.pages import page_paths

PAGES = [p.stem for p in page_paths(ROOT, "en")]
LOCATIONS = {"en": "", "ko": "ko/"}
EXTERNAL_LOAD = re.compile(
    r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["'](?:https?:)?//"""
    r"""|<link\b(?=[^>]*\brel=["'](?:stylesheet|preload|preconnect|dns-prefetch|modulepreload|icon)["'])[^>]*\bhref=["'](?:https?:)?//"""
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
    for page in chapter_pages(ROOT, lang):
        text = html(built_site[0], lang, f"notebooks/{page.stem}")
        assert "jupyter-wrapper" in text and '"nbformat"' not in text, f"{lang} notebook {page.stem} did not render"
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
    assert re.search(rf'href="[./]*ko/{re.escape(slug)}"\s+hreflang="ko"', english), f"English {page} has no switch to ko/{slug}"
    assert re.search(rf'href="[./]*/?{re.escape(slug)}"\s+hreflang="en"', korean), f"Korean {page} has no switch to {slug}"


def test_navigation_titles_are_translated(built_site):
    titles = set(re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', html(built_site[0], "ko", "02-tensors"), re.S))
    assert {"홈", "파이토치란", "텐서", "출처와 라이선스"} <= titles, titles


def test_each_language_has_its_own_search_index(built_site):
    site = built_site[0]
    english = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    korean = json.loads((site / "ko/search/search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in english["docs"] if d["location"].startswith("ko/")]
    assert any(d["location"].startswith("02-tensors/") and "텐서" in d["text"] for d in korean["docs"])
    assert set(english["config"]["lang"]) == {"en", "ko"} == set(korean["config"]["lang"])
    notebooks = [d["location"] for d in english["docs"] + korean["docs"] if "notebooks/" in d["location"]]
    assert not notebooks, f"notebook pages repeat their chapter pages and break highlighting: {notebooks[:3]}"


def test_internal_links_and_anchors_resolve_in_both_languages(built_site):
    from primer_tools.links import broken_links

    problems = broken_links(built_site[0])
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize("lang", LOCATIONS)
def test_edit_link_opens_the_page_in_its_own_language(built_site, lang):
    page = html(built_site[0], lang, "02-tensors")
    assert f'/edit/main/docs/{lang}/02-tensors.md"' in page
    notebook = html(built_site[0], lang, "notebooks/02-tensors")
    assert f'/edit/main/docs/{lang}/02-tensors.md"' in notebook, "a notebook's edit link opens the page it is made from"


def test_korean_terms_carry_their_english_as_a_tooltip(built_site):
    site, _ = built_site
    tensors = (site / "ko/02-tensors/index.html").read_text(encoding="utf-8")
    assert '<abbr title="tensor">텐서</abbr>를' in tensors, "a term with a particle attached (텐서를) gets no tooltip"
    assert '<abbr title="broadcasting">브로드캐스팅</abbr>' in tensors
    code = re.findall(r"<code[^>]*>.*?</code>", tensors, flags=re.S)
    assert code and not any("<abbr" in c for c in code), "a tooltip was put inside code"
    english = (site / "02-tensors/index.html").read_text(encoding="utf-8")
    assert "<abbr" not in english


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_glossary_page_lists_every_term_with_its_meaning(built_site, lang):
    site, _ = built_site
    page = (site / ("" if lang == "en" else "ko") / "glossary/index.html").read_text(encoding="utf-8")
    rows = [unescape(re.sub(r"<[^>]+>", "", row)) for row in re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)[1:]]
    terms = load_terms()
    assert len(rows) == len(terms)
    for term in terms:
        meaning = getattr(term, f"meaning_{lang}")
        assert meaning, f"glossary.tsv: `{term.english}` has no meaning_{lang}"
        assert any(meaning.replace("`", "") in row for row in rows), f"{lang} glossary page lacks `{term.english}`"

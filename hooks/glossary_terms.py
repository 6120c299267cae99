"""The glossary on the site, from the one data file ``src/primer_tools/glossary.tsv``.

* The glossary page of each language shows the table where it says ``<!-- glossary -->``.
* On Korean pages, a glossary term in the prose carries its English as a tooltip
  (``<abbr title="gradient">변화도</abbr>``), also with a particle attached (변화도를).
  Python-Markdown's abbreviations match whole words only, and Korean attaches particles
  to the word, so the terms are marked here, in the page's HTML, outside code, links and
  headings.
"""

from __future__ import annotations

import functools
import html
import re

from primer_tools.glossary import EVERYDAY_WORDS, english_term, load_terms

MARKER = "<!-- glossary -->"
HEADERS = {
    "en": ("English", "Korean", "Meaning"),
    "ko": ("한국어", "English", "뜻"),
}
SKIPPED_TAGS = {"code", "pre", "a", "abbr", "script", "style", "svg", "button", "kbd", "h1", "h2", "h3", "h4", "h5", "h6"}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
HANGUL = re.compile(r"[가-힣]")


def glossary_table(language: str) -> str:
    terms = load_terms()
    rows = sorted(terms, key=lambda t: t.english.lower() if language == "en" else t.korean)
    first, second, meaning = HEADERS[language]
    lines = [f"| {first} | {second} | {meaning} |", "| --- | --- | --- |"]
    for term in rows:
        pair = (term.english, term.korean) if language == "en" else (term.korean, term.english)
        # plain text in the data file: escape what Markdown would read (| ends a cell, __len__ is bold)
        cells = [re.sub(r"([|_*`])", r"\\\1", c) for c in (*pair, getattr(term, f"meaning_{language}"))]
        lines.append(f"| {cells[0]} | {cells[1]} | {cells[2]} |")
    return "\n".join(lines)


@functools.cache
def tooltip_terms() -> tuple[re.Pattern, dict[str, str]]:
    """The Korean terms that get a tooltip, longest first, and their English."""
    english = {
        t.korean: english_term(t)
        for t in load_terms()
        if t.keep_english == "first-use" and english_term(t) not in EVERYDAY_WORDS and HANGUL.search(t.korean)
    }
    words = sorted(english, key=len, reverse=True)
    # not inside a longer word: no Hangul syllable right before the term; particles may follow
    pattern = re.compile(r"(?<![가-힣])(" + "|".join(map(re.escape, words)) + ")")
    return pattern, english


def mark_terms(text: str) -> str:
    pattern, english = tooltip_terms()
    return pattern.sub(lambda m: f'<abbr title="{html.escape(english[m[1]])}">{m[1]}</abbr>', text)


def add_tooltips(page_html: str) -> str:
    pieces, position, skipped = [], 0, []
    for tag in TAG.finditer(page_html):
        text = page_html[position : tag.start()]
        pieces.append(text if skipped else mark_terms(text))
        pieces.append(tag[0])
        position = tag.end()
        name, closing, self_closing = tag[2].lower(), tag[1], tag[3]
        if name in SKIPPED_TAGS and not self_closing:
            if closing and name in skipped:
                del skipped[len(skipped) - 1 - skipped[::-1].index(name)]
            elif not closing:
                skipped.append(name)
    tail = page_html[position:]
    pieces.append(tail if skipped else mark_terms(tail))
    return "".join(pieces)


def on_page_markdown(markdown: str, page, config, files) -> str:
    if MARKER in markdown:
        return markdown.replace(MARKER, glossary_table(config.theme.get("language", "en")))
    return markdown


def on_page_content(page_html: str, page, config, files) -> str:
    if config.theme.get("language") != "ko" or not page.file.src_uri.endswith(".md"):
        return page_html
    if MARKER in page.markdown or page.file.src_uri.endswith("glossary.md"):
        return page_html
    return add_tooltips(page_html)

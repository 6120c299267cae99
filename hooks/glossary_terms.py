"""The glossary on the site, from the one data file ``src/primer_tools/glossary.tsv``.

* The glossary page of each language shows the table where it says ``<!-- glossary -->``.
* On Korean pages, a glossary term in the prose carries its English as a tooltip (``<abbr title="gradient">변화도</abbr>``),
  also with a particle attached (변화도를). Python-Markdown's abbreviations match whole words only, and Korean attaches
  particles to the word, so the terms are marked here, in the page's HTML, outside code, links and headings.
"""

import functools
import html
import re

from primer_tools.glossary import EVERYDAY_WORDS, english_term, load_terms

MARKER = "<!-- glossary -->"
HEADERS = {"en": ("English", "Korean", "Meaning"), "ko": ("한국어", "English", "뜻")}
SKIPPED_TAGS = {"code", "pre", "a", "abbr", "script", "style", "svg", "button", "kbd", "h1", "h2", "h3", "h4", "h5", "h6"}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
HANGUL = re.compile(r"[가-힣]")


def glossary_table(language: str) -> str:
    lines = ["| " + " | ".join(HEADERS[language]) + " |", "| --- | --- | --- |"]
    for term in sorted(load_terms(), key=lambda t: t.english.lower() if language == "en" else t.korean):
        pair = (term.english, term.korean) if language == "en" else (term.korean, term.english)
        # plain text in the data file: escape what Markdown would read (| ends a cell, __len__ is bold)
        cells = [re.sub(r"([|_*`])", r"\\\1", c) for c in (*pair, getattr(term, f"meaning_{language}"))]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


@functools.cache
def tooltip_terms() -> tuple[re.Pattern, dict[str, str]]:
    """The Korean terms that get a tooltip, longest first, and their English."""
    terms = [t for t in load_terms() if t.keep_english == "first-use" and HANGUL.search(t.korean)]
    english = {t.korean: english_term(t) for t in terms if english_term(t) not in EVERYDAY_WORDS}
    words = sorted(english, key=len, reverse=True)
    # not inside a longer word: no Hangul syllable right before the term; particles may follow
    return re.compile(r"(?<![가-힣])(" + "|".join(map(re.escape, words)) + ")"), english


def mark_terms(text: str) -> str:
    pattern, english = tooltip_terms()
    return pattern.sub(lambda m: f'<abbr title="{html.escape(english[m[1]])}">{m[1]}</abbr>', text)


def add_tooltips(page_html: str) -> str:
    """Terms marked in the text between tags, except inside the open SKIPPED_TAGS."""
    pieces, position, skipped = [], 0, []
    for tag in TAG.finditer(page_html):
        text = page_html[position : tag.start()]
        pieces += [text if skipped else mark_terms(text), tag[0]]
        position = tag.end()
        closing, name, self_closing = tag[1], tag[2].lower(), tag[3]
        if name in SKIPPED_TAGS and not self_closing:
            if not closing:
                skipped.append(name)
            elif name in skipped:
                skipped.remove(name)  # only whether any is open counts, not which one
    tail = page_html[position:]
    return "".join(pieces) + (tail if skipped else mark_terms(tail))


def on_page_markdown(markdown: str, page, config, files) -> str:
    if MARKER in markdown:
        return markdown.replace(MARKER, glossary_table(config.theme.get("language", "en")))
    return markdown


def on_page_content(page_html: str, page, config, files) -> str:
    source = page.file.src_uri
    skip = config.theme.get("language") != "ko" or not source.endswith(".md") or source.endswith("glossary.md")
    return page_html if skip or MARKER in page.markdown else add_tooltips(page_html)

"""The glossary on the site, from the one data file ``src/primer_tools/glossary.tsv``.

* The glossary page of each language shows the table where it says ``<!-- glossary -->``.
* On Korean pages, a glossary term in the prose carries its English as a tooltip
  (``<abbr title="gradient">변화도</abbr>``), also with a particle attached (변화도를).
  Python-Markdown's abbreviations match whole words only, and Korean attaches particles to the
  word, so the terms are marked here, in the page's HTML, outside code, links and headings.
* A term is marked once per section (the page's top and each ``<h2>``), at its first use there.
  Readers land on a section from the table of contents or a search result, so each section
  explains its own terms once; a term underlined at every use reads as noise. A use that shows
  its English in parentheses already (변화도(gradient), the page's first use) is the section's
  explanation and gets no tooltip.
"""

import functools
import html
import re

from primer_tools.glossary import EVERYDAY_WORDS, english_term, load_terms
from primer_tools.strings import ui_text

MARKER = "<!-- glossary -->"
SKIPPED_TAGS = {
    "code",
    "pre",
    "a",
    "abbr",
    "script",
    "style",
    "svg",
    "button",
    "kbd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
SECTION_TAGS = {"h1", "h2"}  # a new section starts here: its terms are explained again
HANGUL = re.compile(r"[가-힣]")


def glossary_table(language: str) -> str:
    lines = [f"| {ui_text(language)['glossary_columns']} |", "| --- | --- | --- |"]
    if language == "en":
        terms = sorted(load_terms(), key=lambda term: term.english.lower())
    else:
        terms = sorted(load_terms(), key=lambda term: term.korean)
    for term in terms:
        if language == "en":
            pair = (term.english, term.korean)
        else:
            pair = (term.korean, term.english)
        # plain text in the data file: escape what Markdown would read
        # (| ends a cell, __len__ is bold)
        cells = [
            re.sub(r"([|_*`])", r"\\\1", c) for c in (*pair, getattr(term, f"meaning_{language}"))
        ]
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


def glossed(page_html: str, end: int, english: str) -> bool:
    """Whether the term ending at ``end`` is followed by its English in parentheses:
    변화도(gradient), also after emphasis that closes on the word:
    <em>편도함수</em>(partial derivative)."""
    words = r"[\s-]".join(re.escape(word) for word in re.split(r"[\s-]+", english))
    gloss = re.compile(r"(?:</(?:em|strong)>)*\s*\(" + words, re.I)
    return gloss.match(page_html, end) is not None


def mark_terms(page_html: str, start: int, end: int, explained: set[str]) -> str:
    """The text ``page_html[start:end]``, its terms not yet ``explained`` in this section marked;
    each term marked, or found glossed in parentheses, joins ``explained``."""
    pattern, english = tooltip_terms()
    pieces, position = [], start
    for m in pattern.finditer(page_html, start, end):
        term = m[1]
        if term in explained:
            continue
        explained.add(term)
        if glossed(page_html, m.end(), english[term]):
            continue
        tooltip = f'<abbr title="{html.escape(english[term])}">{term}</abbr>'
        pieces += [page_html[position : m.start()], tooltip]
        position = m.end()
    return "".join(pieces) + page_html[position:end]


def add_tooltips(page_html: str) -> str:
    """Terms marked in the text between tags, outside the open SKIPPED_TAGS, once a section."""
    pieces, position, skipped, explained = [], 0, [], set()
    for tag in TAG.finditer(page_html):
        if skipped:
            pieces.append(page_html[position : tag.start()])
        else:
            pieces.append(mark_terms(page_html, position, tag.start(), explained))
        pieces.append(tag[0])
        position = tag.end()
        closing, name, self_closing = tag[1], tag[2].lower(), tag[3]
        if name in SECTION_TAGS and not closing:
            explained = set()
        if name in SKIPPED_TAGS and not self_closing:
            if not closing:
                skipped.append(name)
            elif name in skipped:
                skipped.remove(name)  # only whether any is open counts, not which one
    if skipped:
        pieces.append(page_html[position:])
    else:
        pieces.append(mark_terms(page_html, position, len(page_html), explained))
    return "".join(pieces)


def on_page_markdown(markdown: str, page, config, files) -> str:
    if MARKER in markdown:
        return markdown.replace(MARKER, glossary_table(config.theme.get("language", "en")))
    return markdown


def on_page_content(page_html: str, page, config, files) -> str:
    source = page.file.src_uri
    skip = (
        config.theme.get("language") != "ko"
        or not source.endswith(".md")
        or source.endswith("glossary.md")
    )
    if skip or MARKER in page.markdown:
        return page_html
    return add_tooltips(page_html)

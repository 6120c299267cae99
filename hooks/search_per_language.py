"""Keep each language to itself: its own search index, no sitemap look-ups.

mkdocs-static-i18n merges every language's pages into the one index at search/search_index.json.
After the build, this hook moves each non-default language's entries into
<lang>/search/search_index.json (locations made relative to it) and points that language's pages
there: Material fetches the index from the "base" in the page's __config. (Notebook pages are
not indexed at all: hooks/notebook_pages.py says why.)
"""

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from primer_tools.pages import LANGUAGES

OTHER_LANGUAGES = LANGUAGES[1:]  # the first is the default: its pages sit at the site root
CONFIG_BASE = re.compile(
    r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")'
)
HEAD_ALTERNATES = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, page, config) -> str:
    """The head's <link rel="alternate" hreflang> tags make Material fetch sitemap.xml next to each
    alternate URL; mkdocs-static-i18n points them at pages, not language roots, so every page load
    made two 404 requests. The language menu's own links (already set to the same page in the other
    language by i18n) do the switching without them."""
    output = HEAD_ALTERNATES.sub("", output)
    language = config.theme.get("language")
    if language not in OTHER_LANGUAGES:
        return output
    return CONFIG_BASE.sub(
        lambda m: f"{m[1]}{m[2].rstrip('/') or '.'}/{language}/{m[3]}", output, count=1
    )


@event_priority(-120)  # after mkdocs-static-i18n (-100) has written the merged index
def on_post_build(config) -> None:
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    by_language: dict[str, list] = {lang: [] for lang in ("", *OTHER_LANGUAGES)}
    for doc in index["docs"]:
        prefix = doc["location"].split("/", 1)[0]
        language = ""
        if prefix in OTHER_LANGUAGES:
            language = prefix
            doc = dict(doc, location=doc["location"][len(language) + 1 :])
        by_language[language].append(doc)
    for language, docs in by_language.items():
        target = Path(config.site_dir) / language / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(dict(index, docs=docs), ensure_ascii=False), encoding="utf-8")

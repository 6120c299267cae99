"""Notebook pages in both languages, without requests to other hosts: each notebook rendered as
a page (on_files), its cache kept for both languages (on_post_build), links to it in Colab and
as a download next to a chapter's notebook link (on_page_markdown), and no MathJax, readable
Korean anchors and working edit links (on_post_page)."""

import html
import os
import re
from pathlib import Path, PurePosixPath

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs_jupyter.plugin import NotebookFile
from pymdownx.slugs import slugify

from primer_tools.strings import ui_text

NOTEBOOK_LINK = re.compile(r"^\[:material-notebook: [^\]]*\]\(notebooks/([\w-]+)\.ipynb\)$", re.M)
MATHJAX_PLACEHOLDER = re.compile(r'<script src="primer-no-mathjax">\s*</script>')
HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)<a class="anchor-link" href="#[^"]*">')
TOC_LINK = re.compile(
    r'<a href="#[^"]*" class="md-nav__link">(\s*<span class="md-ellipsis">\s*)(.*?)(\s*</span>)',
    re.S,
)
SKIP_LINK = re.compile(r'<a href="#[^"]*" class="md-skip">')
CODE_CELL = re.compile(r'<div class="highlight-ipynb[^"]*"')
_slugify = slugify(case="lower")
# The branch the Colab links open: the publish job (ci.yml, publish-notebooks) pushes to it the
# notebooks the published site was built with, made again from the pages (CONTRIBUTING.md).
COLAB_BRANCH = "notebooks"


@event_priority(-110)
def on_files(files: Files, config) -> Files:
    """mkdocs-static-i18n recreates every file in its ``on_files`` (priority -100), which turns
    the notebook pages that mkdocs-jupyter had marked back into static files: the site then
    copies the raw .ipynb text as a tiny ``index.html`` and ``--strict`` still passes
    (ultrabug/mkdocs-static-i18n#198). Running after it, this hook marks them as pages again.
    tests/test_site_build.py checks that every notebook really rendered."""
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return files
    # Edit the list in place: i18n hands out its own Files subclass, which nav needs.
    for file in list(files):
        if not isinstance(file, NotebookFile) and jupyter.should_include(file):
            files.remove(file)
            files.append(_as_page(file, config))
    return files


def _as_page(file, config) -> NotebookFile:
    """A notebook page placed where i18n put the file: ko/notebooks/x/ for Korean."""
    page = NotebookFile(file, **config)
    dest = PurePosixPath(file.dest_uri)
    stem = dest.with_suffix("")
    if dest.name in ("index.html", "index.ipynb"):
        stem = dest.parent
    page.dest_path, page.url = f"{stem}.html", f"{stem}.html"
    if config["use_directory_urls"]:
        page.dest_path, page.url = f"{stem}/index.html", f"{stem}/"
    page.abs_dest_path = os.path.normpath(os.path.join(config["site_dir"], page.dest_path))
    return page


@event_priority(50)  # before mkdocs-jupyter's own on_post_build
def on_post_build(config) -> None:
    """mkdocs-jupyter deletes the cached pages its build did not use, and mkdocs-static-i18n
    builds each language on its own: the English build deleted the Korean pages and the other
    way round, so no build ever found one (42 of 42 notebooks converted again, half of a warm
    build). Keep them all; `rm -r .cache` empties the cache."""
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None and jupyter.config["cache"]:
        jupyter._used_cache_paths.update(Path(jupyter.config["cache_dir"]).glob("*.json"))


@event_priority(10)  # before Material's search plugin indexes the page
def on_page_context(context, page, config, nav):
    """A notebook page says what its chapter page says, so search leaves it out: a search
    would list every hit twice, and a whole notebook in one entry made Material's result
    highlighting fail on Korean queries (a TypeError in the search worker, no results).
    Left out here, it is not parsed either: 13.3 s for a warm build before, 9-11 s after."""
    if page.file.src_uri.endswith(".ipynb"):
        page.meta["search"] = {"exclude": True}
    return context


def on_page_markdown(markdown: str, page, config, files) -> str:
    """The notebook in Colab (``repo_url``, on the branch the publish job fills) and the .ipynb
    itself (include_source copies it next to its page)."""
    lang, repo = (
        config.theme.get("language", "en"),
        config.repo_url.removeprefix("https://github.com/").strip("/"),
    )
    notebook = rf"docs/{lang}/notebooks/\1.ipynb"
    colab = f"https://colab.research.google.com/github/{repo}/blob/{COLAB_BRANCH}/{notebook}"
    download = r'<a href="../notebooks/\1/\1.ipynb" download>:material-download: '
    words = ui_text(lang)
    colab_link = f"[:simple-googlecolab: {words['open_in_colab']}]({colab})"
    links = rf"\g<0> · {colab_link} · {download}{words['download_notebook']}</a>"
    return NOTEBOOK_LINK.sub(links, markdown)


def on_post_page(output: str, page, config) -> str:
    """mkdocs-jupyter always writes a MathJax <script src> (a CDN unless custom_mathjax_url is
    set); our notebooks have no math, so the placeholder URL set in mkdocs.yml is dropped: no
    request for it, no 404 in the console."""
    output = MATHJAX_PLACEHOLDER.sub("", output)
    if page.file.src_uri.endswith(".ipynb"):
        output = _readable_anchors(output)
        # "Edit this page" opens the page the notebook is generated from, not the notebook
        output = re.sub(r"(/edit/[^\"]*/docs/\w+/)notebooks/([\w-]+)\.ipynb", r"\1\2.md", output)
        # a code cell scrolls sideways when its lines are long: keyboard users reach it with Tab, as
        # nbconvert already lets them reach the outputs (WCAG 2.1.1)
        output = CODE_CELL.sub(r'\g<0> tabindex="0"', output)
    return output


def _text(fragment: str, tags: str = r"<[^>]+>") -> str:
    return html.unescape(re.sub(tags, "", fragment))


def _unique_id(ids: dict[str, str], text: str) -> str:
    """The id of the heading with this text: its slug, made unique among ``ids``."""
    plain = _text(text).strip()
    if plain not in ids:
        base = _slugify(plain, "-") or "section"
        candidate, n = base, 0
        while candidate in ids.values():
            n += 1
            candidate = f"{base}_{n}"
        ids[plain] = candidate
    return ids[plain]


def _readable_anchors(output: str) -> str:
    """nbconvert drops non-ASCII letters from heading ids (스칼라에서 3차원 텐서까지 -> "3") and
    mkdocs-jupyter's table of contents slugs them differently again ("_1"), so Korean notebook
    pages linked to anchors that did not exist. Both are rewritten here with the slugify the
    Markdown pages use (toc.slugify in mkdocs.yml)."""
    ids: dict[str, str] = {}  # a heading's text: its id, unique on the page

    # mkdocs-jupyter's table of contents leaves out a heading's inline code ("`loss` or
    # `loss.item()`" becomes "or"): find such entries by the heading's text without its code,
    # and show the whole heading.
    without_code: dict[str, str] = {}

    def heading(m: re.Match) -> str:
        without_code.setdefault(
            " ".join(_text(m[3], r"<code>.*?</code>|<[^>]+>").split()), _text(m[3]).strip()
        )
        anchor = _unique_id(ids, m[3])
        return f'<h{m[1]} id="{anchor}">{m[3]}<a class="anchor-link" href="#{anchor}">'

    def toc_link(m: re.Match) -> str:
        text = " ".join(_text(m[2]).split())
        if text not in ids:
            text = without_code.get(text, text)
        anchor = _unique_id(ids, text)
        return f'<a href="#{anchor}" class="md-nav__link">{m[1]}{html.escape(text)}{m[3]}'

    output = HEADING.sub(heading, output)
    output = TOC_LINK.sub(toc_link, output)
    first = next(iter(ids.values()), None)
    if first is None:
        return output
    return SKIP_LINK.sub(f'<a href="#{first}" class="md-skip">', output)

"""A chapter is registered once: its line in mkdocs.yml's nav, such as ``- 22-new-topic.md``.

Everything else that lists the chapters is derived here, in each language, from that nav and
from the chapter pages themselves:

* the chapter's title in the nav: the line has no title, so MkDocs shows the page's first
  heading (its ``# Title``), the English one on the English site and the Korean one on the
  Korean site;
* the nav's "Notebooks" section: each chapter's notebook, titled with the same heading;
* the chapter lists on the home pages: where ``docs/<lang>/index.md`` says
  ``<!-- chapters 01-10 -->`` (or ``<!-- chapters 14- -->``, to the last chapter), a numbered
  list of those chapters, each its heading as a link, then the ``summary`` that the page's
  front matter gives.
"""

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

CHAPTER = re.compile(r"(\d\d)-[\w-]+\.md")
HEADING = re.compile(r"^# (.+)$", re.M)
CHAPTER_LIST = re.compile(r"^<!-- chapters (\d\d)-(\d\d)? -->$", re.M)
NOTEBOOKS_SECTION = "Notebooks"


# A chapter page's front matter (its summary) and its first heading.
def read_chapter(config: MkDocsConfig, language: str, name: str) -> tuple[dict, str]:
    path = Path(config.config_file_path).parent / "docs" / language / name
    text, meta = get_data(path.read_text(encoding="utf-8"))
    heading = HEADING.search(text)
    if heading is None:
        raise PluginError(
            f"docs/{language}/{name}: begin it with its `# Title`, the home page shows it"
        )
    return meta, heading[1]


# The chapter pages, in the order the nav lists them.
def registered_chapters(config: MkDocsConfig) -> list[str]:
    return [entry for entry in config.nav if isinstance(entry, str) and CHAPTER.fullmatch(entry)]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fill the nav's "Notebooks" section with each chapter's notebook. mkdocs-jupyter titles a
    notebook page with the notebook's first heading, the page's (a title given here would not
    show)."""
    notebooks = []
    for name in registered_chapters(config):
        notebooks.append(f"notebooks/{name.removesuffix('.md')}.ipynb")
    for entry in config.nav:
        if isinstance(entry, dict) and NOTEBOOKS_SECTION in entry:
            entry[NOTEBOOKS_SECTION] = notebooks
    return config


# The list that replaces a home page's ``<!-- chapters NN-MM -->`` line.
def chapter_list(config: MkDocsConfig, language: str, first: str, last: str) -> str:
    items = []
    for name in registered_chapters(config):
        number = CHAPTER.fullmatch(name)[1]
        if not first <= number <= last:
            continue
        meta, title = read_chapter(config, language, name)
        if "summary" not in meta:
            raise PluginError(
                f"docs/{language}/{name}: its front matter has no `summary:`, the line that "
                "the home page shows after the chapter's title"
            )
        items.append(f"{int(number)}. [{title}]({name}): {meta['summary']}")
    return "\n".join(items)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace each ``<!-- chapters NN-MM -->`` line of a home page by its list of chapters."""
    if Path(page.file.src_uri).name != "index.md":
        return markdown
    language = config.theme["language"]
    return CHAPTER_LIST.sub(
        lambda marker: chapter_list(config, language, marker[1], marker[2] or "99"), markdown
    )

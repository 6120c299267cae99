"""Warn on a translated page whose English page's prose changed in a commit that its translation
does not follow: decided from git history at build time by the function behind
``python -m primer_tools stale`` (primer_tools/records.py), never by hand."""

from pathlib import Path

from primer_tools.pages import LANGUAGES
from primer_tools.records import english_change
from primer_tools.strings import ui_text


def on_page_markdown(markdown: str, page, config, files) -> str:
    language = config.theme.get("language")
    if language == LANGUAGES[0] or not page.file.src_uri.endswith(".md"):
        return markdown
    root, name = Path(config.config_file_path).parent, Path(page.file.abs_src_path).name
    if not (root / "docs" / "en" / name).exists():
        return markdown
    commit = english_change(root, name)
    if commit is None:
        return markdown
    # The same page on the English site, as an absolute address: MkDocs checks relative
    # links against this language's files, where the English page is not one.
    url = config.site_url + page.url.removeprefix(f"{language}/")
    note = ui_text(language)["english_changed"].format(url=url, commit=commit)
    if not markdown.startswith("# "):
        return note + "\n\n" + markdown
    # Under the page's heading: MkDocs takes a page's title (the nav shows it) from its first line.
    heading, _, body = markdown.partition("\n")
    return f"{heading}\n\n{note}\n\n{body}"

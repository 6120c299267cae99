"""Warn on a Korean page whose English page's prose changed in a commit that its translation
does not follow: decided from git history at build time by the function behind
``python -m primer_tools stale`` (primer_tools/records.py), never by hand."""

from pathlib import Path

from primer_tools.records import english_change

NOTE = """!!! warning "영어 원문이 바뀌었습니다"
    이 번역을 마지막으로 고친 뒤에 [영어 페이지]({url})의 설명이 바뀌었습니다(커밋 `{commit}`).
    코드와 출력은 항상 최신이지만, 설명은 영어 페이지와 다를 수 있습니다.\n\n"""


def on_page_markdown(markdown: str, page, config, files) -> str:
    if config.theme.get("language") != "ko" or not page.file.src_uri.endswith(".md"):
        return markdown
    root, name = Path(config.config_file_path).parent, Path(page.file.abs_src_path).name
    commit = english_change(root, name) if (root / "docs" / "en" / name).exists() else None
    if commit is None:
        return markdown
    # The same page on the English site, as an absolute address: MkDocs checks relative
    # links against this language's files, where the English page is not one.
    url = config.site_url + page.url.removeprefix("ko/")
    return NOTE.format(url=url, commit=commit) + markdown

"""Warn on a Korean page whose English page has changed since it was last translated: decided from git history at
build time (primer_tools/stale.py), never by hand."""

from pathlib import Path

from primer_tools.stale import last_commit

NOTE = """!!! warning "영어 원문이 바뀌었습니다"
    이 번역을 마지막으로 고친 뒤에 [영어 페이지]({url})가 바뀌었습니다(커밋 `{commit}`).
    코드와 출력은 항상 최신이지만, 설명은 영어 페이지와 다를 수 있습니다.\n\n"""


def on_page_markdown(markdown: str, page, config, files) -> str:
    if config.theme.get("language") != "ko" or not page.file.src_uri.endswith(".md"):
        return markdown
    root, korean = Path(config.config_file_path).parent, Path(page.file.abs_src_path)
    english = korean.parent.parent / "en" / korean.name
    if not english.exists():
        return markdown
    en_time, en_commit = last_commit(root, english)
    ko_time, _ = last_commit(root, korean)
    if en_time <= ko_time:
        return markdown
    url = "../" * page.url.count("/") + page.url.removeprefix("ko/")  # same page, English site
    return NOTE.format(url=url, commit=en_commit) + markdown

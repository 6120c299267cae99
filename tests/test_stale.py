"""The staleness report reads git history: a Korean page is stale once its English page
changes after it."""

import os
import subprocess

from primer_tools.records import staleness


def git(repo, *args, date="2026-01-01T00:00:00"):
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def test_korean_page_is_stale_after_its_english_page_changes(tmp_path):
    git(tmp_path, "init", "-q")
    for lang in ("en", "ko"):
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "01-a.md").write_text("# A\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "both")
    assert staleness(tmp_path) == [("01-a.md", None)]

    (tmp_path / "docs/en/01-a.md").write_text("# A, better\n", encoding="utf-8")
    git(tmp_path, "commit", "-qam", "english", date="2026-02-01T00:00:00")
    [(name, commit)] = staleness(tmp_path)
    assert name == "01-a.md" and commit

    (tmp_path / "docs/ko/01-a.md").write_text("# 가, 더 낫게\n", encoding="utf-8")
    git(tmp_path, "commit", "-qam", "korean", date="2026-03-01T00:00:00")
    assert staleness(tmp_path) == [("01-a.md", None)]

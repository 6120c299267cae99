"""The staleness report reads git history: a Korean page is stale once a commit changes its
English page's prose and the Korean page's prose has not changed since (ancestry, not
dates; a commit that only rewrites output blocks, as `sync` does, changes no prose)."""

import importlib.util
import os
import subprocess
from types import SimpleNamespace

from helpers import ROOT
from primer_tools.records import staleness

PAGE = """\
# {title}

{prose}

```python
--8<-- "examples/01_a/a.py:show"
```

```text
{output}
```
"""


def git(repo, *args):
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def write(repo, lang, title, prose, output):
    page = repo / "docs" / lang / "01-a.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGE.format(title=title, prose=prose, output=output), encoding="utf-8")


def commit(repo, message):
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)


def test_korean_page_is_stale_after_its_english_prose_changes(tmp_path):
    git(tmp_path, "init", "-q")
    write(tmp_path, "en", "A", "Prints one.", "1")
    write(tmp_path, "ko", "가", "1을 출력합니다.", "1")
    commit(tmp_path, "both")
    assert staleness(tmp_path) == [("01-a.md", None)]

    write(tmp_path, "en", "A", "Prints one, better.", "1")
    commit(tmp_path, "english")
    [(name, behind)] = staleness(tmp_path)
    assert name == "01-a.md" and behind

    write(tmp_path, "ko", "가", "1을 출력합니다. 더 낫게.", "1")
    commit(tmp_path, "korean")
    assert staleness(tmp_path) == [("01-a.md", None)]


def test_a_commit_that_rewrites_korean_outputs_does_not_make_the_translation_current(tmp_path):
    """The case `sync` makes: one commit changes English prose and code, and rewrites the
    output blocks of both languages. The Korean prose is still the old one."""
    git(tmp_path, "init", "-q")
    write(tmp_path, "en", "A", "Prints one.", "1")
    write(tmp_path, "ko", "가", "1을 출력합니다.", "1")
    commit(tmp_path, "both")

    write(tmp_path, "en", "A", "Prints two.", "2")
    write(tmp_path, "ko", "가", "1을 출력합니다.", "2")  # sync rewrote the output only
    commit(tmp_path, "Print two, in English; outputs of both languages by sync")
    [(_, behind)] = staleness(tmp_path)
    short_head = ["git", "rev-parse", "--short", "HEAD"]
    head = subprocess.run(short_head, cwd=tmp_path, capture_output=True, text=True).stdout.strip()
    assert behind == head, "the Korean prose does not follow the English change"

    write(tmp_path, "ko", "가", "2를 출력합니다.", "2")
    commit(tmp_path, "Translate the change")
    assert staleness(tmp_path) == [("01-a.md", None)]

    write(tmp_path, "en", "A", "Prints two.", "3")
    write(tmp_path, "ko", "가", "2를 출력합니다.", "3")
    commit(tmp_path, "Outputs only, in both languages")
    assert staleness(tmp_path) == [("01-a.md", None)], "a change of outputs alone changes no prose"


def test_a_translation_made_on_a_branch_does_not_follow_an_english_change_made_beside_it(tmp_path):
    """Ancestry, not dates: the translator's commit is newer, yet it never saw the English one."""
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "en", "A", "Prints one.", "1")
    write(tmp_path, "ko", "가", "1을 출력합니다.", "1")
    commit(tmp_path, "both")
    git(tmp_path, "checkout", "-qb", "translation")
    git(tmp_path, "checkout", "-q", "main")
    write(tmp_path, "en", "A", "Prints one, and says why.", "1")
    commit(tmp_path, "english")
    git(tmp_path, "checkout", "-q", "translation")
    write(tmp_path, "ko", "가", "1을 출력합니다(고친 문장).", "1")
    commit(tmp_path, "korean")
    git(tmp_path, "checkout", "-q", "main")
    git(tmp_path, "merge", "-q", "--no-edit", "translation")
    [(name, behind)] = staleness(tmp_path)
    assert behind, "the merged translation was written before the English change"


def test_the_korean_page_banner_names_the_english_change(tmp_path):
    """hooks/translation_status.py decides with the same function as `stale`."""
    git(tmp_path, "init", "-q")
    write(tmp_path, "en", "A", "Prints one.", "1")
    write(tmp_path, "ko", "가", "1을 출력합니다.", "1")
    commit(tmp_path, "both")
    write(tmp_path, "en", "A", "Prints two.", "2")
    write(tmp_path, "ko", "가", "1을 출력합니다.", "2")
    commit(tmp_path, "english, and outputs of both")
    hook_file = ROOT / "hooks/translation_status.py"
    spec = importlib.util.spec_from_file_location("translation_status", hook_file)
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = SimpleNamespace(
        theme={"language": "ko"},
        config_file_path=str(tmp_path / "a.yml"),
        site_url="https://example.org/primer/",
    )
    file = SimpleNamespace(src_uri="01-a.md", abs_src_path=str(tmp_path / "docs/ko/01-a.md"))
    page = SimpleNamespace(file=file, url="ko/01-a/")
    [(_, behind)] = staleness(tmp_path)
    banner = hook.on_page_markdown("본문", page, config, None)
    assert f"(커밋 `{behind}`)" in banner
    assert "[영어 페이지](https://example.org/primer/01-a/)" in banner

"""The README's two commands stay true, and CI runs the test one."""

import re

from helpers import ROOT


def command_after(marker: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- {marker} -->\n```bash\n(.+)\n```", text)
    assert match, f"README.md has no ```bash block right after <!-- {marker} -->"
    return match.group(1)


def test_both_commands_install_the_pinned_torch_before_the_project():
    for marker, extra, runs in (
        ("serve-command", "docs", "mkdocs serve -a 127.0.0.1:8000"),
        ("test-command", "test", "pytest"),
    ):
        command = command_after(marker)
        assert (
            command.index("pip install torch==2.13.0")
            < command.index(f'pip install -e ".[{extra}]"')
            < command.index(runs)
        )


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci and 'bash -c "$test_command"' in ci


def test_korean_readme_shows_the_same_commands():
    korean = (ROOT / "README.ko.md").read_text(encoding="utf-8")
    assert command_after("serve-command") in korean and command_after("test-command") in korean


def test_home_pages_show_the_readme_commands():
    # The chapter links are made by hooks/chapters.py: tests/test_site_build.py checks them.
    for lang in ("en", "ko"):
        home = (ROOT / f"docs/{lang}/index.md").read_text(encoding="utf-8")
        for marker in ("serve-command", "test-command"):
            assert f"```bash\n{command_after(marker)}\n```" in home, (
                f"docs/{lang}/index.md lacks the README's {marker}"
            )

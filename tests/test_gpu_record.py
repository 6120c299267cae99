"""The GPU machine's command, `bash .ci/gpu --offline --record OUTDIR`, and what the site
makes of what it records (hooks/cuda_outputs.py, primer_tools/records.py).

A GPU run cannot happen here, so the same command runs end to end for the CPU tabs of two
pages: it must record them, check them, and bring back an empty patch, since they are right.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

from helpers import ROOT
from primer_tools import records
from primer_tools.pages import load_page
from primer_tools.records import code_hashes

PAGES = ["docs/en/09-gpus-and-devices.md"]  # its nine device tabs exercise the whole path


def run_gpu_command(out: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PRIMER_")} | env
    return subprocess.run(
        ["bash", ".ci/gpu", "--offline", "--wheels", str(out / "no-wheels"), "--record", str(out)],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_without_a_cuda_gpu_it_stops_at_once_with_one_line(tmp_path):
    proc = run_gpu_command(tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("stopped: this torch build has no CUDA"), proc.stdout
    assert not (tmp_path / "outputs.patch").exists()


def test_recording_the_cpu_tabs_brings_back_an_empty_patch(tmp_path):
    proc = run_gpu_command(tmp_path, PRIMER_DEVICE="cpu", PRIMER_PAGES=" ".join(PAGES), PRIMER_WORKERS="0")
    log = (tmp_path / "log.txt").read_text(encoding="utf-8")
    assert proc.returncode == 0, log + proc.stderr
    for step in ("record: the cpu tabs", "record: chapter 21", "check: the gpu-marked", "check: DDP", "check: the cpu tabs"):
        assert f"== {step}" in log and "ok in" in log.split(f"== {step}", 2)[2].splitlines()[0], log
    assert (tmp_path / "outputs.patch").read_text(encoding="utf-8") == "", "the CPU tabs are right: nothing to change"
    record = json.loads((tmp_path / "cpu-outputs.json").read_text(encoding="utf-8"))
    for name in PAGES:
        page = load_page(ROOT / name, ROOT)
        assert record[page.name]["code"] == code_hashes(page, ROOT, "cpu")


def test_a_code_change_outdates_the_outputs_after_it(tmp_path):
    (tmp_path / "docs/en").mkdir(parents=True)
    for part in ("mkdocs.yml", "examples", PAGES[0]):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, tmp_path / part)
    page = load_page(ROOT / PAGES[0], ROOT)
    before = code_hashes(page, ROOT)
    loop = next(block.line for block in page.blocks if "train_on_device.py:training-loop" in block.raw)
    example = tmp_path / "examples/09_one_device/train_on_device.py"
    example.write_text(example.read_text(encoding="utf-8").replace("lr=0.5", "lr=0.4"), encoding="utf-8")
    after = code_hashes(load_page(tmp_path / PAGES[0], tmp_path), tmp_path)
    changed = [then != now for then, now in zip(before, after, strict=True)]
    expected = [block.line > loop for block in page.blocks if block.device == "cuda"]
    assert changed == expected and any(expected) and not all(expected), "the training loop's tab and those after it"
    korean = load_page(ROOT / "docs/ko/09-gpus-and-devices.md", ROOT)
    assert code_hashes(korean, ROOT) == before


def render(language: str, markdown: str, record: dict, monkeypatch, tmp_path) -> str:
    spec = importlib.util.spec_from_file_location("cuda_outputs", ROOT / "hooks/cuda_outputs.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    (tmp_path / "cuda-outputs.json").write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.setattr(records, "RECORD", str(tmp_path / "cuda-outputs.json"))  # absolute: the root does not count
    path = ROOT / "docs" / language / "09-gpus-and-devices.md"
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(path)))
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), theme={"language": language})
    return hook.on_page_markdown(markdown, page, config, None)


def test_placeholders_become_notes_and_recorded_outputs_name_their_gpu(monkeypatch, tmp_path, capsys):
    for language, missing, source, outdated in [
        ("en", '!!! note "Not recorded yet"', "recorded on NVIDIA H200 with PyTorch 2.11.0+cu130", "earlier version"),
        ("ko", '!!! note "아직 기록하지 않은 출력"', "NVIDIA H200에서 파이토치 2.11.0+cu130", "이전 버전의 코드"),
    ]:
        text = (ROOT / "docs" / language / "09-gpus-and-devices.md").read_text(encoding="utf-8")
        shown = render(language, text, {}, monkeypatch, tmp_path)
        assert shown.count(missing) == text.count("<!-- output: cuda") and "(not recorded yet" not in shown

        recorded_text = text.replace("(not recorded yet: the GPU job writes this output", "(printed on a GPU")
        hashes = code_hashes(load_page(ROOT / PAGES[0], ROOT), ROOT)
        gpu = {"device": "NVIDIA H200", "torch": "2.11.0+cu130", "cuda": "13.0", "date": "2026-11-25"}
        record = {"09-gpus-and-devices.md": gpu | {"code": hashes[:-2] + ["0" * 16] * 2}}
        shown = render(language, recorded_text, record, monkeypatch, tmp_path)
        assert shown.count(source) == 1 and shown.count(outdated) == 2 and missing not in shown
        first_tab = shown.index('=== "CUDA"')
        assert first_tab < shown.index(source) < shown.index("(printed on a GPU") < shown.index('=== "CUDA"', first_tab + 1)
    records.main(ROOT)  # the staleness report lists the two outdated outputs
    assert "2 CUDA output(s) recorded for an earlier version" in capsys.readouterr().out

"""Every example is a script a reader can run, and every section it offers is shown."""

from __future__ import annotations

import re
import sys

import pytest

from helpers import ROOT, all_pages
from primer_tools.pages import load_page
from primer_tools.run import console_commands, run_command, runnable_argv

EXAMPLES = sorted(ROOT.glob("examples/*/*.py"))
BLOCKS = [block for page in all_pages() for block in load_page(page, ROOT).blocks]
SHOWN_COMMANDS = [c for b in BLOCKS if b.lang == "console" for c in console_commands(b.raw)]
BASH_LINES = [line for b in BLOCKS if b.lang == "bash" for line in b.raw.splitlines()]


def shown_command(script) -> list[str]:
    """How the pages run the script (torchrun for DDP), or plain `python script`."""
    relative = str(script.relative_to(ROOT))
    for command in SHOWN_COMMANDS + [line.strip() for line in BASH_LINES]:
        if relative in command and command.startswith(("python ", "torchrun ")):
            return [str(ROOT / a) if a == relative else a for a in runnable_argv(command)]
    return [sys.executable, str(script)]


# Scripts that another check runs whole on Linux, and which check that is; this test runs the
# others. A page's check runs a script whose sections open the page in file order, since it runs
# the page's code as one script. The macOS and Windows CI jobs run no page checks and no spawn
# tests, so there this test runs every script.
RUN_WHOLE_BY_ANOTHER_CHECK = {
    "examples/01_what_is_pytorch/check_install.py": "a console block of page 01",
    "examples/01_what_is_pytorch/three_components.py": "page 01's check",
    "examples/02_tensors/creating.py": "page 02's check",
    "examples/04_autograd/gradients.py": "page 04's check",
    "examples/06_data_loading/benchmark_workers.py": "tests/test_spawn.py",
    "examples/06_data_loading/workers.py": "tests/test_spawn.py",
    "examples/08_saving_and_loading/save_and_load.py": "page 08's check",
    "examples/09_one_device/devices.py": "page 09's check",
    "examples/10_multi_gpu/ddp_no_sync.py": "a console block of page 10",
    "examples/10_multi_gpu/ddp_spawn.py": "a console block of page 10, and tests/test_spawn.py",
    "examples/10_multi_gpu/ddp_torchrun.py": "a console block of page 10",
    "examples/10_multi_gpu/fsdp_torchrun.py": "a console block of page 10",
    "examples/10_multi_gpu/model_parallel.py": "page 10's check",
    "examples/11_linear_regression/by_hand.py": "page 11's check",
    "examples/12_torch_nn_regression/with_torch_nn.py": "page 12's check",
    "examples/13_iris_classifier/iris.py": "page 13's check",
    "examples/14_project_template/train.py": "a console block of page 14",
    "examples/15_transfer_learning/transfer.py": "page 15's check",
    "examples/16_watching_training/digits.py": "page 16's check",
    "examples/17_hyperparameter_tuning/tuning.py": "page 17's check",
    "examples/18_out_of_memory/graph_memory.py": "page 18's check",
    "examples/19_model_summaries/summaries.py": "page 19's check",
    "examples/20_mixed_precision/formats.py": "page 20's check",
    "examples/21_gpu_performance/report.py": "tests/test_spawn.py",
}
SCRIPTS = [
    script
    for script in EXAMPLES
    if sys.platform != "linux" or str(script.relative_to(ROOT)) not in RUN_WHOLE_BY_ANOTHER_CHECK
]


def test_the_scripts_run_by_another_check_exist():
    """An entry left behind by a rename would hide nothing, but would mislead the reader."""
    missing = [name for name in RUN_WHOLE_BY_ANOTHER_CHECK if not (ROOT / name).is_file()]
    assert not missing, f"RUN_WHOLE_BY_ANOTHER_CHECK names scripts that do not exist: {missing}"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_example_runs_as_a_script(script, tmp_path):
    command = shown_command(script)
    proc = run_command(command, tmp_path)
    assert proc.returncode == 0, f"`{' '.join(command)}` failed:\n{proc.stderr}"


def test_reader_code_never_imports_the_checking_machinery():
    """examples/ and src/pytorch_primer/ are what readers run: they must work without
    primer_tools."""
    reader_code = [*ROOT.glob("examples/**/*.py"), *ROOT.glob("src/pytorch_primer/**/*.py")]
    imports = re.compile(r"^\s*(from|import)\s+primer_tools\b", re.M)
    offenders = [
        str(p.relative_to(ROOT))
        for p in reader_code
        if imports.search(p.read_text(encoding="utf-8"))
    ]
    assert imports.search("x = 1\nfrom primer_tools.run import reader_env\n"), (
        "the check cannot see an import"
    )
    assert reader_code and not offenders, f"reader code imports primer_tools: {offenders}"

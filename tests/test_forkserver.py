"""A forked run is a fresh interpreter: nothing leaks between runs, output lands with
the block that printed it, and a page prints what the same code pasted into
``python -`` prints."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from helpers import ROOT
from primer_tools import forkserver
from primer_tools.outputs import page_code
from primer_tools.pages import load_page
from primer_tools.run import reader_env

RUNNERS = ["fork", "new interpreter"]


@pytest.fixture(params=RUNNERS)
def run_code(request, monkeypatch):
    if request.param == "fork" and not forkserver.fork_available():
        pytest.skip("fork is used on Linux only")
    monkeypatch.setattr(forkserver, "fork_available", lambda: request.param == "fork")
    return lambda blocks, **kw: forkserver.run_code([textwrap.dedent(b) for b in blocks], reader_env(), **kw)


def test_state_does_not_leak_from_one_run_to_the_next(run_code):
    changed = run_code(["import torch\ntorch.manual_seed(1)\ntorch.set_default_dtype(torch.float64)\nx = 5"])
    assert changed.returncode == 0, changed.stderr
    fresh = run_code(["import torch\nprint(torch.get_default_dtype(), 'x' in globals(), torch.initial_seed() != 1)"])
    assert fresh.outputs == ["torch.float32 False True\n"]


def test_output_lands_with_the_block_that_wrote_it(run_code):
    result = run_code(
        [
            "print('one')",
            "import os, subprocess\nos.write(1, b'two\\n')\nsubprocess.run(['echo', 'three'])",
            "import sys\nsys.stdout.write('four\\n')",
        ]
    )
    assert result.outputs == ["one\n", "two\nthree\n", "four\n"]


def test_the_code_runs_as_main_with_the_argv_of_python_dash(run_code):
    blocks = [
        "class Point:\n    pass",
        "import pickle, sys\nprint(__name__, sys.argv, type(pickle.loads(pickle.dumps(Point()))).__name__)",
    ]
    assert run_code(blocks).outputs[1] == "__main__ ['-'] Point\n"


def test_a_failing_block_stops_the_run_and_is_named(run_code):
    result = run_code(["print('before')", "1 / 0", "print('never')"])
    assert result.returncode == 1
    assert result.outputs == ["before\n", ""]
    assert "<page block 2>" in result.error and "ZeroDivisionError" in result.error


def test_a_run_that_hangs_is_stopped(run_code):
    with pytest.raises(subprocess.TimeoutExpired):
        run_code(["import time\ntime.sleep(60)"], timeout=1)
    assert run_code(["print('still serving')"]).outputs == ["still serving\n"]


def test_a_script_gets_its_own_argv_path_and_exit_status(tmp_path):
    script = tmp_path / "tool.py"
    (tmp_path / "helper_module.py").write_text("NAME = 'sibling module'\n")
    script.write_text("import sys\nimport helper_module\nprint(sys.argv[1:], helper_module.NAME, __file__)\nsys.exit(3)\n")
    result = forkserver.run_script(["tool.py", "--epochs", "2"], tmp_path, reader_env())
    assert result.returncode == 3
    assert result.outputs == [f"['--epochs', '2'] sibling module {script}\n"]


@pytest.mark.parametrize("name", ["02-tensors", "06-data-loading"])
def test_a_forked_page_run_prints_what_python_dash_prints(name):
    """The claim the replay check rests on, tested against a real `python -`."""
    blocks = page_code(load_page(ROOT / f"docs/en/{name}.md", ROOT))
    forked = forkserver.run_code(blocks, reader_env())
    real = subprocess.run(
        [sys.executable, "-"], input="\n".join(blocks), capture_output=True, text=True, env=reader_env(), cwd=ROOT / "src"
    )
    assert real.returncode == 0, real.stderr
    assert "".join(forked.outputs) == real.stdout


def test_each_run_gets_its_own_environment_from_one_server(run_code, monkeypatch):
    show = ["import os\nprint(os.environ.get('PRIMER_PROBE', 'unset'))"]
    monkeypatch.setenv("PRIMER_PROBE", "first")
    first = run_code(show)
    servers = len(forkserver._servers)
    monkeypatch.delenv("PRIMER_PROBE")
    second = run_code(show)
    assert (first.outputs, second.outputs) == (["first\n"], ["unset\n"])
    assert len(forkserver._servers) == servers, "a changed variable must not start another server"

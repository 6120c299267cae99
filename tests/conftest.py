import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from helpers import ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> tuple[Path, str]:
    """The site built once per test run with `mkdocs build --strict`; (folder, build log). Under
    pytest-xdist the first worker to ask builds it and the others wait and reuse it, as xdist
    recommends for a session fixture that runs once."""
    shared = (
        tmp_path_factory.getbasetemp()
        if worker_id == "master"
        else tmp_path_factory.getbasetemp().parent
    )
    site, log_file = shared / "site", shared / "site-build.log"
    with FileLock(str(shared / "site-build.lock")):
        if not log_file.exists():
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
            proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
            log_file.write_text(f"{proc.returncode}\n{proc.stdout}{proc.stderr}", encoding="utf-8")
    returncode, log = log_file.read_text(encoding="utf-8").split("\n", 1)
    assert returncode == "0", f"mkdocs build --strict failed:\n{log}"
    return site, log

"""The test suite's settings for every process it starts. How pytest collects pages and runs
notebooks is in the plugin primer_tools.pytest_plugin, loaded here."""

import os

# Idle OpenMP threads sleep instead of spinning. Every process the suite starts (page runs, scripts,
# notebook kernels, torchrun) inherits this; results do not change, but with several torch processes
# on two cores, spinning threads take the CPU from the ones with work: two page-running workers side
# by side took 88 s and 79 s spinning, 59 s and 61 s sleeping. Set before anything in this process
# loads torch.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from primer_tools.run import SAME_ON_EVERY_CPU  # noqa: E402

# Notebook kernels and every other process the suite starts compute as the page checks do.
os.environ.update(SAME_ON_EVERY_CPU)

pytest_plugins = ["primer_tools.pytest_plugin"]

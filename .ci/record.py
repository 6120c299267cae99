"""Note where the device tabs of the named pages were just recorded, and the code each ran.

    python .ci/record.py RECORD_FILE DEVICE PAGE...

For each page: the machine, torch build, CUDA version and date (primer_tools.records), and
one hash per output block for DEVICE of the code that printed it (primer_tools.records,
which later compares them). Other pages' entries in RECORD_FILE are kept.
"""

import datetime
import json
import platform
import sys
from pathlib import Path

import torch

from primer_tools.pages import load_page, repo_root
from primer_tools.records import code_hashes

out, device, *pages = sys.argv[1:]
root, target = repo_root(), Path(out)
record = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
for name in pages:
    page = load_page(root / name, root)
    entry = {
        "date": datetime.datetime.now(datetime.timezone.utc).date().isoformat(),
        "device": torch.cuda.get_device_name() if device == "cuda" else "CPU",
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "python": platform.python_version(),
    }
    record[page.name] = entry | {"code": code_hashes(page, root, device)}
    print(f"{page.name}: {len(record[page.name]['code'])} {device} output(s) recorded on {entry['device']}")
target.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")

"""What a reader of a CUDA tab should know: on which GPU its outputs were recorded (once,
in the page's first recorded CUDA tab, from docs/cuda-outputs.json), which of them were
recorded for an earlier version of the code (primer_tools/stale.py), and, until a GPU
run records one, a note in place of the placeholder the page keeps for it.
"""

from pathlib import Path

from primer_tools.pages import load_page, parse_blocks
from primer_tools.stale import code_hashes, recorded

NOTES = {
    "en": (
        "*The CUDA outputs on this page were recorded on {device} with PyTorch {torch} (CUDA {cuda}) on {date}.*",
        '!!! warning "Recorded for an earlier version of the code"\n    The code has changed since a GPU run recorded'
        " this output; the next GPU run records it again.",
        '!!! note "Not recorded yet"\n    A GPU run has not recorded this output yet. What the code prints without a'
        " GPU is in the CPU tab.",
    ),
    "ko": (
        "*이 페이지의 CUDA 출력은 {date}에 {device}에서 파이토치 {torch}(CUDA {cuda})로 기록했습니다.*",
        '!!! warning "이전 버전의 코드로 기록한 출력"\n    GPU 실행에서 이 출력을 기록한 뒤에 코드가 바뀌었습니다.'
        " 다음 GPU 실행에서 다시 기록합니다.",
        '!!! note "아직 기록하지 않은 출력"\n    GPU 실행에서 아직 이 출력을 기록하지 않았습니다. GPU가 없을 때'
        " 코드가 출력하는 내용은 CPU 탭에 있습니다.",
    ),
}


PLACEHOLDER = "(not recorded yet"


def on_page_markdown(markdown: str, page, config, files) -> str:
    shown = [block for block in parse_blocks(markdown) if block.device == "cuda"]
    if not shown:
        return markdown
    root, path = Path(config.config_file_path).parent, Path(page.file.abs_src_path)
    entry = recorded(root).get(path.name)
    changed = [now != then for now, then in zip(code_hashes(load_page(path, root), root), entry["code"])] if entry else []
    first = next((block for block in shown if not block.raw.startswith(PLACEHOLDER)), None)
    source, outdated, missing = NOTES.get(config.theme.get("language"), NOTES["en"])
    for number, block in reversed(list(enumerate(shown))):
        if block.raw.startswith(PLACEHOLDER):  # the note stands in for the placeholder
            markdown = markdown[: block.start] + indent(missing, block.indent) + markdown[block.end :]
            continue
        notes = [source.format(**entry)] if entry and block is first else []
        notes += [outdated] if number < len(changed) and changed[number] else []
        markdown = markdown[: block.start] + "".join(indent(n, block.indent) for n in notes) + markdown[block.start :]
    return markdown


def indent(note: str, prefix: str) -> str:
    return "".join(prefix + line if line.strip() else line for line in (note + "\n\n").splitlines(True))

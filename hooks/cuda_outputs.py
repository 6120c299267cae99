"""CUDA tabs: on which GPU their outputs were recorded (once, in the first), which are outdated
(primer_tools/records.py), and a note in place of the placeholder of one not recorded yet."""

import textwrap
from pathlib import Path

from primer_tools.pages import NOT_RECORDED, parse_blocks
from primer_tools.records import recorded

NOTES = {  # where the outputs were recorded, an outdated output, an output not recorded yet
    "en": (
        "*The CUDA outputs on this page were recorded on {device} with PyTorch {torch} "
        "(CUDA {cuda}) on {date}.*",
        '!!! warning "Recorded for an earlier version of the code"\n'
        "    The code changed after a GPU run recorded this.",
        '!!! note "Not recorded yet"\n'
        "    No GPU run has recorded this output yet; the CPU tab shows what the code prints.",
    ),
    "ko": (
        "*이 페이지의 CUDA 출력은 {date}에 {device}에서 "
        "파이토치 {torch}(CUDA {cuda})로 기록했습니다.*",
        '!!! warning "이전 버전의 코드로 기록한 출력"\n'
        "    GPU가 있는 컴퓨터에서 이 출력을 기록한 뒤에 코드가 바뀌었습니다.",
        '!!! note "아직 기록하지 않은 출력"\n'
        "    GPU가 있는 컴퓨터에서 나온 이 출력은 아직 기록되지 않았습니다. "
        "코드가 CPU에서 출력하는 내용은 CPU 탭에 있습니다.",
    ),
}


def on_page_markdown(markdown: str, page, config, files) -> str:
    shown = [block for block in parse_blocks(markdown) if block.device == "cuda"]
    root, name = Path(config.config_file_path).parent, Path(page.file.abs_src_path).name
    entry, changed = recorded(root, name) if shown else (None, [])
    source, outdated, missing = NOTES.get(config.theme.get("language"), NOTES["en"])
    first = next((block for block in shown if not block.raw.startswith(NOT_RECORDED)), None)
    for number, block in reversed(list(enumerate(shown))):
        placeholder = block.raw.startswith(NOT_RECORDED)  # its note takes its place
        notes = (
            [missing]
            if placeholder
            else [source.format(**entry)]
            if entry and block is first
            else []
        )
        notes += [outdated] if not placeholder and number < len(changed) and changed[number] else []
        text = "".join(textwrap.indent(note + "\n\n", block.indent) for note in notes)
        markdown = (
            markdown[: block.start] + text + markdown[block.end if placeholder else block.start :]
        )
    return markdown

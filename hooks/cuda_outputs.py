"""CUDA tabs: on which GPU their outputs were recorded (once, in the first), which are outdated
(primer_tools/records.py), and a note in place of the placeholder of one not recorded yet."""

import textwrap
from pathlib import Path

from primer_tools.pages import NOT_RECORDED, parse_blocks
from primer_tools.records import recorded
from primer_tools.strings import ui_text


def on_page_markdown(markdown: str, page, config, files) -> str:
    shown = [block for block in parse_blocks(markdown) if block.device == "cuda"]
    root, name = Path(config.config_file_path).parent, Path(page.file.abs_src_path).name
    if not shown:
        return markdown
    entry, changed = recorded(root, name)
    words = ui_text(config.theme.get("language", "en"))
    first = next((block for block in shown if not block.raw.startswith(NOT_RECORDED)), None)
    for number, block in reversed(list(enumerate(shown))):
        if block.raw.startswith(NOT_RECORDED):  # the note takes the placeholder's place
            note = textwrap.indent(words["cuda_not_recorded"] + "\n\n", block.indent)
            markdown = markdown[: block.start] + note + markdown[block.end :]
            continue
        notes = []
        if entry and block is first:
            notes.append(words["cuda_recorded_on"].format(**entry))
        if number < len(changed) and changed[number]:
            notes.append(words["cuda_outdated"])
        text = "".join(textwrap.indent(note + "\n\n", block.indent) for note in notes)
        markdown = markdown[: block.start] + text + markdown[block.start :]
    return markdown

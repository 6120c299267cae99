"""Read the site's Markdown pages the way a reader sees them.

A page is a sequence of fenced blocks between prose. The ones that matter here:

* ``python`` blocks: only ``--8<--`` lines, expanded by pymdownx.snippets with the
  options in mkdocs.yml, so the code checked is the code the built page shows;
* ``text`` blocks right after a ``python`` or ``console`` block: the output shown;
* ``console`` blocks: ``$ python examples/...`` or ``$ torchrun ...`` lines that the
  tests run from the repository root.

An HTML comment right before a ``text`` block qualifies it:

* ``<!-- output: varies -->``: the output depends on the machine (a version, which
  accelerators exist); the check compares its form (see ``output_form``);
* ``<!-- output: cpu -->`` / ``<!-- output: cuda -->``: the output of a machine without
  / with a CUDA GPU, usually in content tabs (``=== "CPU"`` / ``=== "CUDA"``) after the
  same block. Each machine checks its own; the other is skipped with the reason.
  Flags combine: ``<!-- output: cuda, varies -->``.

A ``python`` block that includes whole files (no ``:section``) is a *listing* of a
command-line script: it is not run with the page; a ``console`` block runs it.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")
SNIPPET_LINE = re.compile(r"""^\s*(?:;?)--8<--\s+(["'])(?P<target>[^"']+)\1\s*$""")
OUTPUT_MARK = re.compile(r"<!--\s*output:\s*(?P<flags>[\w,\s]+?)\s*-->\s*$")
BETWEEN_OUTPUTS = re.compile(r"^(\s*|\s*===\s+\"[^\"]*\"\s*|\s*<!--\s*output:[^>]*-->\s*)$")
DEVICES = ("cpu", "cuda")
LANGUAGES = ("en", "ko")


def repo_root() -> Path:
    """The folder holding mkdocs.yml: the current one or a parent of it."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise FileNotFoundError("run this inside the PyTorch Primer repository (no mkdocs.yml found)")


@dataclass
class Block:
    """One fenced block of a page."""

    lang: str  # first word of the info string: python, text, console, bash, ...
    info: str
    raw: str  # the content as written in the Markdown file
    line: int  # 1-based line of the opening fence
    start: int  # character offsets of the whole block (fences included)
    end: int
    content_start: int
    content_end: int
    indent: str = ""
    flags: frozenset = frozenset()  # from <!-- output: ... --> on the line before
    code: str = ""  # python blocks: the code after snippet expansion

    @property
    def snippet_targets(self) -> list[str]:
        return [m["target"] for m in map(SNIPPET_LINE.match, self.raw.splitlines()) if m]

    @property
    def varies(self) -> bool:
        return "varies" in self.flags

    @property
    def device(self) -> str | None:
        return next((d for d in DEVICES if d in self.flags), None)

    @property
    def is_listing(self) -> bool:
        """A whole script shown for the command line, not run with the page."""
        targets = self.snippet_targets
        return self.lang == "python" and bool(targets) and all(":" not in t for t in targets)


@functools.lru_cache(maxsize=1)
def machine_device() -> str:
    """Which outputs this machine checks: "cuda" with a usable CUDA GPU, else "cpu".

    PRIMER_DEVICE overrides it (the GPU job sets it, to fail loudly if CUDA is missing)."""
    if os.environ.get("PRIMER_DEVICE"):
        return os.environ["PRIMER_DEVICE"]
    if sys.platform == "darwin" or (sys.platform.startswith("linux") and not Path("/dev/nvidiactl").exists()):
        return "cpu"  # no CUDA driver here: no need to spend a second importing torch to learn that
    import torch  # only here: parity and glossary checks never need it

    return "cuda" if torch.cuda.is_available() else "cpu"


@dataclass
class Step:
    """A runnable block of a page and the output blocks that follow it.

    ``outputs`` are all of them (one per device in tabs, or one for every machine);
    ``output`` is the one this machine checks, and ``elsewhere`` those it cannot.
    """

    block: Block
    outputs: list[Block]
    device: str = "cpu"

    @property
    def output(self) -> Block | None:
        mine = [o for o in self.outputs if o.device in (None, self.device)]
        return mine[0] if mine else None

    @property
    def elsewhere(self) -> list[Block]:
        return [o for o in self.outputs if o.device not in (None, self.device)]


@dataclass
class Page:
    path: Path
    text: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def language(self) -> str:
        return self.path.parent.name

    def steps(self, lang: str, device: str | None = None) -> list[Step]:
        """Each ``python`` (or ``console``) block with the ``text`` blocks that follow it
        (only blank lines, tab titles and output marks between them). Listings are not steps."""
        device = device or machine_device()
        steps = []
        for i, block in enumerate(self.blocks):
            if block.lang != lang or block.is_listing:
                continue
            outputs, end = [], block.end
            for after in self.blocks[i + 1 :]:
                between = self.text[end : after.start].splitlines()
                if after.lang != "text" or not all(BETWEEN_OUTPUTS.match(line) for line in between):
                    break
                outputs.append(after)
                end = after.end
            steps.append(Step(block, outputs, device))
        return steps

    def code_lines(self) -> set[int]:
        """Line numbers taken by fenced blocks, fences included."""
        return {n for block in self.blocks for n in range(block.line, block.line + block.raw.count("\n") + 2)}

    def headings(self) -> list[tuple[int, int]]:
        """(level, line) of each ATX heading outside code blocks."""
        inside = self.code_lines()
        found = []
        for number, line in enumerate(self.text.splitlines(), start=1):
            m = re.match(r"^(#{1,6})\s", line)
            if m and number not in inside:
                found.append((len(m.group(1)), number))
        return found


def parse_blocks(text: str) -> list[Block]:
    """Fenced blocks at any indentation (inside tabs and admonitions too)."""
    blocks: list[Block] = []
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    i = 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i].rstrip("\n"))
        if not m or not m["info"].strip() and m["fence"][0] == "~":
            i += 1
            continue
        indent, fence, info = m["indent"], m["fence"], m["info"].strip()
        closing = re.compile(rf"^{re.escape(indent)}{fence[0]}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not closing.match(lines[j].rstrip("\n")):
            j += 1
        body = "".join(line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in lines[i + 1 : j])
        previous = OUTPUT_MARK.search(lines[i - 1]) if i > 0 else None
        lang = info.split()[0].lstrip("{.").rstrip("}") if info else ""
        blocks.append(
            Block(
                lang=lang,
                info=info,
                raw=body,
                line=i + 1,
                start=offsets[i],
                end=offsets[min(j + 1, len(lines))],
                content_start=offsets[i + 1],
                content_end=offsets[j] if j < len(lines) else offsets[-1],
                indent=indent,
                flags=frozenset(f.strip() for f in previous["flags"].split(",")) if previous else frozenset(),
            )
        )
        i = j + 1
    return blocks


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


@functools.lru_cache(maxsize=1)
def snippet_options(root: Path) -> dict:
    """pymdownx.snippets options from mkdocs.yml, with base paths made absolute."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            options = dict(extension["pymdownx.snippets"])
            options["base_path"] = [str(root / p) for p in options.get("base_path", ["."])]
            return options
    raise LookupError("mkdocs.yml does not enable pymdownx.snippets")


def expand_snippets(source: str, root: Path) -> str:
    """Expand ``--8<--`` lines exactly as the site build does."""
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": snippet_options(root)},
    )
    lines = md.preprocessors["snippet"].run(source.splitlines())
    return "\n".join(lines).strip("\n") + "\n"


def load_page(path: Path, root: Path | None = None) -> Page:
    root = root or repo_root()
    text = path.read_text(encoding="utf-8")
    page = Page(path=path, text=text, blocks=parse_blocks(text))
    for block in page.blocks:
        if block.lang == "python" or block.snippet_targets:  # a json block may include config.json
            block.code = expand_snippets(block.raw, root)
    return page


def page_paths(root: Path, language: str) -> list[Path]:
    return sorted((root / "docs" / language).glob("*.md"))


def output_form(text: str) -> str:
    """What a machine-dependent output must keep: its words, not its versions or counts."""
    text = re.sub(r"\b\d+(\.\d+)+([+.\-]?[0-9A-Za-z_.]+)*", "<version>", text)
    text = re.sub(r"\b(True|False)\b", "<bool>", text)
    return re.sub(r"\b\d+\b", "<n>", text)

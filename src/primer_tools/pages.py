"""Read the site's Markdown pages the way a reader sees them.

A page is prose between fenced blocks. The blocks that matter here:

* ``python``: only ``--8<--`` lines, expanded by pymdownx.snippets with mkdocs.yml's
  options, so the code checked is the code the built page shows. A block that includes
  whole files (no ``:section``) is a *listing* of a script that a ``console`` block runs;
* ``console``: ``$ python examples/...`` or ``$ torchrun ...`` lines, run by the tests;
* ``text`` right after a ``python`` or ``console`` block: the output shown. An HTML
  comment on the line before qualifies it: ``<!-- output: varies -->`` (depends on the
  machine: compared by form, see ``outputs.output_form``), ``<!-- output: cpu -->`` /
  ``<!-- output: cuda -->`` (a machine without / with a CUDA GPU, in ``=== "CPU"`` /
  ``=== "CUDA"`` tabs after the same block; each machine checks its own), ``2 gpus`` (an
  output that needs a machine with two GPUs: primer_tools.record). Flags combine; any other
  flag is an authoring mistake (``rules.output_marks_are_known``).

A chapter is a page with code; the others (home, glossary, credits) are prose.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from mkdocs.utils.yaml import get_yaml_loader, yaml_load
from pymdownx.snippets import SnippetMissingError
from sybil import Document
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

FENCED_BLOCKS = RawFencedCodeBlockLexer(
    info_pattern=re.compile(r"(?P<language>[^\s`]*)[^\n`]*$\n", re.M)
)
SNIPPET_LINE = re.compile(r"""^\s*(?:;?)--8<--\s+(["'])(?P<target>[^"']+)\1\s*$""")
OUTPUT_MARK = re.compile(r"<!--\s*output:\s*(?P<flags>[\w,\s]+?)\s*-->\s*$")
BETWEEN_OUTPUTS = re.compile(r"^(\s*|\s*===\s+\"[^\"]*\"\s*|\s*<!--\s*output:[^>]*-->\s*)$")
OUTPUT_FLAGS = ("varies", "cpu", "cuda")  # and "N gpus"
GPUS_FLAG = re.compile(r"\d+ gpus")
SECTION_MARKER = re.compile(r"#\s*--8<--\s*\[(?P<kind>start|end):(?P<name>[\w-]+)\]")
LANGUAGES = ("en", "ko")
# A chapter's front matter: its summary, which the home page shows (hooks/chapters.py).
FRONT_MATTER = re.compile(r"\A---\n.*?^---\n+", re.S | re.M)
NOT_RECORDED = "(not recorded yet"  # how a device output no run has recorded yet begins


def repo_root() -> Path:
    """The folder holding mkdocs.yml: the current one or a parent of it."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise FileNotFoundError("run this inside the PyTorch Primer repository (no mkdocs.yml found)")


@dataclass(frozen=True)
class Problem:
    """Something an author or translator must fix: the file (relative to the repository), the
    line (0 when it concerns the whole file) and a message that says what to do."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"


class AuthoringError(Exception):
    """A mistake that stops a command before it can do its work, such as a page that includes
    a section no example has. ``python -m primer_tools`` prints its message, not a traceback."""


@dataclass
class Block:
    """One fenced block of a page."""

    lang: str  # first word of the info string: python, text, console, bash, ...
    raw: str  # the content as written in the Markdown file
    line: int  # 1-based line of the opening fence
    start: int  # character offsets of the whole block (fences included)
    end: int
    indent: str = ""
    flags: frozenset = frozenset()  # from <!-- output: ... --> on the line before
    code: str = ""  # python blocks: the code after snippet expansion

    @property
    def snippet_targets(self) -> list[str]:
        return [m["target"] for m in map(SNIPPET_LINE.match, self.raw.splitlines()) if m]

    @property
    def device(self) -> str | None:
        return next((d for d in ("cpu", "cuda") if d in self.flags), None)

    @property
    def gpus(self) -> int:
        """How many GPUs the output needs (``<!-- output: cuda, 2 gpus -->``); 0 unless it says."""
        for flag in self.flags:
            if flag.endswith(" gpus"):
                return int(flag.removesuffix(" gpus"))
        return 0

    @property
    def is_listing(self) -> bool:
        """A whole script shown for the command line, not run with the page."""
        return (
            self.lang == "python"
            and bool(self.snippet_targets)
            and all(":" not in t for t in self.snippet_targets)
        )


@dataclass
class Step:
    """A runnable block and the output blocks after it: ``output`` is the one for
    ``device``, ``elsewhere`` those for the other machine."""

    block: Block
    outputs: list[Block]
    device: str = "cpu"

    @property
    def output(self) -> Block | None:
        return next((o for o in self.outputs if o.device in (None, self.device)), None)

    @property
    def elsewhere(self) -> list[Block]:
        return [o for o in self.outputs if o.device not in (None, self.device)]


@dataclass
class Page:
    path: Path
    text: str
    blocks: list[Block]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def language(self) -> str:
        return self.path.parent.name

    def steps(
        self, device: str = "cpu", langs: tuple[str, ...] = ("python", "console")
    ) -> list[Step]:
        """Each runnable block, in page order, with the ``text`` blocks that follow it (only
        blank lines, tab titles and output marks between them), ``device`` being the machine
        whose outputs count. Listings are not steps."""
        steps = []
        for i, block in enumerate(self.blocks):
            if block.lang not in langs or block.is_listing:
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
        return {
            n
            for block in self.blocks
            for n in range(block.line, block.line + block.raw.count("\n") + 2)
        }

    def headings(self) -> list[tuple[int, int]]:
        """(level, line) of each ATX heading outside code blocks."""
        inside, headings = self.code_lines(), []
        for number, line in enumerate(self.text.splitlines(), start=1):
            heading = re.match(r"^(#{1,6})\s", line)
            if heading and number not in inside:
                headings.append((len(heading[1]), number))
        return headings


def parse_blocks(text: str) -> list[Block]:
    """Fenced blocks at any indentation (inside tabs and admonitions too), found by Sybil's
    lexer."""
    blocks = []
    for region in FENCED_BLOCKS(Document(text, "")):
        indent = re.match(r"[ \t]*", text[region.start :])[0]
        body = text[text.index("\n", region.start) + 1 : text.rindex("\n", 0, region.end) + 1]
        flags = frozenset()
        line_before = text[text.rfind("\n", 0, max(region.start - 1, 0)) + 1 : region.start]
        mark = OUTPUT_MARK.search(line_before)
        if mark:
            flags = frozenset(flag.strip() for flag in mark["flags"].split(","))
        end = region.end
        if text[end : end + 1] == "\n":
            end += 1
        blocks.append(
            Block(
                lang=str(region.lexemes["language"]),
                raw="".join(line.removeprefix(indent) for line in body.splitlines(keepends=True)),
                line=text.count("\n", 0, region.start) + 1,
                start=region.start,
                end=end,
                indent=indent,
                flags=flags,
            )
        )
    return blocks


@functools.lru_cache(maxsize=1)
def mkdocs_config(root: Path) -> dict:
    """mkdocs.yml, read by MkDocs' own loader (``!ENV [NAME, default]`` as a build reads it).

    A ``!!python/name:`` value stays its dotted name. Importing it would need Material, which
    the checks do without: the examples job installs no site tools, on Python 3.10 too.
    """
    loader = get_yaml_loader()
    loader.add_multi_constructor("tag:yaml.org,2002:python/name:", keep_dotted_name)
    return yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"), loader)


def keep_dotted_name(loader, suffix: str, node) -> str:
    return suffix


@functools.lru_cache(maxsize=1)
def snippet_options(root: Path) -> dict:
    """pymdownx.snippets options from mkdocs.yml, base paths made absolute."""
    config = mkdocs_config(root)
    [options] = [
        e["pymdownx.snippets"] for e in config["markdown_extensions"] if "pymdownx.snippets" in e
    ]
    return dict(options, base_path=[str(root / p) for p in options.get("base_path", ["."])])


@functools.lru_cache(maxsize=4)
def snippet_preprocessor(root: Path):
    """pymdownx.snippets with mkdocs.yml's options, made once per folder. Making it builds a
    whole Markdown parser: 0.6 s of the 2 s of CPU that `check` took. It reads files at each run."""
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": snippet_options(root)},
    )
    return md.preprocessors["snippet"]


def expand_snippets(source: str, root: Path) -> str:
    """Expand ``--8<--`` lines exactly as the site build does."""
    lines = snippet_preprocessor(root).run(source.splitlines())
    return "\n".join(lines).strip("\n") + "\n"


def load_page(path: Path, root: Path | None = None) -> Page:
    root = root or repo_root()
    text = path.read_text(encoding="utf-8")
    page = Page(path=path, text=text, blocks=parse_blocks(text))
    for block in page.blocks:
        if block.lang == "python" or block.snippet_targets:  # a json block may include config.json
            try:
                block.code = expand_snippets(block.raw, root)
            except SnippetMissingError as error:
                where = f"docs/{page.language}/{page.name}"
                raise AuthoringError(str(missing_snippet(where, block, root, error))) from None
    return page


def missing_snippet(where: str, block: Block, root: Path, error: Exception) -> Problem:
    """Which ``--8<--`` line of the block names a file or section that does not exist."""
    for number, line in enumerate(block.raw.splitlines(), start=block.line + 1):
        match = SNIPPET_LINE.match(line)
        if not match:
            continue
        file, _, section = match["target"].partition(":")
        if not (root / file).is_file():
            return Problem(where, number, f"`{file}` does not exist: fix the path on this line")
        text = (root / file).read_text(encoding="utf-8")
        sections = [m["name"] for m in SECTION_MARKER.finditer(text) if m["kind"] == "start"]
        if section and section not in sections:
            known = "it has none"
            if sections:
                known = f"its sections are {', '.join(sections)}"
            message = (
                f"{file} has no section `{section}` ({known}). Fix the name on this line (in both "
                f"languages), or mark the code in {file} with `# --8<-- [start:{section}]` and "
                f"`# --8<-- [end:{section}]`"
            )
            return Problem(where, number, message)
    return Problem(where, block.line, f"this block's --8<-- lines cannot be expanded: {error}")


def page_paths(root: Path, language: str) -> list[Path]:
    return sorted((root / "docs" / language).glob("*.md"))


def chapter_paths(root: Path, language: str) -> list[Path]:
    """Pages that teach code: those with at least one ``--8<--`` line."""
    return [p for p in page_paths(root, language) if "--8<--" in p.read_text(encoding="utf-8")]

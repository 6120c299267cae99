"""The English-Korean glossary (``glossary.tsv``, the project's copy of the shared one) and the
checks it drives on Korean prose; the site's glossary pages and tooltips come from it too."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

from .pages import FRONT_MATTER, Page, Problem

# Terms whose Korean word is also an everyday word (생성 "create", 반복 "repeat"):
# asking for the English gloss at every such use would be noise. 정답 is not one of
# them: it means a label only (an exercise's answer box is 풀이), so it is glossed.
EVERYDAY_WORDS = {"spawn", "iteration", "transform", "output", "example"}


@dataclass
class Term:  # a row of glossary.tsv
    english: str
    korean: str
    keep_english: str
    note: str
    avoid_regex: str
    meaning_en: str
    meaning_ko: str

    @functools.cached_property
    def avoid(self) -> re.Pattern | None:
        if not self.avoid_regex:
            return None
        return re.compile(self.avoid_regex)


def load_terms() -> list[Term]:
    source = resources.files(__package__).joinpath("glossary.tsv").read_text(encoding="utf-8")
    return [Term(**row) for row in csv.DictReader(source.splitlines(), delimiter="\t")]


def prose_lines(page: Page) -> list[tuple[int, str]]:
    """(line number, text) of the page's prose, without code blocks, inline code, HTML comments,
    images, link targets or the notebook link."""
    inside = page.code_lines()
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), page.text, flags=re.S)
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        if number in inside or line.startswith("[:material-"):
            continue
        line = re.sub(r"`[^`]*`|!\[[^\]]*\]\([^)]*\)", " ", line)
        lines.append((number, re.sub(r"\]\([^)]*\)", "]", line)))
    return lines


def avoided_forms(page: Page, terms: list[Term]) -> list[Problem]:
    problems = []
    for number, line in prose_lines(page):
        for term in terms:
            found = None
            if term.avoid:
                found = term.avoid.search(line)
            if found:
                message = (
                    f"`{found.group(0)}` is a form the glossary avoids; write `{term.korean}` "
                    f"({term.english}). Glossary note: {term.note}"
                )
                problems.append(Problem(f"docs/ko/{page.name}", number, message))
    return problems


def english_term(term: Term) -> str:
    return re.sub(r"\s*\(.*\)$", "", term.english)


def glossed_lines(page: Page) -> list[tuple[int, str]]:
    """(line number, stripped text) of the prose where a term's first use counts: no headings,
    and neither the front matter's summary (the home page shows it) nor the "what you will
    learn" box, which sum up the chapter in a few words before it starts; the glosses belong
    where the chapter first uses a term."""
    lines, in_box = [], False
    front_matter_lines = 0
    front_matter = FRONT_MATTER.match(page.text)
    if front_matter:
        front_matter_lines = front_matter.group(0).count("\n")
    for number, line in prose_lines(page):
        if number <= front_matter_lines or line.lstrip().startswith("#"):
            continue
        if line.startswith("!!! abstract"):
            in_box = True
            continue
        if in_box and (line.startswith("    ") or not line.strip()):
            continue  # the box's indented body
        in_box = False
        if line.strip():
            lines.append((number, line.strip()))
    return lines


def _line_at(lines: list[tuple[int, str]], offset: int) -> int:
    """The page line holding character ``offset`` of the lines joined by spaces."""
    for number, line in lines:
        if offset <= len(line):
            return number
        offset -= len(line) + 1
    return 0


def _english_pattern(english: str) -> str:
    """The English gloss, with spaces and hyphens interchangeable (cross entropy, cross-entropy)."""
    return r"[\s-]".join(re.escape(word) for word in re.split(r"[\s-]+", english))


def missing_first_use_gloss(page: Page, terms: list[Term]) -> list[Problem]:
    """A first-use term must carry its English in parentheses the first time the page uses it."""
    lines = glossed_lines(page)
    prose = " ".join(line for _, line in lines)  # a term or its gloss may wrap onto the next line
    problems = []
    for term in terms:
        english = english_term(term)
        if term.keep_english != "first-use" or english in EVERYDAY_WORDS or term.korean == english:
            continue
        first, glossed = _first_use(term, english, _masked(prose, term, terms))
        if first < 0 or glossed == first:
            continue
        if glossed < 0:
            message = f"`{term.korean}` is never glossed: write `{term.korean}({english})` here"
        else:
            message = (
                f"`{term.korean}` first appears here without its English: "
                f"move `({english})` here from line {_line_at(lines, glossed)}"
            )
        problems.append(Problem(f"docs/ko/{page.name}", _line_at(lines, first), message))
    return problems


def _masked(prose: str, term: Term, terms: list[Term]) -> str:
    """The prose with longer terms that hold this one hidden: 역전파 in 역전파 단계 and 계층 in
    은닉 계층 are uses of the longer term, not of this one."""
    for longer in terms:
        if term.korean in longer.korean and longer.korean != term.korean:
            prose = prose.replace(longer.korean, "#" * len(longer.korean))
    return prose


def _first_use(term: Term, english: str, prose: str) -> tuple[int, int]:
    """Where the prose first uses the term, and where it first glosses it (-1: nowhere)."""
    # The English may follow the emphasis that closes on the word: *편도함수*(partial derivative)
    gloss = re.compile(re.escape(term.korean) + r"\**\s*\([^)]*?" + _english_pattern(english), re.I)
    found = gloss.search(prose)
    if found is None:
        return prose.find(term.korean), -1
    return prose.find(term.korean), found.start()

"""The English-Korean glossary (``glossary.tsv``, the project's copy of the shared one) and the
checks it drives on Korean prose; the site's glossary pages and tooltips come from it too."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

from .pages import FRONT_MATTER, Page

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
        return re.compile(self.avoid_regex) if self.avoid_regex else None


def load_terms() -> list[Term]:
    source = resources.files(__package__).joinpath("glossary.tsv").read_text(encoding="utf-8")
    return [Term(**row) for row in csv.DictReader(source.splitlines(), delimiter="\t")]


def prose_lines(page: Page) -> list[tuple[int, str]]:
    """(line number, text) of the page's prose: no code blocks, inline code, HTML comments or link
    targets."""
    inside = page.code_lines()
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), page.text, flags=re.S)
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if n not in inside]
    lines = [
        (n, re.sub(r"`[^`]*`|!\[[^\]]*\]\([^)]*\)", " ", line))
        for n, line in lines
        if not line.startswith("[:material-")
    ]
    return [
        (n, re.sub(r"\]\([^)]*\)", "]", line)) for n, line in lines
    ]  # no code, image alt text or link targets


def avoided_forms(page: Page, terms: list[Term]) -> list[str]:
    problems = []
    for number, line in prose_lines(page):
        for term in terms:
            if term.avoid and (m := term.avoid.search(line)):
                problems.append(
                    f"docs/ko/{page.name}:{number}: `{m.group(0)}` is a form the glossary avoids; "
                    f"write `{term.korean}` ({term.english}). Glossary note: {term.note}"
                )
    return problems


def english_term(term: Term) -> str:
    return re.sub(r"\s*\(.*\)$", "", term.english)


def prose_text(page: Page) -> str:
    """The page's prose as one string: code, headings and comments out, line breaks as spaces.

    The front matter's summary and the "what you will learn" box are left out too: they sum up
    the chapter in a few words before it starts (the summary on the home page), and the glosses
    belong where the chapter first uses a term."""
    text = "\n".join(line for _, line in prose_lines(page) if not line.lstrip().startswith("#"))
    text = FRONT_MATTER.sub("", text)  # the summary the home page shows, not this page
    text = re.sub(
        r"^!!! abstract.*\n(?:(?: {4}.*)?\n)*", "", text + "\n", flags=re.M
    )  # the box and its indented body
    return re.sub(r"\s*\n\s*", " ", text)  # a term or gloss may wrap onto the next line


def _english_pattern(english: str) -> str:
    """The English gloss, with spaces and hyphens interchangeable (cross entropy, cross-entropy)."""
    return r"[\s-]".join(re.escape(word) for word in re.split(r"[\s-]+", english))


def missing_first_use_gloss(page: Page, terms: list[Term]) -> list[str]:
    """A first-use term must carry its English in parentheses the first time the page uses it.

    An occurrence inside a longer glossary term (역전파 in 역전파 단계, 계층 in 은닉 계층)
    is that longer term's, not this one's.
    """
    prose = prose_text(page)
    problems = []
    for term in terms:
        english = english_term(term)
        if term.keep_english != "first-use" or english in EVERYDAY_WORDS or term.korean == english:
            continue
        masked = prose
        for longer in terms:
            if term.korean in longer.korean and longer.korean != term.korean:
                masked = masked.replace(longer.korean, "#" * len(longer.korean))
        first = masked.find(term.korean)
        if first < 0:
            continue
        # the English may follow the emphasis that closes on the word:
        # *편도함수*(partial derivative)
        gloss = re.compile(
            re.escape(term.korean) + r"\**\s*\([^)]*?" + _english_pattern(english), re.I
        )
        found = gloss.search(masked)
        if not found:
            problems.append(
                f"docs/ko/{page.name}: `{term.korean}` is used but never glossed: write "
                f"`{term.korean}({english})` at its first use on the page"
            )
        elif found.start() > first:
            context = prose[max(0, first - 15) : first + len(term.korean) + 15]
            problems.append(
                f"docs/ko/{page.name}: `{term.korean}` first appears unglossed (…{context}…); move "
                f"`({english})` to that first use"
            )
    return problems

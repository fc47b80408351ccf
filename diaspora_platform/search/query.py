"""What people type, read as a query: plain words (all must match), `"a phrase"`,
`word*` (a word starting so), `X OR Y`, `-word` and `NOT word` (must not match).
Everything else is plain text: no input is a syntax error, and an operator without a
word to act on is read as nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diaspora_platform.search import analysis

MAX_QUERY = 200  # characters considered; longer input is cut at a word boundary
MAX_CLAUSES = 12  # words, phrases and prefixes that count, at most
MIN_PREFIX = 2  # letters before a `*` that make it a prefix
# A phrase in quotes (an unclosed one runs to the end), or a run of other characters.
_PIECE = re.compile(r'"([^"]*)"?|([^\s"]+)')


@dataclass(frozen=True)
class Part:
    """One thing a document must (or must not) contain: a word's term, a phrase's
    terms in order, or a prefix of a word (its spelling key)."""

    kind: str  # "term", "phrase" or "prefix"
    terms: tuple[str, ...]


@dataclass
class Parsed:
    clauses: list[tuple[Part, ...]] = field(default_factory=list)  # all; each any part
    excluded: list[Part] = field(default_factory=list)
    text: str = ""  # what was read (cut to MAX_QUERY)


def cut(text: str) -> str:
    """`text` cut to MAX_QUERY characters, at a word boundary when it ran longer."""
    text = (text or "").strip()
    if len(text) <= MAX_QUERY:
        return text
    head = text[:MAX_QUERY]
    if not text[MAX_QUERY].isspace() and " " in head:
        head = head.rsplit(" ", 1)[0]  # the word cut in the middle is left out
    return head.strip()


def _parts(phrase: str | None, word: str | None) -> list[Part]:
    """The parts one piece of input stands for (a word with a hyphen may be several)."""
    if phrase is not None:
        terms = tuple(analysis.match_terms(phrase))
        if len(terms) > 1:
            return [Part("phrase", terms)]
        return [Part("term", terms)] if terms else []
    if word.endswith("*"):
        stem = word.rstrip("*")
        key = analysis.word_key(stem) if re.fullmatch(analysis.TOKEN_PATTERN, stem) else ""
        if len(key) >= MIN_PREFIX:
            return [Part("prefix", (key,))]
    return [Part("term", (t,)) for t in dict.fromkeys(analysis.match_terms(word))]


def parse(text: str) -> Parsed:
    """Read `text` (see the module docstring); at most MAX_CLAUSES parts count."""
    text = cut(text)
    out = Parsed(text=text)
    negate = join = False
    for match in _PIECE.finditer(text):
        phrase, word = match.groups()
        if word in ("OR", "NOT") or (word and word.strip("-") == ""):
            join, negate = (word == "OR" and bool(out.clauses)), word in ("NOT", "-")
            continue
        if word and word.startswith("-"):
            negate, word = True, word.lstrip("-")
        parts = _parts(phrase, word)
        if negate:
            out.excluded.extend(parts)
        elif join and parts:
            out.clauses[-1] = (*out.clauses[-1], *parts)
        else:
            out.clauses.extend((part,) for part in parts)
        if parts:
            negate = join = False
    out.clauses = out.clauses[:MAX_CLAUSES]
    out.excluded = out.excluded[:MAX_CLAUSES]
    return out

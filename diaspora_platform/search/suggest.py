"""Corrections for "did you mean" and the fuzzy fallback, the same for every backend.

A backend answers two questions: `known(term)`, whether a public document holds the match
term, and `near(key, edits)`, the (analysis.word_key, word as written) pairs of its
vocabulary within that many edits of a key. The vocabulary holds the words of public
documents only, so that nothing in review, rejected, hidden or members-only is offered.
Everything else, which words to correct and which candidate wins, is decided here, so both
backends correct alike.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from diaspora_platform.search import analysis

FUZZY_FROM = 4  # letters a word needs before one edit is forgiven
TWO_EDITS_FROM = 8  # ... and two
MAX_WORDS = 6  # words of a query that are looked at
BUDGET = 0.05  # seconds a correction may take; words after that stay as typed
_WORD = re.compile(analysis.TOKEN_PATTERN)


def max_edits(word: str) -> int:
    """Edits forgiven in a word of this length: none under 4 letters, 1, 2 from 8."""
    letters = sum(ch.isalpha() for ch in word)
    return 0 if letters < FUZZY_FROM else 1 if letters < TWO_EDITS_FROM else 2


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    if len(a) < len(b):
        a, b = b, a
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word (padded with two spaces before, one after)."""
    padded = f"  {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity: shared trigrams over all trigrams of both."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta or tb else 0.0


@dataclass(frozen=True)
class Correction:
    key: str
    word: str  # as written in a public document


def best(key: str, candidates, edits: int) -> Correction | None:
    """The nearest candidate within `edits`: fewest edits, then most alike, then A-Z."""
    scored = [(edit_distance(key, k), -similarity(key, k), k, word)
              for k, word in candidates if k != key]
    scored = [row for row in scored if row[0] <= edits]
    if not scored:
        return None
    _d, _s, found, word = min(scored)
    return Correction(found, word)


class Cache:
    """Corrections per word, forgotten when the vocabulary's version changes."""

    def __init__(self, size: int = 5000):
        self.size, self.version = size, None
        self._items: OrderedDict[str, Correction | None] = OrderedDict()

    def get(self, version, word: str, compute: Callable[[], Correction | None]):
        if version != self.version:
            self._items.clear()
            self.version = version
        if word in self._items:
            self._items.move_to_end(word)
            return self._items[word]
        value = self._items[word] = compute()
        if len(self._items) > self.size:
            self._items.popitem(last=False)
        return value


def correct_word(word: str, vocabulary) -> Correction | None:
    """A known word (a public document holds it) is never corrected."""
    found = analysis.term(word)
    edits = max_edits(word)
    if not found or not edits or vocabulary.known(found):
        return None
    key = analysis.word_key(word)
    return best(key, vocabulary.near(key, edits), edits)


def correct(text: str, vocabulary, cache: Cache | None = None, version=None) -> str | None:
    """`text` with each unknown word replaced by its nearest public word; None when
    nothing changed. Bounded: at most MAX_WORDS words and BUDGET seconds."""
    words = _WORD.findall(text or "")[:MAX_WORDS]
    deadline = time.perf_counter() + BUDGET
    fixed, changed = [], False
    for word in words:
        if time.perf_counter() > deadline:
            fixed.append(word)
            continue
        found = (cache.get(version, word.lower(), lambda w=word: correct_word(w, vocabulary))
                 if cache is not None else correct_word(word, vocabulary))
        fixed.append(found.word if found else word)
        changed = changed or found is not None
    return " ".join(fixed) if changed else None

"""Queries of several required terms on Whoosh, answered from whole posting lists.

Whoosh intersects posting lists by leapfrogging matchers, a few Python calls per step; two
common words in 100,000 documents took tens of milliseconds, a phrase (its terms and pairs)
hundreds. Here each term's posting list of a segment is read once as two NumPy arrays
(documents, weights) and kept while the segment lives (a segment never changes; its
deletions are applied when it is read), so a query intersects arrays and scores only the
documents that hold every term, exactly as the matchers would: the same terms, weights and
SaturatedWeighting (computed in the same order, in double precision), an exact title's
boost, and equal scores in index order. NumPy does the per-document work in C: two
common words in 100,000 documents cost a few milliseconds, not tens.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict

import numpy as np
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, AndMaybe, Term

MAX_POSTINGS = 2_000_000  # postings kept in memory (8 bytes each), least recently used go
_EMPTY = (np.zeros(0, np.int32), np.zeros(0, np.float32))


class PostingCache:
    """(documents, weights) of a term in a segment, deletions not applied."""

    def __init__(self, limit: int = MAX_POSTINGS):
        self.limit, self.size = limit, 0
        self._lists: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def get(self, segment_key: str, reader, field: str, text: str
            ) -> tuple[np.ndarray, np.ndarray]:
        key = (segment_key, field, text)
        found = self._lists.get(key)
        if found is not None:
            self._lists.move_to_end(key)
            return found
        found = self._lists[key] = _read(reader, field, text)
        self.size += len(found[0])
        while self.size > self.limit and len(self._lists) > 1:
            _key, (docs, _weights) = self._lists.popitem(last=False)
            self.size -= len(docs)
        return found

    def forget_except(self, segment_keys: set[str]) -> None:
        """Drop the lists of segments that are gone (merged, an old generation)."""
        for key in [k for k in self._lists if k[0] not in segment_keys]:
            self.size -= len(self._lists.pop(key)[0])


def _read(reader, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers ascending, their weights) of a term in one segment."""
    if (field, text) not in reader:
        return _EMPTY
    docs, weights = array("i"), array("f")
    matcher = reader.postings(field, text)
    if isinstance(matcher, FilterMatcher):  # deleted documents: left out when read
        matcher = matcher.child
    while matcher.is_active():  # a block at a time (whoosh3's block arrays)
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        start = matcher._i
        docs.extend(matcher._ids[start:])
        weights.extend(matcher._weights[start:])
        matcher._next_block()
    return np.frombuffer(docs, dtype=np.int32), np.frombuffer(weights, dtype=np.float32)


def _terms(q) -> list[Term] | None:
    """The terms of a query that is an AND of terms (nested or not), else None."""
    if isinstance(q, Term):
        return [q]
    if type(q) is not And or q.boost != 1.0:
        return None
    found = []
    for sub in q.subqueries:
        terms = _terms(sub)
        if terms is None:
            return None
        found += terms
    return found


def plan(text, ranked) -> tuple[list[Term], Term | None] | None:
    """(required terms, optional exact-title term) when `text` is a term or an AND of
    terms and `ranked` is None or `text` AND MAYBE one term; else None (Whoosh's matchers
    answer ORs, exclusions and the rest)."""
    terms = _terms(text)
    if not terms:
        return None
    if ranked is None:
        return terms, None
    if (type(ranked) is AndMaybe and ranked.a is text and isinstance(ranked.b, Term)
            and ranked.boost == 1.0):
        return terms, ranked.b
    return None


def _contribution(idf: float, boost: float, weight: float, k1: float) -> float:
    return idf * weight * (k1 + 1) / (weight + k1) * boost


def _positions(docs: np.ndarray, found: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each document of `found` (ascending): its index in `docs` (ascending) and
    whether it is there."""
    if not len(docs):
        return np.zeros(len(found), np.intp), np.zeros(len(found), bool)
    at = np.minimum(np.searchsorted(docs, found), len(docs) - 1)
    return at, docs[at] == found


def matches(cache: PostingCache, key: str, reader, terms: list[Term]) -> np.ndarray:
    """Documents of one segment holding every term (not deleted), in index order."""
    unique = sorted({(t.fieldname, t.text) for t in terms},
                    key=lambda ft: reader.doc_frequency(*ft))
    docs = cache.get(key, reader, *unique[0])[0]
    for field, text in unique[1:]:
        if not len(docs):
            break
        docs = docs[_positions(cache.get(key, reader, field, text)[0], docs)[1]]
    if len(docs) and reader.has_deletions():
        deleted = np.fromiter(reader.deleted_docs_set, np.int32)
        docs = docs[~np.isin(docs, deleted)]
    return docs


def scores(cache: PostingCache, key: str, reader, searcher, terms: list[Term],
           exact: Term | None, filters: list[Term], found: np.ndarray, k1: float
           ) -> np.ndarray:
    """The score of each document of `found`: the sum over the terms (repeats count),
    plus the exact term's boosted score where a document has it, plus the filters' terms
    (every document of `found` has each of those once)."""
    wanted = found
    totals = np.zeros(len(wanted))
    for term in [*terms, *([exact] if exact is not None else [])]:
        docs, weights = cache.get(key, reader, term.fieldname, term.text)
        at, held = _positions(docs, wanted)
        if not held.any():
            continue
        weight = weights[at].astype(np.float64) if len(docs) else np.zeros(len(wanted))
        idf = searcher.idf(term.fieldname, term.text)
        # The same operations in the same order as _contribution, so the same doubles.
        value = idf * weight * (k1 + 1) / (weight + k1) * term.boost
        totals = np.where(held, totals + value, totals)
    for term in filters:
        totals = totals + _contribution(searcher.idf(term.fieldname, term.text), term.boost,
                                        1.0, k1)
    return totals


def best(scored: list[np.ndarray], numbers: list[np.ndarray], wanted: int) -> list[int]:
    """Document numbers of the `wanted` best documents, best first, equal scores in index
    order (as heapq.nlargest of (score, -number) pairs)."""
    if not scored:
        return []
    scores, docs = np.concatenate(scored), np.concatenate(numbers)
    if len(scores) > wanted:  # only what can make the page: the wanted-th score or better
        floor = np.partition(scores, len(scores) - wanted)[len(scores) - wanted]
        keep = scores >= floor
        scores, docs = scores[keep], docs[keep]
    return docs[np.lexsort((docs, -scores))][:wanted].tolist()

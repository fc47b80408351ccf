"""Queries of several required terms on Whoosh, answered from whole posting lists.

Whoosh intersects posting lists by leapfrogging matchers, a few Python calls per step; two
common words in 100,000 documents took tens of milliseconds, a phrase (its terms and pairs)
hundreds. Here each term's posting list of a segment is read once as two arrays (documents,
weights) and kept while the segment lives (a segment never changes; its deletions are
applied when it is read), so a query intersects arrays and scores only the documents that
hold every term, exactly as the matchers would: the same terms, weights and
SaturatedWeighting, an exact title's boost, and equal scores in index order.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections import OrderedDict

from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, AndMaybe, Term

MAX_POSTINGS = 2_000_000  # postings kept in memory (8 bytes each), least recently used go


class PostingCache:
    """(documents, weights) of a term in a segment, deletions not applied."""

    def __init__(self, limit: int = MAX_POSTINGS):
        self.limit, self.size = limit, 0
        self._lists: OrderedDict[tuple, tuple[array, array]] = OrderedDict()

    def get(self, segment_key: str, reader, field: str, text: str) -> tuple[array, array]:
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


def _read(reader, field: str, text: str) -> tuple[array, array]:
    docs, weights = array("i"), array("f")
    if (field, text) not in reader:
        return docs, weights
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
    return docs, weights


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


def plan(text, ranked, filtered: bool) -> tuple[list[Term], Term | None] | None:
    """(required terms, optional exact-title term) when `text` is an AND of terms, two or
    more or one with a type or country filter, and `ranked` is None or `text` AND MAYBE
    one term; else None (one word alone: Whoosh's block-max pass answers it quicker)."""
    terms = _terms(text)
    if terms is None or len({(t.fieldname, t.text) for t in terms}) < (1 if filtered else 2):
        return None
    if ranked is None:
        return terms, None
    if (type(ranked) is AndMaybe and ranked.a is text and isinstance(ranked.b, Term)
            and ranked.boost == 1.0):
        return terms, ranked.b
    return None


def _contribution(idf: float, boost: float, weight: float, k1: float) -> float:
    return idf * weight * (k1 + 1) / (weight + k1) * boost


def matches(cache: PostingCache, key: str, reader, terms: list[Term]) -> list[int]:
    """Documents of one segment holding every term (not deleted), in index order."""
    unique = sorted({(t.fieldname, t.text) for t in terms},
                    key=lambda ft: reader.doc_frequency(*ft))
    docs = set(cache.get(key, reader, *unique[0])[0])
    for field, text in unique[1:]:
        if not docs:
            break
        docs.intersection_update(cache.get(key, reader, field, text)[0])
    deleted = reader.deleted_docs_set if reader.has_deletions() else ()
    return sorted(d for d in docs if d not in deleted) if deleted else sorted(docs)


def scores(cache: PostingCache, key: str, reader, searcher, terms: list[Term],
           exact: Term | None, filters: list[Term], found: list[int], k1: float) -> list[float]:
    """The score of each document of `found`: the sum over the terms (repeats count),
    plus the exact term's boosted score where a document has it, plus the filters' terms
    (every document of `found` has each of those once)."""
    totals = [0.0] * len(found)
    for term in [*terms, *([exact] if exact is not None else [])]:
        docs, weights = cache.get(key, reader, term.fieldname, term.text)
        held = _weights_of(docs, weights, found)
        idf = searcher.idf(term.fieldname, term.text)
        value = {w: _contribution(idf, term.boost, w, k1) for w in set(held) if w is not None}
        totals = [t if w is None else t + value[w] for t, w in zip(totals, held, strict=True)]
    for term in filters:
        value = _contribution(searcher.idf(term.fieldname, term.text), term.boost, 1.0, k1)
        totals = [t + value for t in totals]
    return totals


def _weights_of(docs: array, weights: array, found: list[int]) -> list[float | None]:
    """The weight of each document of `found` in one posting list (None: not in it)."""
    if len(found) * 8 < len(docs):  # few documents, a long list: look each one up
        held = []
        for d in found:
            at = bisect_left(docs, d)
            held.append(weights[at] if at < len(docs) and docs[at] == d else None)
        return held
    by_doc = dict(zip(docs, weights, strict=True))
    return [by_doc.get(d) for d in found]


def best(ranked: list[tuple[float, int]], wanted: int) -> list[int]:
    """Document numbers of the `wanted` best (score, -document) pairs, best first."""
    return [-neg for _score, neg in heapq.nlargest(wanted, ranked)]

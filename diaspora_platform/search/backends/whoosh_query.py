"""Answering one query on a Whoosh index: the best page from all matches, counts and
facets from a bounded pass; and the vocabulary behind "did you mean".

Whoosh's own search builds the filter as a set of every allowed document per search and
groups each facet with one more full search: a common word in 100,000 documents then takes
hundreds of milliseconds. Here:

- each document's type, country and audience are read from lists (and arrays of codes)
  built once per index segment and kept while the segment lives (a segment never
  changes: a deletion only hides documents, and hidden ones never match), so filtering is
  a lookup and reopening the index builds them for its new segments only;
- a word or an AND of words (most queries) is answered from whole posting lists held as
  arrays (whoosh_postings): intersected, filtered, scored and ranked in C, every match
  scored;
- anything else (OR, NOT) is ranked from all matches: a scored pass keeps the best `page * per_page`
  documents the reader may see and skips every block of postings whose best possible
  score (block-max quality, SaturatedWeighting) cannot beat the worst of them, and stops
  when nothing after can (a tie never displaces an earlier document, so skipping ties
  changes nothing);
- an unscored pass counts up to `query.cap` (COUNT_CAP) visible matches for the total (a
  lower bound when it stopped, ResultPage.more) and the facets; with a type or country
  filter, the facets come from one more unscored pass without it.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from whoosh.query import And, Term
from whoosh.query import Query as WhooshQuery

from diaspora_platform.search.backends import whoosh_postings
from diaspora_platform.search.backends.base import Query, facet_counts

FIELDS = ("type", "country", "audience")


@dataclass
class Answer:
    docnums: list[int]  # the requested page, best first
    total: int
    facets: dict[str, dict[str, int]]
    more: bool  # counting stopped at the cap: `total` is a lower bound


class Codes:
    """One field's values of a segment's documents as small integers (NumPy), so that the
    documents of a posting list are filtered in C."""

    def __init__(self, values: list[str]):
        self.names, codes = np.unique(np.asarray(values, dtype=object).astype(str),
                                      return_inverse=True)
        self.codes = codes.astype(np.int16)

    def mask(self, docs: np.ndarray, value: str) -> np.ndarray:
        """Which of `docs` have `value`."""
        at = np.searchsorted(self.names, value)
        if at >= len(self.names) or self.names[at] != value:
            return np.zeros(len(docs), bool)
        return self.codes[docs] == at


class SegmentCache:
    """Each segment's lists of type, country and audience (and their Codes), kept while
    the segment exists."""

    def __init__(self) -> None:
        self._lists: dict[str, tuple[list[str], ...]] = {}
        self._codes: dict[str, tuple[Codes, ...]] = {}
        self.postings = whoosh_postings.PostingCache()

    def view(self, searcher) -> DocValues:
        """The values of every document of `searcher`, segment by segment."""
        found, codes, per_leaf, per_leaf_codes = {}, {}, [], []
        for sub, _offset in leaves(searcher):
            segment = sub.reader().segment()
            if segment is None:  # an index without segments: nothing to look up
                per_leaf.append(((), (), ()))
                per_leaf_codes.append(None)
                continue
            key = segment.segment_id()
            found[key] = self._lists.get(key) or tuple(_values(sub.reader(), f) for f in FIELDS)
            codes[key] = self._codes.get(key) or tuple(Codes(values) for values in found[key])
            per_leaf.append(found[key])
            per_leaf_codes.append(codes[key])
        # Segments gone (merged, an old generation) are forgotten.
        self._lists, self._codes = found, codes
        self.postings.forget_except(set(found))
        return DocValues(per_leaf, self.postings, per_leaf_codes)


def _values(reader, field: str) -> list[str]:
    values = [""] * reader.doc_count_all()
    for btext in reader.lexicon(field):
        value = btext.decode("utf-8")
        for docnum in reader.postings(field, btext).all_ids():
            values[docnum] = value
    return values


def leaves(searcher) -> list[tuple[object, int]]:
    return searcher.subsearchers or [(searcher, 0)]


class DocValues:
    """type, country and audience of each document of one searcher, per segment (the
    lists of segment i are per_leaf[i], indexed by the document number inside it)."""

    def __init__(self, per_leaf: list[tuple[list[str], ...]],
                 postings: whoosh_postings.PostingCache | None = None,
                 per_leaf_codes: list[tuple[Codes, ...] | None] | None = None):
        self.per_leaf = per_leaf
        self.postings = postings or whoosh_postings.PostingCache()
        self.per_leaf_codes = per_leaf_codes or [
            tuple(Codes(list(values)) for values in lists) if lists[0] else None
            for lists in per_leaf]

    def audience(self, leaf: int, docnum: int) -> str:
        return self.per_leaf[leaf][2][docnum]

    def _matches(self, searcher, q: WhooshQuery, query: Query, scored: bool,
                 filtered: bool) -> Iterator[tuple[int, str, str, object]]:
        """(document number, type, country, matcher) of each match the reader may see
        (that passes the type and country filters if `filtered`), lazily; with `scored`,
        skipping what cannot make the page (see `rank`)."""
        kind = query.type if filtered else None
        country = query.country if filtered else None
        for leaf, (sub, offset) in enumerate(leaves(searcher)):
            types, countries, audiences = self.per_leaf[leaf]
            matcher = q.matcher(sub, sub.context() if scored else sub.boolean_context())
            while matcher.is_active():
                docnum = matcher.id()
                if ((query.staff or audiences[docnum] == "public")
                        and (kind is None or types[docnum] == kind)
                        and (country is None or countries[docnum] == country)):
                    yield docnum + offset, types[docnum], countries[docnum], matcher
                matcher.next()

    def rank(self, searcher, q: WhooshQuery, query: Query, wanted: int) -> list[int]:
        """The best `wanted` visible matches of all, best first; equal scores in index
        order, which a rebuild makes the registry's order of types, then object ids, as
        PostgreSQL breaks ties."""
        best: list[tuple[float, int]] = []  # heap of (score, -docnum)
        kind, country = query.type, query.country
        for leaf, (sub, offset) in enumerate(leaves(searcher)):
            types, countries, audiences = self.per_leaf[leaf]
            matcher = q.matcher(sub, sub.context())
            quality = matcher.supports_block_quality()
            while matcher.is_active():
                if quality and len(best) == wanted:
                    floor = best[0][0]
                    if matcher.max_quality() <= floor:
                        break  # nothing further in this segment can beat the page
                    if matcher.block_quality() <= floor:
                        before = matcher.id()
                        matcher.skip_to_quality(floor)
                        if matcher.is_active() and matcher.id() == before:
                            matcher.next()  # some matchers stay put: this block cannot win
                        continue
                docnum = matcher.id()
                if ((query.staff or audiences[docnum] == "public")
                        and (kind is None or types[docnum] == kind)
                        and (country is None or countries[docnum] == country)):
                    entry = (matcher.score(), -(docnum + offset))
                    if len(best) < wanted:
                        heapq.heappush(best, entry)
                    elif entry > best[0]:
                        heapq.heapreplace(best, entry)
                matcher.next()
        return [-docnum for _score, docnum in sorted(best, reverse=True)]

    @staticmethod
    def _count(matches, cap: int) -> tuple[Counter, int]:
        """(type, country) counts of up to `cap` matches, and how many were seen (one more
        than the cap when there are more)."""
        pairs: Counter = Counter()
        seen = 0
        for _docnum, kind, country, _matcher in matches:
            if seen == cap:
                return pairs, seen + 1
            pairs[kind, country] += 1
            seen += 1
        return pairs, seen

    def first_public(self, searcher, q: WhooshQuery, limit: int) -> list[int]:
        """The first `limit` public documents matching `q`, unscored (type-ahead)."""
        found = []
        for leaf, (sub, offset) in enumerate(leaves(searcher)):
            audiences = self.per_leaf[leaf][2]
            matcher = q.matcher(sub, sub.boolean_context())
            while matcher.is_active() and len(found) < limit:
                if audiences[matcher.id()] == "public":
                    found.append(matcher.id() + offset)
                matcher.next()
        return found

    def answer(self, searcher, text: WhooshQuery, query: Query,
               ranked: WhooshQuery | None = None) -> Answer:
        """`text` finds, `ranked` (default: `text`) orders the page."""
        filters = [(name, value) for name, value in (("type", query.type),
                                                     ("country", query.country)) if value]
        # A filter that keeps few documents is also joined to the query, so that Whoosh
        # skips through the postings instead of the loop looking at every match.
        half = searcher.doc_count_all() / 2
        narrow = [Term(name, value) for name, value in filters
                  if searcher.doc_frequency(name, value) < half]
        planned = whoosh_postings.plan(text, ranked)
        if planned is not None:
            return self._answer_from_postings(searcher, *planned, narrow, query, bool(filters))
        found = And([text, *narrow]) if narrow else text
        best = self.rank(searcher, And([ranked, *narrow]) if narrow and ranked else
                         ranked or found, query, query.page * query.per_page)
        pairs, seen = self._count(self._matches(searcher, found, query, False, True), query.cap)
        if filters:
            pairs = self._count(self._matches(searcher, text, query, False, False),
                                query.cap)[0]
        page = best[(query.page - 1) * query.per_page:]
        return Answer(page, min(seen, query.cap), facet_counts(pairs, query),
                      more=seen > query.cap)


    def _answer_from_postings(self, searcher, terms: list[Term], exact: Term | None,
                              narrow: list[Term], query: Query, filtered: bool) -> Answer:
        """`answer` for an AND of terms (whoosh_postings): the same page, total and facets
        from the documents holding every term, segment by segment in index order."""
        kind, country, cap = query.type, query.country, query.cap
        scored, numbers = [], []  # per segment: the kept documents' scores, their numbers
        pairs, everything = Counter(), Counter()  # (type, country) counts: kept, unfiltered
        seen = unfiltered = 0
        for leaf, (sub, offset) in enumerate(leaves(searcher)):
            reader = sub.reader()
            segment = reader.segment()
            if segment is None:
                continue
            key = segment.segment_id()
            types, countries, _audiences = self.per_leaf[leaf]
            type_codes, country_codes, audience_codes = self.per_leaf_codes[leaf]
            found = whoosh_postings.matches(self.postings, key, reader, terms)
            visible = found if query.staff else found[audience_codes.mask(found, "public")]
            kept = visible
            if kind is not None:
                kept = kept[type_codes.mask(kept, kind)]
            if country is not None:
                kept = kept[country_codes.mask(kept, country)]
            for d in kept[:cap + 1 - seen].tolist():
                if seen < cap:
                    pairs[types[d], countries[d]] += 1
                seen += 1
            if filtered:
                for d in visible[:cap - unfiltered].tolist():
                    everything[types[d], countries[d]] += 1
                unfiltered = min(cap, unfiltered + len(visible))
            scored.append(whoosh_postings.scores(self.postings, key, reader, searcher, terms,
                                                 exact, narrow, kept, searcher.weighting.K1))
            numbers.append(kept.astype(np.int64) + offset)
        best = whoosh_postings.best(scored, numbers, query.page * query.per_page)
        page = best[(query.page - 1) * query.per_page:]
        return Answer(page, min(seen, cap), facet_counts(everything if filtered else pairs,
                                                         query), more=seen > cap)


class Vocabulary:
    """The public documents' words of one searcher, for search.suggest. Asked segment by
    segment: each finds words within a distance with an automaton, where a reader over
    several segments compares the word with every word; a word only deleted documents
    still list is skipped (postings leave deleted documents out)."""

    def __init__(self, searcher, values: DocValues | None):
        self.leaves = [(sub.reader(), leaf) for leaf, (sub, _offset)
                       in enumerate(leaves(searcher)) if sub.reader().segment() is not None]
        self.values = values

    def _live(self, field: str, text: str) -> bool:
        return any((field, text) in r and r.postings(field, text).is_active()
                   for r, _offset in self.leaves)

    def known(self, term: str) -> bool:
        """A public document holds `term` (looks at 1,000 of its documents at most)."""
        looked = 0
        for reader, leaf in self.leaves:
            if ("text", term) not in reader:
                continue
            postings = reader.postings("text", term)
            while postings.is_active() and looked < 1000:
                if self.values.audience(leaf, postings.id()) == "public":
                    return True
                looked += 1
                postings.next()
        return False

    def near(self, key: str, edits: int) -> list[tuple[str, str]]:
        found = {k for r, _o in self.leaves for k in r.terms_within("words", key, edits)}
        return [(k, self._spelling(k)) for k in sorted(found) if self._live("words", k)]

    def expand(self, key: str, limit: int) -> list[str]:
        """Words whose key starts with `key`, in order of their keys, `limit` at most."""
        found: dict[str, str] = {}
        for reader, _offset in self.leaves:
            mine = set()  # each segment's first `limit` keys hold the overall first ones
            for spelling in reader.expand_prefix("spellings", key):
                text = spelling.decode("utf-8") if isinstance(spelling, bytes) else spelling
                word_key, word = text.split("=", 1)
                if word_key not in mine and reader.postings("spellings", text).is_active():
                    mine.add(word_key)
                    found.setdefault(word_key, word)
                if len(mine) >= limit:
                    break
        return [found[k] for k in sorted(found)[:limit]]

    def _spelling(self, key: str) -> str:
        for reader, _offset in self.leaves:
            for spelling in reader.expand_prefix("spellings", f"{key}="):
                text = spelling.decode("utf-8") if isinstance(spelling, bytes) else spelling
                if reader.postings("spellings", text).is_active():
                    return text.split("=", 1)[1]
        return key

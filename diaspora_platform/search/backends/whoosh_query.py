"""Answering one query on a Whoosh index: one bounded pass that counts, filters and ranks;
and the vocabulary behind "did you mean".

Whoosh's own search scores every match of an AND query before it can return the top ten
(block-max skipping does not help when every block of a common word holds a title
match), builds the filter as a set of every allowed document per search, and groups each
facet with one more full search: a common word in 100,000 documents then takes hundreds of
milliseconds. Here:

- each document's type, country and audience are read from lists built once per index
  segment (a segment never changes: a deletion only hides documents, and hidden ones
  never match), so filtering is a lookup;
- one pass over the matches stops after `query.cap` (COUNT_CAP) documents the reader may
  see; it counts them (the total is a lower bound when it stopped, ResultPage.more),
  counts the facets and keeps the best page by score. So when more documents match, the
  page is the best of the first ones, as with the PostgreSQL backend's candidates;
- with a type or country filter, the facets come from a second, unscored pass without it.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from whoosh.query import And, Term
from whoosh.query import Query as WhooshQuery

from diaspora_platform.search.backends.base import Query, facet_counts

FIELDS = ("type", "country", "audience")


@dataclass
class Answer:
    docnums: list[int]  # the requested page, best first
    total: int
    facets: dict[str, dict[str, int]]
    more: bool  # counting stopped at the cap: `total` is a lower bound


class SegmentCache:
    """Each segment's lists of type, country and audience, kept while the segment exists."""

    def __init__(self) -> None:
        self._lists: dict[str, tuple[list[str], ...]] = {}

    def view(self, searcher) -> DocValues:
        """The values of every document of `searcher`, by its document numbers."""
        found = {}
        for sub, _offset in leaves(searcher):
            segment = sub.reader().segment()
            if segment is None:  # an index without segments: nothing to look up
                continue
            key = segment.segment_id()
            found[key] = self._lists.get(key) or tuple(_values(sub.reader(), f) for f in FIELDS)
        self._lists = found  # segments gone (merged, old generation) are forgotten
        return DocValues(*([value for lists in found.values() for value in lists[i]]
                           for i in range(len(FIELDS))))


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
    """type, country and audience by document number, for one searcher."""

    def __init__(self, types: list[str], countries: list[str], audiences: list[str]):
        self.types, self.countries, self.audiences = types, countries, audiences

    def _visible(self, searcher, q: WhooshQuery, query: Query, scored: bool,
                 filtered: bool) -> Iterator[tuple[int, object]]:
        """(document number, matcher at it) for each match the reader may see, and that
        passes the type and country filters if `filtered`; lazily (an AND matcher's
        all_ids() would first read every posting of its terms)."""
        audiences, types, countries = self.audiences, self.types, self.countries
        kind = query.type if filtered else None
        country = query.country if filtered else None
        for sub, offset in leaves(searcher):
            matcher = q.matcher(sub, sub.context() if scored else sub.boolean_context())
            while matcher.is_active():
                docnum = matcher.id() + offset
                if ((query.staff or audiences[docnum] == "public")
                        and (kind is None or types[docnum] == kind)
                        and (country is None or countries[docnum] == country)):
                    yield docnum, matcher
                matcher.next()

    def first_public(self, searcher, q: WhooshQuery, limit: int) -> list[int]:
        """The first `limit` public documents matching `q`, unscored (type-ahead)."""
        found = []
        for sub, offset in leaves(searcher):
            matcher = q.matcher(sub, sub.boolean_context())
            while matcher.is_active() and len(found) < limit:
                if self.audiences[matcher.id() + offset] == "public":
                    found.append(matcher.id() + offset)
                matcher.next()
        return found

    def _pairs(self, docnums: Iterator[int], cap: int) -> tuple[Counter, int]:
        pairs: Counter = Counter()
        types, countries = self.types, self.countries
        seen = 0
        for docnum in docnums:
            if seen == cap:
                return pairs, seen + 1  # one more than the cap: there are more
            pairs[types[docnum], countries[docnum]] += 1
            seen += 1
        return pairs, seen

    def answer(self, searcher, text: WhooshQuery, query: Query) -> Answer:
        filters = [(name, value) for name, value in (("type", query.type),
                                                     ("country", query.country)) if value]
        # A filter that keeps few documents is also joined to the query, so that Whoosh
        # skips through the postings instead of the loop looking at every match.
        half = searcher.doc_count_all() / 2
        narrow = [Term(name, value) for name, value in filters
                  if searcher.doc_frequency(name, value) < half]
        wanted = query.page * query.per_page
        best: list[tuple[float, int]] = []  # heap of (score, -docnum): the best `wanted`

        cap = query.cap

        def ranked() -> Iterator[int]:
            matches = self._visible(searcher, And([text, *narrow]) if narrow else text,
                                    query, True, True)
            for n, (docnum, matcher) in enumerate(matches):
                if n < cap:  # the one after the cap only tells that there are more
                    entry = (matcher.score(), -docnum)
                    if len(best) < wanted:
                        heapq.heappush(best, entry)
                    elif entry > best[0]:
                        heapq.heapreplace(best, entry)
                yield docnum

        pairs, seen = self._pairs(ranked(), cap)
        if filters:
            pairs = self._pairs((d for d, _m in self._visible(searcher, text, query, False,
                                                              False)), cap)[0]
        page = sorted(best, reverse=True)[(query.page - 1) * query.per_page:]
        return Answer([-docnum for _score, docnum in page], min(seen, cap),
                      facet_counts(pairs, query), more=seen > cap)


class Vocabulary:
    """The public documents' words of one searcher, for search.suggest. Asked segment by
    segment: each finds words within a distance with an automaton, where a reader over
    several segments compares the word with every word; a word only deleted documents
    still list is skipped (postings leave deleted documents out)."""

    def __init__(self, searcher, values: DocValues | None):
        self.leaves = [(sub.reader(), offset) for sub, offset in leaves(searcher)
                       if sub.reader().segment() is not None]
        self.audiences = values.audiences if values is not None else []

    def _live(self, field: str, text: str) -> bool:
        return any((field, text) in r and r.postings(field, text).is_active()
                   for r, _offset in self.leaves)

    def known(self, term: str) -> bool:
        """A public document holds `term` (looks at 1,000 of its documents at most)."""
        audiences, looked = self.audiences, 0
        for reader, offset in self.leaves:
            if ("text", term) not in reader:
                continue
            postings = reader.postings("text", term)
            while postings.is_active() and looked < 1000:
                if audiences[postings.id() + offset] == "public":
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

"""Searching: turns what a person typed into a safe backend query (search.query: odd input
is never a syntax error) and returns one page of results. When a query finds nothing, it
is searched again as corrected (the page says so), or with its last word as a prefix."""

from __future__ import annotations

import json

from flask import current_app

from diaspora_platform.search import analysis, gazetteer, indexing
from diaspora_platform.search.backends import backend
from diaspora_platform.search.backends.base import (
    COUNT_CAP,
    MAX_START,
    TYPEAHEAD_FROM,
    Query,
    ResultPage,
)
from diaspora_platform.search.query import MAX_QUERY, Part, cut, parse

__all__ = ["MAX_PAGE", "MAX_QUERY", "PER_PAGE", "build_query", "index_state", "search",
           "typeahead", "warm"]

PER_PAGE = 20
MAX_PAGE = 500
FEW = 2  # at most this many results: "did you mean" is worth offering
MAX_EXPANSIONS = 64  # words a prefix stands for, at most
TYPEAHEAD_SHOWN = 8  # suggestions under the search box
TYPEAHEAD_LOOKED_AT = 50  # matching titles they are chosen from


def _expand(part: Part) -> list[Part]:
    """A prefix as the terms of the public words (and places) starting with it."""
    if part.kind != "prefix":
        return [part]
    key = part.terms[0]
    words = backend().expand(key, MAX_EXPANSIONS)
    terms = [*gazetteer.places_starting(key, MAX_EXPANSIONS), *map(analysis.term, words)]
    return [Part("term", (t,)) for t in dict.fromkeys(terms) if t]


def build_query(text: str, type_key: str | None = None, country: str | None = None,
                staff: bool = False, page: int = 1, cap: int = COUNT_CAP,
                lang: str | None = None) -> Query:
    parsed = parse(text)
    clauses = [tuple(p for part in clause for p in _expand(part)) for clause in parsed.clauses]
    excluded = [p for part in parsed.excluded for p in _expand(part)]
    return Query(text=parsed.text, clauses=clauses, excluded=excluded, type=type_key,
                 country=country, staff=staff, page=max(1, min(page, MAX_PAGE)),
                 per_page=PER_PAGE, cap=cap, lang=lang)


def _as_prefix(text: str) -> str | None:
    """`text` with its last word as a prefix, if that word is plain and long enough, as
    typed and as spelled for search: "brrrrrr" folds to "br", which would stand for every
    word beginning so, none of them what was typed."""
    head, _sep, last = text.rpartition(" ")
    if len(last) < 3 or not last.isalpha() or len(analysis.word_key(last)) < 3:
        return None
    return f"{head} {last}*".strip()


def search(text: str, type_key: str | None = None, country: str | None = None,
           staff: bool = False, page: int = 1, exact: bool = False,
           lang: str | None = None) -> ResultPage:
    """One page of results; SEARCH_COUNT_CAP (default COUNT_CAP) bounds what is looked at;
    titles and snippets in `lang` where a document has that version. Unless `exact`, a
    query that finds nothing is searched again as corrected, and one that finds next to
    nothing gets a suggestion."""
    cap = current_app.config.get("SEARCH_COUNT_CAP", COUNT_CAP)
    query = build_query(text, type_key, country, staff, page, cap, lang)
    result = _index().search(query)
    result.no_words = not query.clauses
    if exact or result.total > FEW or not query.clauses:
        return result
    for again in (backend().correct(query.text), _as_prefix(query.text)):
        if not again or result.total:
            continue
        retry = build_query(again, type_key, country, staff, page, cap, lang)
        if (retry.clauses, retry.excluded) == (query.clauses, query.excluded):
            continue  # the same terms ("bedil*" may stand for "bedil" alone): nothing new
        retried = backend().search(retry)
        if retried.total:
            retried.corrected = again
            return retried
    result.suggestion = backend().correct(query.text) if result.total else None
    return result


def typeahead(text: str, lang: str, limit: int = TYPEAHEAD_SHOWN) -> list[dict]:
    """Titles of public items for what is being typed, in the reader's language: every
    word as typed but the last, which may be the beginning of a title word; titles that
    begin so first, then shorter ones."""
    words = analysis.TOKEN_RE.findall(cut(text))
    if not words or len(" ".join(words)) < TYPEAHEAD_FROM:
        return []
    start = analysis.word_key(words[-1])[:MAX_START]
    terms = list(dict.fromkeys(t for w in words[:-1] if (t := analysis.term(w))))
    if len(start) < TYPEAHEAD_FROM and not terms:
        return []
    found = _index().typeahead(start, terms, TYPEAHEAD_LOOKED_AT)
    items = []
    for row in found:
        titles = row["titles"] if isinstance(row["titles"], dict) else json.loads(
            row["titles"] or "{}")
        title = titles.get(lang) or row["title"]
        first = analysis.word_key(next(iter(analysis.TOKEN_RE.findall(title)), ""))
        items.append(((not first.startswith(start), len(title), title),
                      {"title": title, "url": row["url"], "type": row["type"]}))
    return [item for _key, item in sorted(items, key=lambda pair: pair[0])[:limit]]


def warm() -> None:
    """Open the index and search once, so that a new worker's first visitor waits no
    longer than the next one (searcher, per-segment lists, analysis caches, gazetteer)."""
    if backend().state() == "ok":
        search("Dushanbe tajik")
        typeahead("du", "tg")


def index_state() -> str:
    return _index().state()


def _index():
    """The backend, once what waits for it is applied where SEARCH_INDEXER says so."""
    indexing.catch_up()
    return backend()

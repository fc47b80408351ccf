"""Searching: turns what a person typed into a safe backend query (no query language:
odd input can never be a syntax error) and returns one page of results."""

from __future__ import annotations

import re

from flask import current_app

from diaspora_platform.search import analysis
from diaspora_platform.search.backends import backend
from diaspora_platform.search.backends.base import COUNT_CAP, Query, ResultPage

MAX_QUERY = 200  # characters considered; longer input is cut, not refused
PER_PAGE = 20
_PHRASE = re.compile(r'"([^"]+)"')


def build_query(text: str, type_key: str | None = None, country: str | None = None,
                staff: bool = False, page: int = 1, cap: int = COUNT_CAP) -> Query:
    """What was typed as terms and "quoted phrases" (match terms, at most 12)."""
    text = (text or "")[:MAX_QUERY]
    phrases = [terms for terms in (analysis.match_terms(p) for p in _PHRASE.findall(text))
               if len(terms) > 1]
    loose = _PHRASE.sub(" ", text) if phrases else text.replace('"', " ")
    terms = list(dict.fromkeys(analysis.match_terms(loose)))[:12]
    return Query(text=text.strip(), terms=terms, phrases=phrases, type=type_key,
                 country=country, staff=staff, page=max(1, min(page, 500)), per_page=PER_PAGE,
                 cap=cap)


def search(text: str, type_key: str | None = None, country: str | None = None,
           staff: bool = False, page: int = 1) -> ResultPage:
    """One page of results; SEARCH_COUNT_CAP (default COUNT_CAP) bounds what is looked at."""
    cap = current_app.config.get("SEARCH_COUNT_CAP", COUNT_CAP)
    return backend().search(build_query(text, type_key, country, staff, page, cap))


def index_state() -> str:
    return backend().state()

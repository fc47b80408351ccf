"""The Whoosh backend's page is the best of all matches: the same documents, in the same
order, as scoring every match one by one, on an index of several segments, with and without
a filter, for one word and for several."""

import heapq

import pytest
from whoosh.query import And, AndMaybe, Term

from diaspora_platform.search.backends import whoosh as whoosh_backend
from diaspora_platform.search.backends.whoosh_query import leaves
from diaspora_platform.search.service import build_query


def doc(n):
    # Weights vary with n (how often the words come, in the title or the body), so that
    # blocks of postings differ in their best score and the order is not the index order.
    words = " ".join(["tajik"] * (n * 7 % 11) + ["club"] * (n * 5 % 13) + ["music"] * (n % 7))
    return {"type": "organisation", "title": f"Tajik Club {n}" if n % 4 else f"Club {n}",
            "body": f"{words} community", "url": f"/organisations/{n}",
            "audience": "public" if n % 9 else "review", "country": "RU" if n % 2 else "DE"}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    found = whoosh_backend.WhooshBackend(str(tmp_path_factory.mktemp("ix")))
    for start in (1, 701, 1401):  # three segments
        found.update({f"organisation:{n}": doc(n) for n in range(start, start + 700)})
    return found


def every_match_scored(index, query, wanted):
    """The page as scoring every visible match, nothing skipped, would give it."""
    searcher, values, _state = index._open()
    text = index._text(query)
    ranked = (AndMaybe(text, Term("exact", query.exact_key, boost=whoosh_backend.EXACT_BOOST))
              if query.exact_key else text)
    narrow = [Term(name, value) for name, value in (("country", query.country),) if value]
    ranked = And([ranked, *narrow]) if narrow else ranked
    scored = []
    for leaf, (sub, offset) in enumerate(leaves(searcher)):
        audiences = values.per_leaf[leaf][2]
        matcher = ranked.matcher(sub, sub.context())
        while matcher.is_active():
            if audiences[matcher.id()] == "public":
                scored.append((matcher.score(), -(matcher.id() + offset)))
            matcher.next()
    return [searcher.stored_fields(-neg)["id"] for _s, neg in heapq.nlargest(wanted, scored)]


@pytest.mark.parametrize(("text", "country"), [
    ("tajik", None), ("tajik", "RU"), ("tajik club", None), ("tajik club", "DE"),
    ("club music", None), ('"tajik club"', "RU"), ("Tajik Club 42", None)])
@pytest.mark.parametrize("page", [1, 3])
def test_the_page_is_the_best_of_every_match(index, text, country, page):
    query = build_query(text, country=country, page=page)
    wanted = every_match_scored(index, query, page * query.per_page)
    found = [hit.doc_id for hit in index.search(query).hits]
    assert found == wanted[(page - 1) * query.per_page:]

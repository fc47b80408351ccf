"""What every search backend provides."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from diaspora_platform.search import analysis
from diaspora_platform.search.highlight import highlight
from diaspora_platform.search.query import Part
from diaspora_platform.search.registry import Audience

# Matches a query looks at, at most: they are counted (total, facets) and the page is the
# best of them. Beyond it the total is a lower bound (ResultPage.more): counting and
# ranking every match of a common word would cost far more than the page needs.
COUNT_CAP = 1000
BODY_STORED = 4000  # characters of a body indexed and kept for snippets
TYPEAHEAD_FROM = 2  # letters typed before type-ahead suggests
MAX_START = 16  # longer beginnings of a word are not indexed (typing goes on: a search)
# The index layout: change it whenever fields or analysis change (rules, gazetteer), so
# that an index written before is reported "stale" and rebuilt (`flask search reindex`).
LAYOUT = "6: public vocabulary, spelling rules, gazetteer, type-ahead, languages, names"


@dataclass
class Hit:
    doc_id: str  # "type:object_id"
    type: str
    title: str
    titles: dict
    url: str
    country: str
    languages: list[str]
    snippet: Markup
    title_html: Markup

    @classmethod
    def from_stored(cls, row: Mapping, matched: set[str], lang: str | None = None) -> Hit:
        """A hit from what a backend stores (titles and bodies as JSON, languages
        comma-separated): title and snippet in `lang` when the document has that version,
        else its first; the matched terms marked in both."""
        titles = json.loads(row.get("titles") or "{}")
        bodies = json.loads(row.get("bodies") or "{}")
        title = titles.get(lang) or row["title"]
        body = bodies.get(lang) or row["body"]
        return cls(doc_id=row["id"], type=row["type"], title=title, titles=titles,
                   url=row["url"], country=row.get("country") or "",
                   languages=[c for c in (row.get("languages") or "").split(",") if c],
                   snippet=highlight(body, matched), title_html=highlight(title, matched))


def searched_text(doc: dict) -> tuple[str, str, str]:
    """(titles, keywords, bodies) as searched: every language's version of each."""
    titles = " ".join(dict.fromkeys([doc["title"], *(doc.get("titles") or {}).values()]))
    bodies = [text[:BODY_STORED] for text in (doc.get("bodies") or {}).values()]
    return titles, doc.get("keywords", ""), " ".join(bodies or [doc["body"][:BODY_STORED]])


def stored_bodies(doc: dict) -> str:
    """Each language's body as kept for its snippets (JSON)."""
    return json.dumps({lang: text[:BODY_STORED] for lang, text in
                       (doc.get("bodies") or {}).items()}, ensure_ascii=False)


@dataclass
class ResultPage:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None  # "did you mean"
    more: bool = False  # more documents match than `total` (counting stopped at the cap)
    corrected: str | None = None  # the page shows the results of this text instead
    no_words: bool = False  # the text had nothing to look for (only operators, -words)


@dataclass
class Query:
    """Parts to find (search.query.Part, prefixes already expanded to terms): every
    clause must match by one of its parts; no excluded part may match."""

    text: str
    clauses: list[tuple[Part, ...]]
    excluded: list[Part] = field(default_factory=list)
    type: str | None = None
    country: str | None = None
    staff: bool = False
    page: int = 1
    per_page: int = 20
    cap: int = COUNT_CAP  # matches looked at, at most
    lang: str | None = None  # the reader's: titles and snippets in it when there

    @property
    def matched(self) -> set[str]:
        """Every term a hit is highlighted for."""
        return {t for clause in self.clauses for part in clause for t in part.terms}

    @property
    def exact_key(self) -> str | None:
        """The terms of a query of plain words, in order: a title made of exactly them
        ranks first (base.exact_keys)."""
        if all(len(clause) == 1 and clause[0].kind == "term" for clause in self.clauses):
            return " ".join(clause[0].terms[0] for clause in self.clauses) or None
        return None

    @property
    def possible(self) -> bool:
        """Something to look for, and every clause can match."""
        return bool(self.clauses) and all(self.clauses)


def vocabulary(doc: dict | None) -> dict[str, str]:
    """The words "did you mean" may offer from one document: {term: word}, and only from
    a public one. A document in review is found by staff, but its words never reach
    anybody else's suggestions."""
    if not doc or doc.get("audience") != str(Audience.PUBLIC):
        return {}
    return analysis.vocabulary(*searched_text(doc))


def title_starts(doc: dict | None) -> list[str]:
    """The beginnings (two letters or more) of the spelling keys of a public document's
    title words, in every language it has: what type-ahead matches what is typed against."""
    if not doc or doc.get("audience") != str(Audience.PUBLIC):
        return []
    titles = [doc["title"], *(doc.get("titles") or {}).values()]
    keys = {analysis.word_key(word) for title in titles
            for word in analysis.TOKEN_RE.findall(title or "")}
    return sorted({key[:n] for key in keys for n in range(TYPEAHEAD_FROM,
                                                          min(len(key), MAX_START) + 1)})


def exact_keys(doc: dict) -> list[str]:
    """Each of a document's titles (every language) as its terms in order: a query of
    exactly those words finds its name and puts it first."""
    titles = [doc["title"], *(doc.get("titles") or {}).values()]
    return sorted({" ".join(terms) for t in titles if (terms := analysis.match_terms(t))})


def facet_counts(pairs: Mapping[tuple[str, str], int], query: Query) -> dict[str, dict[str, int]]:
    """Facets from match counts per (type, country), the reader's audience only: each facet
    counts as if its own filter were not set, so the other values stay on offer."""
    kinds, places = Counter(), Counter()
    for (kind, place), n in pairs.items():
        if query.country is None or place == query.country:
            kinds[kind] += n
        if query.type is None or kind == query.type:
            places[place] += n
    return {"type": {k: n for k, n in kinds.items() if k},
            "country": {k: n for k, n in places.items() if k}}


class Backend:
    """Index and query documents. Writers: only the indexer calls update/replace_all."""

    def update(self, documents: dict[str, dict | None]) -> None:
        """Add or replace documents by id; a None value removes that id."""
        raise NotImplementedError

    def replace_all(self, batches, progress=None) -> int:
        """Rebuild from scratch from an iterable of {id: document} batches, then swap."""
        raise NotImplementedError

    def ids(self) -> dict[str, str]:
        """Every indexed id with its audience (for verify)."""
        raise NotImplementedError

    def search(self, query: Query) -> ResultPage:
        raise NotImplementedError

    def correct(self, text: str) -> str | None:
        """`text` with its unknown words replaced by the nearest public words (suggest)."""
        raise NotImplementedError

    def typeahead(self, start: str, terms: list[str], limit: int) -> list[dict]:
        """Stored fields of up to `limit` public documents with a title word starting with
        `start` (a spelling key) that hold every one of `terms`."""
        raise NotImplementedError

    def expand(self, key: str, limit: int) -> list[str]:
        """Up to `limit` words of public documents whose spelling key starts with `key`,
        in order of their keys."""
        raise NotImplementedError

    def state(self) -> str:
        """'ok', 'empty' or 'missing', for the health check."""
        raise NotImplementedError

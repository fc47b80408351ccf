"""What every search backend provides."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from diaspora_platform.search import analysis
from diaspora_platform.search.highlight import highlight
from diaspora_platform.search.registry import Audience

# Matches a query looks at, at most: they are counted (total, facets) and the page is the
# best of them. Beyond it the total is a lower bound (ResultPage.more): counting and
# ranking every match of a common word would cost far more than the page needs.
COUNT_CAP = 1000
BODY_STORED = 4000  # characters of a body indexed and kept for snippets
# The index layout: change it whenever fields or analysis change (rules, gazetteer), so
# that an index written before is reported "stale" and rebuilt (`flask search reindex`).
LAYOUT = "3: public vocabulary, spelling rules, gazetteer"


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
    def from_stored(cls, row: Mapping, matched: set[str]) -> Hit:
        """A hit from what a backend stores (titles as JSON, languages comma-separated),
        the matched terms marked in its title and body."""
        return cls(doc_id=row["id"], type=row["type"], title=row["title"],
                   titles=json.loads(row.get("titles") or "{}"), url=row["url"],
                   country=row.get("country") or "",
                   languages=[c for c in (row.get("languages") or "").split(",") if c],
                   snippet=highlight(row["body"], matched),
                   title_html=highlight(row["title"], matched))


@dataclass
class ResultPage:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    more: bool = False  # more documents match than `total` (counting stopped at the cap)


@dataclass
class Query:
    text: str
    terms: list[str]
    phrases: list[list[str]]
    type: str | None = None
    country: str | None = None
    staff: bool = False
    page: int = 1
    per_page: int = 20
    cap: int = COUNT_CAP  # matches looked at, at most

    @property
    def matched(self) -> set[str]:
        """Every term a hit is highlighted for."""
        return set(self.terms).union(*self.phrases)


def vocabulary(doc: dict | None) -> dict[str, str]:
    """The words "did you mean" may offer from one document: {term: word}, and only from
    a public one. A document in review is found by staff, but its words never reach
    anybody else's suggestions."""
    if not doc or doc.get("audience") != str(Audience.PUBLIC):
        return {}
    return analysis.vocabulary(doc["title"], doc.get("keywords", ""), doc["body"][:BODY_STORED])


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

    def state(self) -> str:
        """'ok', 'empty' or 'missing', for the health check."""
        raise NotImplementedError

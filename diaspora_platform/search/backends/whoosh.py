"""The embedded Whoosh backend.

Generations: each full rebuild writes a new index folder and then switches the CURRENT
pointer file atomically, so searching keeps working during a rebuild. One searcher is
kept open per process and reopened only when the index changed.

One field is searched, `text`: title, keywords and body joined by analysis.SEGMENT, a
term weighing more in the title (WEIGHTS), plus the pairs of neighbouring terms, which
find phrases without stored positions (dearer to write, much cheaper to read). One field makes a
query an AND of terms instead of an AND of ORs across three fields. Title and body are
stored only to be shown, marked by search.highlight as in the PostgreSQL backend.
Matching, filters, counts and ranking: whoosh_query.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from itertools import chain
from pathlib import Path

from flask import current_app
from whoosh import index, scoring
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.query import And, AndMaybe, AndNot, Or, Term

from diaspora_platform.search import analysis, suggest
from diaspora_platform.search.backends import whoosh_query, whoosh_rebuild
from diaspora_platform.search.backends.base import (
    BODY_STORED,
    LAYOUT,
    Backend,
    Hit,
    Query,
    ResultPage,
    exact_keys,
    searched_text,
    stored_bodies,
    title_starts,
    vocabulary,
)
from diaspora_platform.search.query import Part

POINTER = "CURRENT"
WEIGHTS = (2.0, 1.5, 1.0)  # of a term in the title, the keywords, the body
PARALLEL_FROM = 20_000  # documents from which a rebuild is spread over processes
EXACT_BOOST = 100.0  # a title that is exactly the query outranks any mention
REOPEN_EVERY = 1.0  # seconds between checks whether another process changed the index


def schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True), type=ID(stored=True), country=ID(stored=True),
        audience=ID(stored=True), languages=STORED(), url=STORED(), titles=STORED(),
        title=STORED(), body=STORED(), bodies=STORED(),
        # Frequencies, no positions: phrases are found by their pairs of terms (biwords).
        text=TEXT(analyzer=analysis.analyzer(WEIGHTS, biwords=True), phrase=False),
        # "Did you mean" offers these: the words of a public document (none of any other)
        # by analysis.word_key, and "key=word as written". Held per document, a word
        # leaves the vocabulary with the last public document that has it (deleted
        # documents' postings are skipped).
        words=KEYWORD(), spellings=KEYWORD(),
        # Type-ahead: beginnings of the title words of a public document (base.title_starts).
        starts=KEYWORD(),
        # Each title as its terms in order (base.exact_keys): the name a query is first.
        exact=KEYWORD(commas=True, lowercase=False),
    )


FIELD_NAMES = frozenset(schema().names())


class SaturatedWeighting(scoring.WeightingModel):
    """BM25 without length normalisation (B=0): a term scores by its rarity and by its
    weight in the document (per occurrence 2 in the title, 1.5 in the keywords, 1 in the
    body), saturating. Names and short descriptions need no length normalisation, and
    scoring a match then needs no lookup of its field length."""

    K1 = 1.2

    def scorer(self, searcher, fieldname: str, text: str, qf: int = 1):
        # The bound is the segment's own largest weight of the term; rarity is the index's.
        return _SaturatedScorer(searcher.get_parent().idf(fieldname, text),
                                searcher.term_info(fieldname, text).max_weight())


class _SaturatedScorer(scoring.BaseScorer):
    """Scores, and bounds the score of a block of postings by its largest weight, so that
    ranking can skip blocks that cannot make the page (whoosh_query.DocValues.rank)."""

    def __init__(self, idf: float, max_weight: float):
        self.idf, self.max_weight = idf, max_weight

    def _of(self, weight: float) -> float:
        k1 = SaturatedWeighting.K1
        return self.idf * weight * (k1 + 1) / (weight + k1)

    def score(self, matcher) -> float:
        return self._of(matcher.weight())

    def supports_block_quality(self) -> bool:
        return True

    def max_quality(self) -> float:
        return self._of(self.max_weight)

    def block_quality(self, matcher) -> float:
        return self._of(matcher.block_max_weight())


def _create(folder: Path):
    """A new, empty index in `folder`, marked with this version's LAYOUT."""
    ix = index.create_in(str(folder), schema())
    (folder / "LAYOUT").write_text(LAYOUT)
    return ix


def _current_layout(folder: Path, ix) -> bool:
    """Written by this version: same fields, same analysis (terms of other rules would
    not meet the terms a query is analysed into)."""
    marker = folder / "LAYOUT"
    return (set(ix.schema.names()) == FIELD_NAMES and marker.exists()
            and marker.read_text() == LAYOUT)


class StaleIndex(RuntimeError):
    """The index was built by an older version (other fields): `flask search reindex`."""


def _fields(doc_id: str, doc: dict) -> dict:
    words = vocabulary(doc)
    parts = (part.replace(analysis.SEGMENT, " ") for part in searched_text(doc))
    return {
        "id": doc_id, "type": doc["type"], "country": doc.get("country") or "",
        "audience": doc["audience"], "languages": ",".join(doc.get("languages") or ()),
        "url": doc["url"], "titles": json.dumps(doc.get("titles") or {}, ensure_ascii=False),
        "title": doc["title"], "body": doc["body"][:BODY_STORED],
        "bodies": stored_bodies(doc), "text": analysis.SEGMENT.join(parts),
        "words": " ".join(words), "spellings": " ".join(f"{t}={w}" for t, w in words.items()),
        "starts": " ".join(title_starts(doc)), "exact": ",".join(exact_keys(doc)),
    }


def _first_batches(batches, size: int):
    """Batches from the start until they hold `size` documents (or the iterator ends)."""
    seen = 0
    for batch in batches:
        yield batch
        seen += len(batch)
        if seen >= size:
            return


def _rebuild_processes(first: int) -> int:
    """Processes a full rebuild is spread over: above PARALLEL_FROM documents, one per
    core (analysis is pure Python, so this is what makes 100,000 documents quick), each
    writing its own segment."""
    procs = min(os.cpu_count() or 1, 4)
    return procs if first >= PARALLEL_FROM else 1


class WhooshBackend(Backend):
    def __init__(self, root: str):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._searcher = None
        self._generation = None
        self._values = None
        self._segments = whoosh_query.SegmentCache()
        self._corrections = suggest.Cache()
        self._check_at, self._changed = 0.0, False

    # -- locations ---------------------------------------------------------------------
    def _current(self) -> Path | None:
        pointer = self.root / POINTER
        if not pointer.exists():
            return None
        return self.root / pointer.read_text().strip()

    def _open_or_create(self):
        folder = self._current()
        if folder is None or not index.exists_in(str(folder)):
            folder = self._new_generation()
            ix = _create(folder)
            self._point_to(folder)
            return ix
        ix = index.open_dir(str(folder))
        if not _current_layout(folder, ix):
            raise StaleIndex(f"{folder} has an older layout: run `flask search reindex`")
        return ix

    def _new_generation(self) -> Path:
        folder = self.root / f"gen-{time.time_ns()}"
        folder.mkdir(parents=True)
        return folder

    def _point_to(self, folder: Path) -> None:
        tmp = self.root / f".{POINTER}.{os.getpid()}"
        tmp.write_text(folder.name)
        os.replace(tmp, self.root / POINTER)

    # -- writing (the indexer only) ------------------------------------------------------
    def update(self, documents: dict[str, dict | None]) -> None:
        if not documents:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        ix = self._open_or_create()
        writer = ix.writer(timeout=30)
        try:
            for doc_id, doc in documents.items():
                if doc is None:
                    writer.delete_by_term("id", doc_id)
                else:
                    writer.update_document(**_fields(doc_id, doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self._changed = True

    def replace_all(self, batches, progress=None) -> int:
        self.root.mkdir(parents=True, exist_ok=True)
        old = self._current()
        folder = self._new_generation()
        ix = _create(folder)
        batches = iter(batches)
        first = list(_first_batches(batches, PARALLEL_FROM))
        try:
            count = whoosh_rebuild.rebuild(
                ix, chain(first, batches), _fields,
                _rebuild_processes(sum(len(batch) for batch in first)),
                current_app.config.get("SEARCH_REBUILD_MB", 512), progress)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._point_to(folder)
        self._changed = True
        self._remove_old_generations(keep={folder, old})
        return count

    def _remove_old_generations(self, keep: set) -> None:
        """Keep the new and the previous generation (searchers elsewhere may still read it)."""
        for folder in self.root.glob("gen-*"):
            if folder not in keep:
                shutil.rmtree(folder, ignore_errors=True)

    # -- reading -----------------------------------------------------------------------------
    def _open(self) -> tuple[object | None, whoosh_query.DocValues | None, str]:
        """The process's searcher, its documents' values and the index state. Whether the
        index changed (a rebuild, or another process's writes) is checked at most every
        REOPEN_EVERY seconds; this process's own writes reopen it at once."""
        with self._lock:
            now = time.monotonic()
            if self._searcher is not None and not self._changed and now < self._check_at:
                return self._searcher, self._values, "ok"
            self._check_at, self._changed = now + REOPEN_EVERY, False
            current = self._current()
            if current is None:
                return None, None, "missing"
            if (self._searcher is None or self._generation != current
                    or not self._searcher.up_to_date()):
                if not index.exists_in(str(current)):
                    return None, None, "missing"
                # Not searcher.refresh(): reusing segment readers there keeps documents
                # deleted since (an edited document then appears twice). The old searcher
                # is not closed here: a request in another thread may still be reading it;
                # its files close when the last reference goes.
                ix = FileStorage(str(current), supports_mmap=False, readonly=True).open_index()
                if not _current_layout(current, ix):
                    self._searcher = None
                    return None, None, "stale"
                self._searcher = ix.searcher(weighting=SaturatedWeighting())
                self._generation = current
                self._values = self._segments.view(self._searcher)
            return self._searcher, self._values, "ok"

    def _reader(self):
        return self._open()[0]

    def ids(self) -> dict[str, str]:
        searcher = self._reader()
        if searcher is None:
            return {}
        return {fields["id"]: fields["audience"] for fields in searcher.all_stored_fields()}

    def state(self) -> str:
        searcher, _values, state = self._open()
        if searcher is None:
            return state
        return "ok" if searcher.doc_count() else "empty"

    @staticmethod
    def _part(part: Part):
        """A word's term; a phrase as its terms and pairs of neighbouring terms."""
        if part.kind == "phrase":
            pairs = analysis.biwords(list(part.terms))
            return And([Term("text", t) for t in dict.fromkeys([*part.terms, *pairs])])
        return Term("text", part.terms[0])

    def _text(self, query: Query):
        """Every clause (one of its parts), and none of the excluded parts."""
        required = And([Or([self._part(p) for p in clause]) if len(clause) > 1
                        else self._part(clause[0]) for clause in query.clauses])
        if not query.excluded:
            return required
        return AndNot(required, Or([self._part(p) for p in query.excluded]))

    def search(self, query: Query) -> ResultPage:
        searcher, values, _state = self._open()
        if searcher is None or not query.possible:
            return ResultPage([], 0)
        text = self._text(query)
        ranked = (AndMaybe(text, Term("exact", query.exact_key, boost=EXACT_BOOST))
                  if query.exact_key else None)
        answer = values.answer(searcher, text, query, ranked)
        hits = [Hit.from_stored(searcher.stored_fields(docnum), query.matched, query.lang)
                for docnum in answer.docnums]
        return ResultPage(hits, answer.total, answer.facets, more=answer.more)

    def correct(self, text: str) -> str | None:
        searcher, values, _state = self._open()
        if searcher is None:
            return None
        return suggest.correct(text, whoosh_query.Vocabulary(searcher, values),
                               self._corrections, searcher)

    def typeahead(self, start: str, terms: list[str], limit: int) -> list[dict]:
        searcher, values, _state = self._open()
        if searcher is None:
            return []
        q = And([Term("starts", start), *(Term("text", t) for t in terms)])
        docnums = values.first_public(searcher, q, limit)
        return [searcher.stored_fields(docnum) for docnum in docnums]

    def expand(self, key: str, limit: int) -> list[str]:
        searcher = self._reader()
        if searcher is None:
            return []
        return whoosh_query.Vocabulary(searcher, None).expand(key, limit)

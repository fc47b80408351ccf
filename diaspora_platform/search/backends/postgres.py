"""PostgreSQL full-text backend, for deployments with several app servers.

Documents live in the table `search_documents` (derived data, rebuilt by `flask search
reindex`; the backend creates it, like Whoosh creates its folder). Text is analysed in
Python exactly as for Whoosh and stored as a `simple` tsvector (titles weight A, keywords
B, bodies C) with two GIN indexes: all its terms with the type and country (filters), and
its titles' terms. A query
reads its first `query.cap` (COUNT_CAP) matches once, as (id, type, country) best ranked
first: they give the total, the facets and the page, whose display columns are then
fetched by id; so a common word neither counts nor ranks every row.
"""

from __future__ import annotations

import json
import time
from collections import Counter

import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.search import analysis, registry, suggest
from diaspora_platform.search.backends.base import (
    BODY_STORED,
    LAYOUT,
    Backend,
    Hit,
    Query,
    ResultPage,
    exact_keys,
    facet_counts,
    searched_text,
    stored_bodies,
    title_starts,
    vocabulary,
)
from diaspora_platform.search.query import Part

SCHEMA = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE TABLE IF NOT EXISTS search_documents (
    id text PRIMARY KEY, type text NOT NULL, audience text NOT NULL, country text NOT NULL,
    languages text NOT NULL, url text NOT NULL, title text NOT NULL, titles text NOT NULL,
    body text NOT NULL, terms tsvector NOT NULL);
ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS words text[] NOT NULL DEFAULT '{}';
ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS starts text[] NOT NULL DEFAULT '{}';
ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS bodies text NOT NULL DEFAULT '{}';
ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS exact text[] NOT NULL DEFAULT '{}';
-- Every term, and the type and country beside them (btree_gin): a filtered search reads the
-- matches of its filter only, not every match to test its row. It replaces the index of
-- the terms alone, ix_search_documents_terms. The title words alone (weight A, TITLES)
-- have their own. Both made by a migration where the table existed before them.
CREATE INDEX IF NOT EXISTS ix_search_documents_match ON search_documents
    USING gin (terms, type, country) WITH (fastupdate = off);
DROP INDEX IF EXISTS ix_search_documents_terms;
CREATE INDEX IF NOT EXISTS ix_search_documents_titles ON search_documents
    USING gin (ts_filter(terms, '{a}')) WITH (fastupdate = off);
-- Nearly every row is public: an index on the audience let the planner read every row and
-- test its terms (a word no document holds took a scan of the table) instead of the GIN index.
DROP INDEX IF EXISTS ix_search_documents_filter;
CREATE INDEX IF NOT EXISTS ix_search_documents_words ON search_documents USING gin (words)
    WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS ix_search_documents_starts ON search_documents USING gin (starts)
    WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS ix_search_documents_exact ON search_documents USING gin (exact)
    WITH (fastupdate = off);
-- "Did you mean": analysis.word_key -> the word as written, of public documents only.
CREATE TABLE IF NOT EXISTS search_words (term text PRIMARY KEY, word text NOT NULL);
CREATE INDEX IF NOT EXISTS ix_search_words_trgm ON search_words USING gin (term gin_trgm_ops)
    WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS ix_search_words_prefix ON search_words (term text_pattern_ops)
"""
GIN_INDEXES = ("ix_search_documents_match", "ix_search_documents_titles",
               "ix_search_documents_words", "ix_search_documents_starts",
               "ix_search_documents_exact", "ix_search_words_trgm")
# GIN indexes of older versions that still collect new entries in a pending list. That
# list is read in full by every search until a VACUUM merges it (under a steady stream of
# writes, a word searched in 10,000 rows took 19 ms instead of 0.6 ms): inserting straight
# into the index costs a write little and keeps searching as quick as after a rebuild.
_PENDING_LISTS = """SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid JOIN pg_am a ON a.oid = i.relam
WHERE a.amname = 'gin' AND t.relname IN ('search_documents', 'search_words')
AND t.relnamespace = current_schema()::regnamespace
AND NOT coalesce(i.reloptions, '{}') @> ARRAY['fastupdate=off']"""
# The vocabulary of older versions held the words of every document ever written.
_OLD_WORDS = """SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
AND table_name = 'search_words' AND column_name = 'word'
AND NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
AND table_name = 'search_words' AND column_name = 'term')"""
# pg_trgm's similarity from which a vocabulary word is a candidate correction: low, so that
# one edit in a short word still qualifies; search.suggest then counts the edits.
NEAR_SIMILARITY = "0.15"
# The title words of a document (its terms of weight A), as the index
# ix_search_documents_titles holds them: "every clause in a title" is then read from that
# index alone. The same test on `terms` with weighted terms ('x':A) was not: the terms index
# holds no weights, so every row holding the words anywhere was fetched and tested, and a
# word common in descriptions but rare in names read the whole table (1.5 s).
TITLES = "ts_filter(terms, '{a}')"
_VECTOR = ("setweight(to_tsvector('simple', :t), 'A') || "
           "setweight(to_tsvector('simple', :k), 'B') || "
           "setweight(to_tsvector('simple', :b), 'C')")


def _terms(text: str) -> str:
    return " ".join(analysis.match_terms(text))


# The advisory lock key serialising the set-up below across processes ("search" in ASCII).
_SETUP_LOCK = 0x736561726368


class PostgresBackend(Backend):
    def __init__(self):
        self._ready = False
        self._corrections = suggest.Cache()

    def _ensure(self, conn) -> None:
        """Create the tables in a transaction of their own: if the write that follows
        fails, its rollback must not take the tables with it. Every web worker of every
        host may do this at once when they start: a transaction-scoped advisory lock lets one
        create what is missing while the others wait, then find it there."""
        if not self._ready:
            with db.engine.begin() as setup:
                setup.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SETUP_LOCK})
                if setup.execute(sa.text(_OLD_WORDS)).first():
                    setup.execute(sa.text("DROP TABLE search_words"))
                for statement in filter(None, (s.strip() for s in SCHEMA.split(";"))):
                    setup.execute(sa.text(statement))
                for name in setup.scalars(sa.text(_PENDING_LISTS)).all():
                    setup.execute(sa.text(f'ALTER INDEX "{name}" SET (fastupdate = off)'))
                    setup.execute(sa.text("SELECT gin_clean_pending_list(CAST(:n AS regclass))"),
                                  {"n": name})
                if not setup.execute(sa.text("SELECT 1 FROM search_documents LIMIT 1")).first():
                    self._mark_layout(setup)  # nothing in it was written by another version
            self._ready = True

    @staticmethod
    def _mark_layout(conn) -> None:
        """The table's comment names the layout its rows were written with."""
        conn.execute(sa.text(f"COMMENT ON TABLE search_documents IS '{LAYOUT}'"))

    def _write(self, conn, documents: dict) -> None:
        """Write documents, then drop from the vocabulary the words no public document
        holds any more (those the replaced or removed documents had)."""
        before = conn.scalar(sa.text(
            "SELECT coalesce(array_agg(DISTINCT w), '{}') FROM search_documents, "
            "unnest(words) w WHERE id = ANY(:ids)"), {"ids": list(documents)})
        gone = [doc_id for doc_id, doc in documents.items() if doc is None]
        if gone:
            conn.execute(sa.text("DELETE FROM search_documents WHERE id = ANY(:ids)"),
                         {"ids": gone})
        rows = [self._row(doc_id, doc) for doc_id, doc in documents.items() if doc]
        if rows:
            conn.execute(sa.text(
                "INSERT INTO search_documents (id, type, audience, country, languages, url, "
                "title, titles, body, bodies, terms, words, starts, exact) VALUES (:id, :type, "
                ":audience, :country, :languages, :url, :title, :titles, :body, :bodies, "
                f"{_VECTOR}, :words, :starts, :exact) "
                "ON CONFLICT (id) DO UPDATE SET type = excluded.type, "
                "audience = excluded.audience, country = excluded.country, "
                "languages = excluded.languages, url = excluded.url, title = excluded.title, "
                "titles = excluded.titles, body = excluded.body, bodies = excluded.bodies, "
                "terms = excluded.terms, "
                "words = excluded.words, starts = excluded.starts, exact = excluded.exact"),
                rows)
        words = {}
        for doc in documents.values():
            words.update(vocabulary(doc))
        if words:
            conn.execute(sa.text(
                "INSERT INTO search_words (term, word) SELECT * FROM "
                "unnest(CAST(:t AS text[]), CAST(:w AS text[])) ON CONFLICT DO NOTHING"),
                {"t": list(words), "w": list(words.values())})
        if before:
            conn.execute(sa.text(
                "DELETE FROM search_words v WHERE v.term = ANY(:before) AND NOT EXISTS "
                "(SELECT 1 FROM search_documents d WHERE d.words @> ARRAY[v.term])"),
                {"before": before})

    @staticmethod
    def _row(doc_id: str, doc: dict) -> dict:
        titles, keywords, bodies = searched_text(doc)
        return {"id": doc_id, "type": doc["type"], "audience": doc["audience"],
                "country": doc.get("country") or "",
                "languages": ",".join(doc.get("languages") or ()), "url": doc["url"],
                "title": doc["title"], "titles": json.dumps(doc.get("titles") or {}),
                "body": doc["body"][:BODY_STORED], "bodies": stored_bodies(doc),
                "t": _terms(titles), "k": _terms(keywords), "b": _terms(bodies),
                "words": list(vocabulary(doc)), "starts": title_starts(doc),
                "exact": exact_keys(doc)}

    def update(self, documents: dict[str, dict | None]) -> None:
        if documents:
            with db.engine.begin() as conn:
                self._ensure(conn)
                self._write(conn, documents)

    def replace_all(self, batches, progress=None) -> int:
        """Rebuilt in one transaction: searches see the old rows until it commits."""
        count = 0
        with db.engine.begin() as conn:
            self._ensure(conn)
            conn.execute(sa.text("DELETE FROM search_documents"))
            conn.execute(sa.text("DELETE FROM search_words"))
            # Collected in pending lists and merged once: a GIN index takes many rows far
            # quicker so than one by one. Searches never see it, the change being part of
            # this transaction, which merges the lists before it commits.
            self._pending_lists(conn, on=True)
            for batch in batches:
                self._write(conn, batch)
                count += sum(1 for doc in batch.values() if doc)
                if progress:
                    progress(count)
            self._pending_lists(conn, on=False)
            # Statistics of the new rows: without them the planner takes a common word for
            # a rare one and reads its whole posting list (and the audience index) first.
            conn.execute(sa.text("ANALYZE search_documents"))
            self._mark_layout(conn)
        return count

    @staticmethod
    def _pending_lists(conn, on: bool) -> None:
        """Let the GIN indexes collect new entries in a pending list (a bulk write), or
        merge those lists and write straight into the indexes again."""
        if on:
            conn.execute(sa.text("SET LOCAL gin_pending_list_limit = '64MB'"))
        for name in GIN_INDEXES:
            if not on:
                conn.execute(sa.text("SELECT gin_clean_pending_list(CAST(:n AS regclass))"),
                             {"n": name})
            conn.execute(sa.text(f"ALTER INDEX {name} SET (fastupdate = {'on' if on else 'off'})"))

    def ids(self) -> dict[str, str]:
        with db.engine.begin() as conn:
            self._ensure(conn)
            return dict(conn.execute(sa.text("SELECT id, audience FROM search_documents")).all())

    def state(self) -> str:
        """'stale' when the rows were written by an older version (a reindex fixes it)."""
        with db.engine.begin() as conn:
            self._ensure(conn)
            layout = conn.scalar(sa.text("SELECT obj_description('search_documents'::regclass)"))
            found = conn.execute(sa.text("SELECT 1 FROM search_documents LIMIT 1")).first()
        if layout != LAYOUT:
            return "stale"
        return "ok" if found else "empty"

    @staticmethod
    def _part(p: Part) -> str:
        return "(" + " <-> ".join(f"'{t}'" for t in p.terms) + ")"

    def _tsquery(self, query: Query, excluded: bool = True) -> str:
        """Every clause (one of its parts) and, if `excluded`, none of the excluded parts."""
        clauses = ["(" + " | ".join(map(self._part, clause)) + ")" for clause in query.clauses]
        clauses += [f"!{self._part(p)}" for p in query.excluded] if excluded else []
        return " & ".join(clauses)

    @staticmethod
    def _where(query: Query, filtered: bool) -> tuple[str, dict]:
        """Who may see it and, if `filtered`, the filters: the conditions beside the match."""
        clauses, params = ["TRUE"], {}
        if not query.staff:
            clauses.append("audience = 'public'")
        for name in ("type", "country") if filtered else ():
            if getattr(query, name):
                clauses.append(f"{name} = :{name}")
                params[name] = getattr(query, name)
        return " AND ".join(clauses), params

    def _candidates(self, conn, query: Query, filtered: bool) -> list:
        """(id, type, country) of the first query.cap + 1 matches, with every match whose
        title is the query or holds all its words: those are the best ranked in nearly
        every case (a title weighs five times a body occurrence), so the page is right
        without ranking every match. Each part reads one GIN index (exact titles, title
        words, all words), and a common word costs no more than a rare one. Best ranked
        first."""
        where, params = self._where(query, filtered)
        # Equal ranks in the order a Whoosh rebuild writes: registry's types, then ids.
        params.update(kinds=[t.key for t in registry.all_types()], q=self._tsquery(query),
                      t=self._tsquery(query, excluded=False), cap=query.cap + 1,
                      exact=query.exact_key or "")
        matches = "terms @@ to_tsquery('simple', :q)"
        # A title holding every clause: its index alone finds them (the whole document
        # is then tested only for the excluded words, on those few rows).
        in_title = f"{TITLES} @@ to_tsquery('simple', :t)"
        if query.excluded:
            params["x"] = " | ".join(map(self._part, query.excluded))
            in_title += " AND NOT terms @@ to_tsquery('simple', :x)"
        # Each part ranks its own rows: the union then compares small values, not
        # documents' whole term vectors.
        columns = ("SELECT id, type, country, exact @> ARRAY[CAST(:exact AS text)] AS named, "
                   "ts_rank(terms, to_tsquery('simple', :q)) AS rank FROM search_documents")
        return conn.execute(sa.text(
            f"SELECT id, type, country FROM ("
            f"({columns} WHERE {where} AND {matches} AND exact @> ARRAY[CAST(:exact AS text)] "
            f"LIMIT :cap) UNION ({columns} WHERE {where} AND {in_title} LIMIT :cap) "
            f"UNION ({columns} WHERE {where} AND {matches} LIMIT :cap)) c "
            "ORDER BY named DESC, rank DESC, array_position(CAST(:kinds AS text[]), type), "
            "CAST(split_part(id, ':', 2) AS bigint)"), params).all()

    def search(self, query: Query) -> ResultPage:
        if not query.possible:
            return ResultPage([], 0)
        filtered = bool(query.type or query.country)
        with db.engine.begin() as conn:
            self._ensure(conn)
            # The planner takes the @@ test for cheap: for a word in a few percent of the
            # rows it would read the table until it has the candidates (10-20 ms at 100,000
            # rows) where the GIN index finds them in a few milliseconds.
            conn.execute(sa.text("SET LOCAL enable_seqscan = off"))
            everything = self._candidates(conn, query, filtered=False)
            found = self._candidates(conn, query, filtered=True) if filtered else everything
            start = (query.page - 1) * query.per_page
            page = [row[0] for row in found[start:start + query.per_page]]
            rows = {r["id"]: r for r in conn.execute(sa.text(
                "SELECT id, type, country, languages, url, title, titles, body, bodies "
                "FROM search_documents WHERE id = ANY(:ids)"), {"ids": page}).mappings()}
        pairs = Counter((kind, country) for _id, kind, country in everything[:query.cap])
        return ResultPage([Hit.from_stored(rows[i], query.matched, query.lang)
                           for i in page if i in rows],
                          min(len(found), query.cap), facet_counts(pairs, query),
                          more=len(found) > query.cap)

    def correct(self, text: str) -> str | None:
        with db.engine.begin() as conn:
            self._ensure(conn)
            return suggest.correct(text, _Vocabulary(conn), self._corrections,
                                   int(time.monotonic()))  # a second's cache at most

    def typeahead(self, start: str, terms: list[str], limit: int) -> list[dict]:
        where, params = "starts @> ARRAY[:start]", {"start": start, "n": limit}
        if terms:
            where += " AND terms @@ to_tsquery('simple', :q)"
            params["q"] = " & ".join(f"'{t}'" for t in terms)
        with db.engine.begin() as conn:
            self._ensure(conn)
            return [dict(row) for row in conn.execute(sa.text(
                "SELECT id, type, url, title, titles FROM search_documents "
                f"WHERE audience = 'public' AND {where} LIMIT :n"), params).mappings()]

    def expand(self, key: str, limit: int) -> list[str]:
        with db.engine.begin() as conn:
            self._ensure(conn)
            return list(conn.scalars(sa.text(
                "SELECT word FROM search_words WHERE term LIKE :p ORDER BY term LIMIT :n"),
                {"p": key.replace("\\", "").replace("%", "").replace("_", "") + "%",
                 "n": limit}))


class _Vocabulary:
    """The public documents' words (table search_words), for search.suggest."""

    def __init__(self, conn):
        self.conn = conn

    def known(self, term: str) -> bool:
        return self.conn.scalar(sa.text(
            "SELECT EXISTS (SELECT 1 FROM search_documents WHERE audience = 'public' "
            "AND terms @@ to_tsquery('simple', :t))"), {"t": f"'{term}'"})

    def near(self, key: str, edits: int) -> list[tuple[str, str]]:
        self.conn.execute(sa.text("SELECT set_config('pg_trgm.similarity_threshold', :s, "
                                  "true)"), {"s": NEAR_SIMILARITY})
        return [tuple(row) for row in self.conn.execute(sa.text(
            "SELECT term, word FROM search_words WHERE term % :t "
            "ORDER BY similarity(term, :t) DESC, term LIMIT 100"), {"t": key})]

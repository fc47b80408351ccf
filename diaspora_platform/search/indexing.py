"""Applying the outbox to the index, full rebuilds and verification.

Only the worker (`diaspora_platform/worker.py`: a thread in a single-process server, or
`flask worker` next to several web workers) writes to the index. Web requests only write
outbox rows. With SEARCH_INDEXER=inline (commands, the search tests) the outbox is applied
right after each commit in the committing thread; with SEARCH_INDEXER=before_search (the
other tests) right before a search, a type-ahead or the health check reads the index, in
the reading thread: most tests write searchable content and never search it.
"""

from __future__ import annotations

import fcntl
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from diaspora_platform import worker
from diaspora_platform.extensions import db
from diaspora_platform.search import outbox, registry
from diaspora_platform.search.backends import backend
from diaspora_platform.search.models import SearchOutbox

BATCH = 500


def _versions(text) -> tuple[str, dict[str, str]]:
    """(the first text, {language: text}) of one text or of a dict of versions."""
    if not isinstance(text, dict):
        return text or "", {}
    versions = {lang: value for lang, value in text.items() if value}
    return next(iter(versions.values()), ""), versions


def _document(search_type, obj) -> dict | None:
    doc = search_type.document(obj) if obj is not None else None
    if doc is None:
        return None
    title, titles = _versions(doc.title)
    body, bodies = _versions(doc.body)
    return {"type": search_type.key, "title": title, "body": body, "bodies": bodies,
            "url": doc.url, "audience": str(doc.audience), "country": doc.country,
            "languages": list(doc.languages),
            "titles": {**(doc.titles or {}), **titles}, "keywords": doc.keywords}


def documents_for(session: Session, keys) -> dict[str, dict | None]:
    """Current documents for (type, id) keys: one query per type, None for gone ones."""
    by_type = defaultdict(set)
    for type_key, object_id in keys:
        by_type[type_key].add(object_id)
    out: dict[str, dict | None] = {}
    for type_key, ids in by_type.items():
        search_type = registry.get(type_key)
        if search_type is None:
            continue
        found = {obj.id: obj for obj in session.scalars(
            sa.select(search_type.model).where(search_type.model.id.in_(ids)))}
        for object_id in ids:
            out[f"{type_key}:{object_id}"] = _document(search_type, found.get(object_id))
    return out


@contextmanager
def _indexer_lock():
    """One applier at a time across processes (file lock next to the index)."""
    root = Path(current_app.config["SEARCH_INDEX_DIR"])
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".indexer.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def apply_outbox(limit: int | None = None) -> int:
    """Apply pending outbox rows in batches; returns how many rows were applied."""
    applied = 0
    with _indexer_lock(), Session(db.engine) as session:
        while limit is None or applied < limit:
            rows = session.execute(sa.select(SearchOutbox.id, SearchOutbox.type_key,
                                             SearchOutbox.object_id)
                                   .order_by(SearchOutbox.id).limit(BATCH)).all()
            if not rows:
                break
            docs = documents_for(session, {(r.type_key, r.object_id) for r in rows})
            backend().update(docs)
            session.execute(sa.delete(SearchOutbox).where(
                SearchOutbox.id.in_([r.id for r in rows])))
            session.commit()
            applied += len(rows)
    return applied


def all_documents(batch: int = BATCH):
    """Every indexable object, in batches of {id: document}."""
    with Session(db.engine) as session:
        for search_type in registry.all_types():
            stmt = (sa.select(search_type.model).order_by(search_type.model.id)
                    .execution_options(yield_per=batch))
            chunk = {}
            for obj in session.scalars(stmt):
                doc = _document(search_type, obj)
                if doc is not None:
                    chunk[f"{search_type.key}:{obj.id}"] = doc
                if len(chunk) >= batch:
                    yield chunk
                    chunk = {}
            if chunk:
                yield chunk


def count_indexable() -> int:
    return sum(db.session.scalar(sa.select(sa.func.count()).select_from(t.model))
               for t in registry.all_types())


def reindex(progress=None) -> int:
    """Rebuild the whole index from the database; searching goes on meanwhile."""
    with _indexer_lock():
        with Session(db.engine) as session:  # what the rebuild covers needs no replay
            session.execute(sa.delete(SearchOutbox))
            session.commit()
        return backend().replace_all(all_documents(), progress)


def rebuild_if_stale() -> bool:
    """Rebuild an index written by an older version with other fields (after an upgrade);
    searching it finds nothing until then. True if it was rebuilt."""
    if backend().state() != "stale":
        return False
    current_app.logger.warning("The search index has an older layout: rebuilding it.")
    reindex()
    return True


@dataclass
class Verification:
    missing: list[str]
    extra: list[str]
    wrong_audience: list[str]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.wrong_audience)


def expected_ids() -> dict[str, str]:
    return {doc_id: doc["audience"] for batch in all_documents() for doc_id, doc in batch.items()}


def verify() -> Verification:
    catch_up()
    expected, actual = expected_ids(), backend().ids()
    return Verification(
        missing=sorted(set(expected) - set(actual)),
        extra=sorted(set(actual) - set(expected)),
        wrong_audience=sorted(k for k in set(expected) & set(actual)
                              if expected[k] != actual[k]),
    )


def repair(report: Verification) -> None:
    keys = [tuple(doc_id.split(":")) for doc_id in
            report.missing + report.extra + report.wrong_audience]
    with _indexer_lock(), Session(db.engine) as session:
        docs = documents_for(session, {(k, int(i)) for k, i in keys})
        backend().update(docs)


def apply_now() -> None:
    """Inline mode: apply right after the commit, in the committing app's context."""
    # The listener is process-wide; an app in another mode in the same process (a command
    # beside the web app, tests) leaves its outbox rows to its own indexer.
    if current_app.config.get("SEARCH_INDEXER") != "inline":
        return
    try:
        apply_outbox()
    except Exception:  # the database change stands; `flask search sync` repairs the index
        current_app.logger.exception("Search indexing failed; rows stay in the outbox")


def catch_up() -> None:
    """SEARCH_INDEXER=before_search: apply what waits in the outbox before the index is
    read (a search, a type-ahead, the health check, a verification), so the reader finds
    every change committed before it."""
    if current_app.config.get("SEARCH_INDEXER") == "before_search":
        apply_outbox()


def init_app(app: Flask) -> None:
    """The core worker applies the outbox (a thread in the web process, or `flask
    worker`); with SEARCH_INDEXER=inline it is also applied right after each commit."""
    worker.register_task("search", apply_outbox, on_start=rebuild_if_stale)
    outbox.on_committed(worker.wake)
    if app.config.get("SEARCH_INDEXER", "thread") == "inline":
        outbox.on_committed(apply_now)

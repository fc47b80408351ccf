"""The PostgreSQL backend's GIN indexes keep no pending list: every search would read such
a list in full until a VACUUM merges it, so a steady stream of edits made each search
slower (on SQLite the Whoosh backend is in use and there is nothing to check)."""

import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.search import indexing
from diaspora_platform.search.backends import postgres
from diaspora_platform.search.service import build_query


def doc(n):
    return {"type": "organisation", "title": f"Pamir Club {n}", "body": "Tajik music",
            "url": f"/organisations/{n}", "audience": "public"}


def pending_tuples() -> dict[str, int]:
    """Entries waiting in each GIN index's pending list."""
    db.session.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pgstattuple"))
    return {name: db.session.scalar(sa.text(
        "SELECT pending_tuples FROM pgstatginindex(CAST(:n AS regclass))"), {"n": name})
        for name in postgres.GIN_INDEXES}


def test_edits_one_by_one_leave_nothing_pending(app, database_url):
    if database_url == "sqlite":
        return
    backend = postgres.PostgresBackend()
    for n in range(1, 31):  # as the outbox applies edits as they come
        backend.update({f"organisation:{n}": doc(n)})
    assert set(pending_tuples().values()) == {0}


def test_an_index_of_an_older_version_stops_keeping_a_pending_list(app, database_url):
    if database_url == "sqlite":
        return
    postgres.PostgresBackend().update({"organisation:1": doc(1)})
    with db.engine.begin() as conn:  # as an older version created them
        for name in postgres.GIN_INDEXES:
            conn.execute(sa.text(f"ALTER INDEX {name} SET (fastupdate = on)"))
    old = postgres.PostgresBackend()
    old._ready = True  # a worker of the older version: its tables exist as they are
    old.update({"organisation:2": doc(2)})
    assert any(pending_tuples().values())
    db.session.rollback()
    backend = postgres.PostgresBackend()  # a worker of this version
    backend.update({"organisation:3": doc(3)})
    assert set(pending_tuples().values()) == {0}
    assert backend.search(build_query("pamir")).total == 3


def test_a_rebuild_leaves_nothing_pending(app, database_url, make_org):
    if database_url == "sqlite":
        return
    for n in range(20):
        make_org(name=f"Pamir Club {n}")
    indexing.reindex()
    assert set(pending_tuples().values()) == {0}

"""Figures computed from whole tables (a list's "N results", its facet counts), kept until
one of the tables they read changes, so a list page costs what its page costs and not what
its table holds.

Every table has a change stamp. A commit that flushed rows of a table (ORM objects, or an
ORM-enabled insert/update/delete through the session) moves that table's stamp forward,
after the commit, the same way the page cache hears of changes. A kept value remembers the
stamps of the tables its statement reads, taken before it was computed; it is used only
while they are unchanged (and, for figures that change with the clock, until the moment
they may change). The stamps live where every worker sees them: in Redis when
`REDIS_URL` is set, otherwise one file per table in the instance folder; the values are
kept in each process's memory.

Rows written behind the session's back (raw SQL, another program) do not move a stamp:
call `changed(table_name, ...)` after such a write.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Hashable, Iterable
from datetime import UTC, datetime
from functools import cache

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event
from sqlalchemy.sql.util import find_tables

from diaspora_platform.extensions import db

_CHANGED = "table_cache_changed"
MAX_VALUES = 5000


class FileStamps:
    """One file per table in the instance folder; its modification time is the stamp."""

    def __init__(self, folder: str):
        self.folder = folder

    def _path(self, table: str) -> str:
        return os.path.join(self.folder, table)

    def read(self, tables: Iterable[str]) -> tuple[int, ...]:
        stamps = []
        for table in tables:
            try:
                stamps.append(os.stat(self._path(table)).st_mtime_ns)
            except FileNotFoundError:
                stamps.append(self._create(table))
        return tuple(stamps)

    def _create(self, table: str) -> int:
        # A missing stamp starts at "now", never at a value an earlier life already used.
        os.makedirs(self.folder, exist_ok=True)
        with open(self._path(table), "a"):
            pass
        return os.stat(self._path(table)).st_mtime_ns

    def bump(self, tables: Iterable[str]) -> None:
        for table in tables:
            before = self.read([table])[0]
            stamp = max(time.time_ns(), before + 1)  # always moves, even within one tick
            os.utime(self._path(table), ns=(stamp, stamp))


class RedisStamps:
    """Stamps in one Redis hash, shared by every worker and host."""

    def __init__(self, url: str, prefix: str):
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=0.5)
        self.key = prefix + "table-stamps"

    def read(self, tables: Iterable[str]) -> tuple[int, ...]:
        tables = list(tables)
        values = self.redis.hmget(self.key, tables)
        missing = [t for t, v in zip(tables, values, strict=True) if v is None]
        if missing:
            for table in missing:  # start at "now", never at a value used before
                self.redis.hsetnx(self.key, table, time.time_ns())
            values = self.redis.hmget(self.key, tables)
        return tuple(int(v) for v in values)

    def bump(self, tables: Iterable[str]) -> None:
        pipe = self.redis.pipeline()
        for table in tables:
            pipe.hincrby(self.key, table, 1)
        pipe.execute()


class Store:
    """The stamps (shared) and the kept values (this process)."""

    def __init__(self, stamps):
        self.stamps = stamps
        self.values: dict[Hashable, tuple[tuple[str, ...], tuple, float | None, object]] = {}
        self.lock = threading.Lock()

    def get(self, key: Hashable):
        found = self.values.get(key)
        if found is None:
            return None
        tables, stamps, until, value = found
        if until is not None and time.time() >= until:
            return None
        if self.stamps.read(tables) != stamps:
            return None
        return found

    def put(self, key: Hashable, entry: tuple) -> None:
        with self.lock:
            if len(self.values) >= MAX_VALUES:
                self.values.clear()  # rare; simpler and safer than an LRU
            self.values[key] = entry


def _store() -> Store | None:
    return current_app.extensions.get("table_cache") if has_app_context() else None


def tables_of(stmt) -> tuple[str, ...]:
    """The names of every table `stmt` reads, subqueries included."""
    return tuple(sorted({t.name for t in find_tables(stmt, include_joins=True,
                                                     include_aliases=True)
                         if isinstance(t, sa.Table)}))


def _statement_key(stmt) -> Hashable:
    cache_key = stmt._generate_cache_key()
    return cache_key.key, tuple(repr(b.effective_value) for b in cache_key.bindparams)


def remember(stmt, compute: Callable[[], object], *, key: Hashable | None = None,
             until: Callable[[], datetime | None] | None = None,
             tables: tuple[str, ...] | None = None):
    """`compute()`, kept until a table `stmt` reads changes. `key` names the value when
    the statement holds the clock or is not worth building on every call (the default key
    is the statement with its values; with `key` and `tables`, `stmt` may be None);
    `until()` gives the moment the value may change by itself (None: never)."""
    store = _store()
    if store is None:
        return compute()
    key = _statement_key(stmt) if key is None else key
    try:
        found = store.get(key)
        if found is not None:
            return found[3]
        tables = tables or tables_of(stmt)
        stamps = store.stamps.read(tables)  # before computing: a change meanwhile wins
    except Exception:  # an unreachable stamp store must not take the site down
        current_app.logger.exception("Table cache unavailable")
        return compute()
    value = compute()
    moment = until() if until is not None else None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # the database's times are UTC
    store.put(key, (tables, stamps, moment.timestamp() if moment else None, value))
    return value


def count(stmt, **kwargs) -> int:
    """How many rows `stmt` selects, kept until its tables change."""
    counting = sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())
    return remember(counting, lambda: db.session.scalar(counting) or 0, **kwargs)


def grouped(stmt, **kwargs) -> dict:
    """`stmt`'s (value, count) rows as a dict, kept until its tables change."""
    return remember(stmt, lambda: dict(db.session.execute(stmt).all()), **kwargs)


def changed(*tables: str) -> None:
    """Tables written outside the session's tracking: forget what was computed from them."""
    store = _store()
    if store is not None and tables:
        try:
            store.stamps.bump(tables)
        except Exception:
            current_app.logger.exception("Table stamps not updated")


def stamp(table: str) -> int | None:
    """The table's current change stamp (an ETag part for what is built from it), or None
    when the cache is off or unreachable."""
    store = _store()
    if store is None:
        return None
    try:
        return store.stamps.read([table])[0]
    except Exception:
        current_app.logger.exception("Table cache unavailable")
        return None


@cache
def _secondary_tables(mapper) -> tuple[str, ...]:
    return tuple(rel.secondary.name for rel in mapper.relationships
                 if isinstance(rel.secondary, sa.Table))


def _note(session, names: Iterable[str]) -> None:
    session.info.setdefault(_CHANGED, set()).update(names)


@event.listens_for(FlaskSession, "after_flush")
def _note_flushed(session, flush_context) -> None:
    names = set()
    for objs in (session.new, session.dirty, session.deleted):
        for obj in objs:
            mapper = sa.inspect(obj).mapper
            names.update(t.name for t in mapper.tables)
            names.update(_secondary_tables(mapper))
    if names:
        _note(session, names)


@event.listens_for(FlaskSession, "do_orm_execute")
def _note_bulk(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if isinstance(table, sa.Table):
            _note(state.session, [table.name])


@event.listens_for(FlaskSession, "after_commit")
def _after_commit(session) -> None:
    names = session.info.pop(_CHANGED, None)
    if names:
        changed(*sorted(names))


@event.listens_for(FlaskSession, "after_rollback")
def _forget(session) -> None:
    session.info.pop(_CHANGED, None)


def init_app(app: Flask) -> None:
    """Build the stamp store named by the configuration."""
    if not app.config.get("TABLE_CACHE_ENABLED", True):
        return
    url = app.config.get("PAGE_CACHE_REDIS_URL")
    if url:
        stamps = RedisStamps(url, app.config["PAGE_CACHE_PREFIX"])
    else:
        stamps = FileStamps(os.path.join(app.instance_path, "table-stamps"))
    app.extensions["table_cache"] = Store(stamps)

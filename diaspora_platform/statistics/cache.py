"""A per-process cache of the statistics, invalidated by a version key from the database.

How it stays correct:

1. Counts are cached under the *version key* of the tables they come from: each table's
   row count and newest `updated_at`, read in one statement (queries.versions). Any
   insert, delete or ORM update (TimestampMixin stamps `updated_at`), made by this
   process, another gunicorn worker, another host or a CLI command, changes the key,
   and the counts are queried again.
2. Reading the key scans the table (about 16 ms for 100,000 users on SQLite), so a
   process reads it at most once every STATISTICS_CHECK_SECONDS (default 1) per set of
   tables. Commits *in this process* that touch an organisation, place or user (seen by
   the session listeners below) make the next request read it at once, so whoever
   changed something sees it straight away; other processes see it within a second.
3. Rendered fragments (the map's SVG and tables, the statistics page) are cached under
   a key made from the counts they show, not from the version: a member signing in
   moves `users.updated_at` and the counts are re-read, but the SVG is rendered again
   only if a number actually changed.
4. A maximum age (STATISTICS_CACHE_SECONDS, default 300) rebuilds everything now and
   then. It covers what the key cannot see: a transaction that stamped `updated_at`
   before, but committed after, one already read (the newest timestamp does not move),
   and writes that bypass the ORM (raw SQL, bulk statements without `updated_at`).

No shared cache server is needed: each process keeps its own small copy (one entry per
measure and language). bench/map.py measures the warm, cold and after-a-write paths.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from diaspora_platform.statistics import queries

DEFAULT_MAX_AGE = 300.0
DEFAULT_CHECK_SECONDS = 1.0
_generation = itertools.count(1)
_current = {"generation": 0}  # bumped after a commit that changed counted rows


@dataclass
class Entry:
    version: Hashable
    built_at: float
    value: Any


class VersionedCache:
    def __init__(self) -> None:
        self.entries: dict[tuple, Entry] = {}
        self.checked: dict[str, tuple[float, int, tuple]] = {}  # table -> when, key read
        self.lock = threading.Lock()
        self.builds = 0  # values computed so far (read by the tests and the benchmark)

    def get(self, key: tuple, version: Hashable, build: Callable[[], Any], max_age: float):
        entry = self.entries.get(key)
        now = time.monotonic()
        if entry and entry.version == version and now - entry.built_at < max_age:
            return entry.value
        value = build()
        with self.lock:
            self.entries[key] = Entry(version, now, value)
            self.builds += 1
        return value

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.checked.clear()


def store() -> VersionedCache:
    """This application's cache (one per app, so tests never share entries)."""
    return current_app.extensions.setdefault("statistics_cache", VersionedCache())


def _setting(name: str, default: float) -> float:
    return float(current_app.config.get(name, default))


def version_of(tables: tuple[str, ...]) -> tuple:
    """The version key of these tables; each is read again only when it may have changed,
    and all that need it in one statement."""
    tables = tuple(sorted(set(tables)))
    cache, now = store(), time.monotonic()
    fresh = _setting("STATISTICS_CHECK_SECONDS", DEFAULT_CHECK_SECONDS)
    generation = _current["generation"]
    stale = tuple(t for t in tables if not (
        t in cache.checked and now - cache.checked[t][0] < fresh
        and cache.checked[t][1] == generation))
    if stale:
        for name, *key in queries.versions(stale):
            cache.checked[name] = (now, generation, tuple(key))
    return tuple((t, cache.checked[t][2]) for t in tables)


def cached(key: tuple, tables: tuple[str, ...], build: Callable[[], Any]):
    """The cached value for key, rebuilt when any of `tables` changed."""
    max_age = _setting("STATISTICS_CACHE_SECONDS", DEFAULT_MAX_AGE)
    return store().get(key, version_of(tables), build, max_age)


def cached_by_input(key: tuple, inputs: Hashable, build: Callable[[], Any]):
    """The cached value for key, rebuilt when `inputs` (what it shows) differ."""
    max_age = _setting("STATISTICS_CACHE_SECONDS", DEFAULT_MAX_AGE)
    return store().get(key, inputs, build, max_age)


# ---------------------------------------------------------------- this process's commits
def _watched() -> tuple[type, ...]:
    return tuple(queries.TABLES.values())


def _note_changes(session: Session, flush_context, instances) -> None:
    watched = _watched()
    if any(isinstance(obj, watched)
           for obj in itertools.chain(session.new, session.dirty, session.deleted)):
        session.info["statistics_changed"] = True


def _after_commit(session: Session) -> None:
    if session.info.pop("statistics_changed", False):
        _current["generation"] = next(_generation)


def _after_rollback(session: Session) -> None:  # nothing of it was committed
    session.info.pop("statistics_changed", None)


def init_app(app: Flask) -> None:
    """Listen to every session's flushes and commits (once per process)."""
    if not sa.event.contains(Session, "after_commit", _after_commit):
        sa.event.listen(Session, "before_flush", _note_changes)
        sa.event.listen(Session, "after_commit", _after_commit)
        sa.event.listen(Session, "after_rollback", _after_rollback)

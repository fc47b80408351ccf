"""Changes reach the index through the outbox: whenever a session flushes an object of a
registered type, a row naming it is written in the same transaction. After the commit the
indexer applies the rows; a crash in between leaves them for `flask search sync`.

Core `update()` statements bypass the session: code that uses them (moderation's
conditional decisions) marks the object dirty so it is seen here too.
"""

from __future__ import annotations

from itertools import chain

from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event

from diaspora_platform.search import registry
from diaspora_platform.search.models import SearchOutbox

_KEYS = "search_outbox_keys"
_WROTE = "search_outbox_written"
_listeners: list = []


def on_committed(callback) -> None:
    """Call `callback()` after every commit that wrote outbox rows (wakes the indexer)."""
    if callback not in _listeners:
        _listeners.append(callback)


@event.listens_for(FlaskSession, "after_flush")
def _collect(session, flush_context) -> None:
    keys = session.info.setdefault(_KEYS, set())
    for obj in chain(session.new, session.dirty, session.deleted):
        search_type = registry.type_of(obj)
        if search_type is not None and getattr(obj, "id", None) is not None:
            keys.add((search_type.key, obj.id))
        if obj not in session.deleted:
            keys.update(registry.dependents(obj))


@event.listens_for(FlaskSession, "before_commit")
def _write_outbox(session) -> None:
    if session.dirty or session.new or session.deleted:
        session.flush()
    keys = session.info.pop(_KEYS, set())
    if keys:
        session.add_all(SearchOutbox(type_key=key, object_id=oid) for key, oid in sorted(keys))
        session.info[_WROTE] = True


@event.listens_for(FlaskSession, "after_commit")
def _wake(session) -> None:
    if session.info.pop(_WROTE, False):
        for callback in _listeners:
            callback()


@event.listens_for(FlaskSession, "after_rollback")
def _forget(session) -> None:
    session.info.pop(_KEYS, None)
    session.info.pop(_WROTE, None)

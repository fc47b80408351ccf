"""The durable outbox for everything that leaves the transaction (mail, and whatever else a
domain registers a sender for).

`enqueue()` adds a message to the caller's transaction: a rollback leaves nothing behind, a
commit makes it durable. The worker (`worker.py`) delivers due messages: it leases a batch
(PostgreSQL `FOR UPDATE SKIP LOCKED`, and on every database a conditional update, so two
workers never hold the same message), calls the sender registered for the message's kind,
records the message's idempotency key in `outbox_sent` (its own commit), then deletes the
message. A delivery whose last step failed is found in `outbox_sent` on the next try and
is not sent again. A failure is retried with exponential back-off; after
`OUTBOX_MAX_ATTEMPTS` the message is parked for staff (`/admin/outbox`).

A lease is short and renewed while its batch is delivered: the messages of a worker that
died mid-batch (SIGKILL, a lost host) are due again within `LEASE`, not after a fixed
long wait.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from diaspora_platform.database import UTCDateTime, utcnow
from diaspora_platform.extensions import db

BATCH = 100
LEASE = timedelta(seconds=60)
RENEW_AFTER = 20  # seconds of a batch's delivery after which its lease is renewed
_WROTE = "outbox_written"


class OutboxMessage(db.Model):
    """A message waiting to leave: deleted once delivered, parked when it keeps failing."""

    __tablename__ = "outbox_messages"
    __table_args__ = (sa.Index("ix_outbox_messages_due", "parked_at", "available_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    key: Mapped[str] = mapped_column(sa.String(64), nullable=False, unique=True)
    payload: Mapped[dict] = mapped_column(sa.JSON, nullable=False)
    # What staff may see of it on the parked messages page (never a private address).
    summary: Mapped[str] = mapped_column(sa.String(300), nullable=False, default="")
    attempts: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    available_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lease_owner: Mapped[str | None] = mapped_column(sa.String(100))
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    parked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class OutboxSent(db.Model):
    """The idempotency keys of delivered messages: a key here is never delivered again."""

    __tablename__ = "outbox_sent"

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow,
                                              index=True)


@dataclass(frozen=True)
class Sender:
    kind: str
    send: Callable[[dict, str], None]  # (payload, key); raises on failure
    private: Callable[[dict], bool] = lambda payload: False


_senders: dict[str, Sender] = {}
_listeners: list = []


def register_sender(kind: str, send, private=None) -> None:
    """Say how messages of `kind` are delivered: `send(payload, key)` raises on failure and
    must not send twice when `already_sent(key)` (the outbox checks it before calling)."""
    _senders[kind] = Sender(kind, send, private or (lambda payload: False))


def new_key() -> str:
    return uuid.uuid4().hex


def enqueue(kind: str, payload: dict, *, key: str | None = None, summary: str = "",
            session=None) -> OutboxMessage:
    """Add a message to the current transaction; it leaves after the commit."""
    session = session or db.session
    message = OutboxMessage(kind=kind, key=key or new_key(), payload=payload,
                            summary=summary[:300], available_at=utcnow())
    session.add(message)
    session.info[_WROTE] = True
    return message


def on_committed(callback) -> None:
    """Call `callback()` after every commit that enqueued a message (wakes the worker)."""
    if callback not in _listeners:
        _listeners.append(callback)


@event.listens_for(FlaskSession, "after_commit")
def _wake(session) -> None:
    if session.info.pop(_WROTE, False):
        for callback in list(_listeners):
            callback()


@event.listens_for(FlaskSession, "after_rollback")
def _forget(session) -> None:
    session.info.pop(_WROTE, None)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:80]


def is_postgres(session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _free(model, now: datetime):
    return sa.or_(model.lease_until.is_(None), model.lease_until < now)


def _lease(session: Session, owner: str, now: datetime, limit: int) -> list[OutboxMessage]:
    due = (OutboxMessage.parked_at.is_(None), OutboxMessage.available_at <= now,
           _free(OutboxMessage, now))
    candidates = sa.select(OutboxMessage.id).where(*due).order_by(OutboxMessage.id).limit(limit)
    if is_postgres(session):
        candidates = candidates.with_for_update(skip_locked=True)
    ids = list(session.scalars(candidates))
    if not ids:
        session.rollback()
        return []
    # The condition is repeated: on SQLite, or when another worker leased a row between
    # the read and this update, the row is simply not ours.
    session.execute(sa.update(OutboxMessage).where(OutboxMessage.id.in_(ids), *due)
                    .values(lease_until=now + LEASE, lease_owner=owner)
                    .execution_options(synchronize_session=False))
    session.commit()
    leased = list(session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.id.in_(ids), OutboxMessage.lease_owner == owner)
        .order_by(OutboxMessage.id)))
    # End the read: on SQLite a transaction that read before it writes may be refused.
    session.commit()
    return leased


def sent_among(session: Session, keys: list[str]) -> set[str]:
    """Which of these idempotency keys were already delivered."""
    found = set(session.scalars(sa.select(OutboxSent.key).where(OutboxSent.key.in_(keys))))
    session.commit()
    return found


def record_sent(session: Session, key: str, now: datetime) -> None:
    """Remember a delivered key at once, in its own transaction."""
    session.add(OutboxSent(key=key, sent_at=now))
    try:
        session.commit()
    except IntegrityError:  # recorded by an earlier try whose last step failed
        session.rollback()


def renew(session: Session, ids: list[int], owner: str, until: datetime) -> set[int]:
    """Extend the lease on these messages; returns the ids still leased to `owner` (a
    lease that ran out may have passed to another worker)."""
    kept = set(session.scalars(sa.update(OutboxMessage).where(
        OutboxMessage.id.in_(ids), OutboxMessage.lease_owner == owner)
        .values(lease_until=until).returning(OutboxMessage.id)))
    session.commit()
    return kept


def mark_delivered(session: Session, ids: list[int], owner: str) -> None:
    """Remove delivered messages (one statement for the batch)."""
    session.execute(sa.delete(OutboxMessage).where(OutboxMessage.id.in_(ids),
                                                   OutboxMessage.lease_owner == owner))
    session.commit()


def _release(session: Session, ids: list[int], owner: str) -> None:
    """Give leased messages back at once (their keys say which were already sent)."""
    try:
        session.rollback()
        session.execute(sa.update(OutboxMessage).where(
            OutboxMessage.id.in_(ids), OutboxMessage.lease_owner == owner).values(
            lease_until=None, lease_owner=None))
        session.commit()
    except Exception:  # noqa: BLE001 — the lease runs out by itself
        session.rollback()


def backoff(attempts: int) -> timedelta:
    cfg = current_app.config
    base, cap = cfg.get("OUTBOX_RETRY_SECONDS", 30), cfg.get("OUTBOX_RETRY_MAX_SECONDS", 900)
    return timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


def _describe(error: Exception, private: bool) -> str:
    if private:  # the error may quote the address
        return type(error).__name__
    return f"{type(error).__name__}: {error}"[:1000]


def _failed(session: Session, message: OutboxMessage, error: Exception, now: datetime,
            private: bool, owner: str) -> bool:
    """Schedule the next try or park the message; True if it was parked."""
    session.rollback()
    attempts = message.attempts + 1
    parked = attempts >= current_app.config.get("OUTBOX_MAX_ATTEMPTS", 12)
    values = {"attempts": attempts, "last_error": _describe(error, private),
              "lease_until": None, "lease_owner": None}
    if parked:
        values["parked_at"] = now
    else:
        values["available_at"] = now + backoff(attempts)
    session.execute(sa.update(OutboxMessage).where(
        OutboxMessage.id == message.id, OutboxMessage.lease_owner == owner).values(**values))
    session.commit()
    return parked


@dataclass
class DeliveryResult:
    delivered: int = 0
    failed: int = 0
    parked: int = 0

    def __bool__(self) -> bool:
        return bool(self.delivered or self.failed)


def deliver_due(now: datetime | None = None, limit: int = BATCH,
                owner: str | None = None) -> DeliveryResult:
    """Deliver the messages that are due; safe to run in several workers at once.

    Each message's key is recorded right after its sender returns (its own commit): if
    the batch's last step, removing the delivered rows, fails, the next try finds the keys
    and sends nothing again. The lease on the rest of the batch is renewed every
    RENEW_AFTER seconds; a message whose lease passed to another worker is left to it."""
    now = now or utcnow()
    started = renewed = time.monotonic()
    owner = f"{owner or worker_name()}:{uuid.uuid4().hex[:8]}"  # this lease only
    result = DeliveryResult()
    with Session(db.engine, expire_on_commit=False) as session, \
            Session(db.engine) as records:
        leased = _lease(session, owner, now, limit)
        if not leased:
            return result
        done_before = sent_among(records, [m.key for m in leased])
        ours = {m.id for m in leased}
        delivered = []
        for message in leased:
            if time.monotonic() - renewed > RENEW_AFTER:
                renewed = time.monotonic()
                until = now + timedelta(seconds=renewed - started) + LEASE
                ours = renew(session, [m.id for m in leased], owner, until)
            if message.id not in ours:
                continue
            sender = _senders.get(message.kind)
            private = bool(sender and sender.private(message.payload))
            try:
                if sender is None:
                    raise LookupError(f"No sender for messages of kind {message.kind!r}")
                if message.key not in done_before:
                    sender.send(message.payload, message.key)
                    record_sent(records, message.key, now)
                delivered.append(message.id)
            except Exception as error:  # noqa: BLE001 — every failure is retried or parked
                current_app.logger.warning("Delivery of outbox message %s failed: %s",
                                           message.id, _describe(error, private))
                result.failed += 1
                result.parked += _failed(session, message, error, now, private, owner)
        if delivered:
            try:
                mark_delivered(session, delivered, owner)
                result.delivered += len(delivered)
            except Exception:  # noqa: BLE001 — sent and recorded: the next try skips them
                current_app.logger.exception("Marking %d delivered messages failed",
                                             len(delivered))
                result.failed += len(delivered)
                _release(session, delivered, owner)
    return result


def drain(now: datetime | None = None) -> int:
    """Deliver everything due now (tests, the inline mode); returns how many left."""
    total = 0
    while True:
        result = deliver_due(now)
        total += result.delivered
        if not result.delivered:
            return total


def lag_seconds(session, now: datetime | None = None) -> float:
    """Age of the oldest message still waiting (parked ones are staff's, not lag): 0 when
    none."""
    oldest = session.scalar(sa.select(sa.func.min(OutboxMessage.created_at)).where(
        OutboxMessage.parked_at.is_(None)))
    if oldest is None:
        return 0.0
    return max(0.0, ((now or utcnow()) - oldest).total_seconds())


def parked_messages(limit: int = 200) -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.parked_at.is_not(None)).order_by(OutboxMessage.id).limit(limit)))


def count_waiting() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage).where(
        OutboxMessage.parked_at.is_(None))) or 0


def prune_sent(now: datetime | None = None, keep_days: int = 30) -> int:
    """Forget idempotency keys older than any retry could be (a scheduled job)."""
    cutoff = (now or utcnow()) - timedelta(days=keep_days)
    result = db.session.execute(sa.delete(OutboxSent).where(OutboxSent.sent_at < cutoff))
    db.session.commit()
    return result.rowcount or 0

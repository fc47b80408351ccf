"""Append-only tables whose rows are hash-chained: each row stores the SHA-256 of its own
canonical JSON, which includes the previous row's hash, so removing or changing any row
breaks every link after it. The audit log and the fund's ledger are both such chains.

Appends are serialised so that two transactions never chain off the same row: on
PostgreSQL by a transaction-scoped advisory lock (one key per chain), on SQLite by the
database's single writer (the caller flushes first, so it holds the write lock before it
reads the chain's end).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import click
import sqlalchemy as sa
from sqlalchemy import event

from diaspora_platform.extensions import db

GENESIS = "0" * 64


def digest(fields: dict) -> str:
    """SHA-256 of the canonical JSON of a row's hashed fields (as published in exports)."""
    body = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


class ChainedRow:
    """What a chained model shares: its hash over `hashed_fields()` and its JSON details."""

    def compute_hash(self) -> str:
        return digest(self.hashed_fields())

    @property
    def details_dict(self) -> dict:
        return json.loads(self.details or "{}")


def append_only(model, name: str) -> None:
    """Refuse any update or delete of `model`'s rows: only appends keep the chain."""

    def refuse(mapper, connection, target):  # pragma: no cover - guard
        raise RuntimeError(f"The {name} is append-only.")

    event.listen(model, "before_update", refuse)
    event.listen(model, "before_delete", refuse)


def lock(key: int) -> None:
    """Serialise this chain's writers until the current transaction ends."""
    db.session.flush()
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def chain_end(model) -> tuple[int, str]:
    """The id the next row takes and the hash it links to; call under `lock()`."""
    last = db.session.execute(
        sa.select(model.id, model.hash).order_by(model.id.desc()).limit(1)).first()
    return ((last.id + 1), last.hash) if last else (1, GENESIS)


@dataclass
class ChainReport:
    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify(rows: Iterable[dict], hashed: Callable[[dict], dict],
           check: Callable[[dict], str | None] | None = None) -> ChainReport:
    """Walk rows (dicts with id, prev_hash and hash, in id order): ids without gaps, each
    link to the previous hash, each hash over `hashed(row)`, then `check(row)`, which
    returns the reason a row is wrong or None."""
    prev, checked, expected_id = GENESIS, 0, 1
    for row in rows:
        if row["id"] != expected_id:
            return ChainReport(checked, row["id"], "gap in ids (a row was removed)")
        if row["prev_hash"] != prev:
            return ChainReport(checked, row["id"], "link to the previous row broken")
        if digest(hashed(row)) != row["hash"]:
            return ChainReport(checked, row["id"], "row content changed")
        if check and (reason := check(row)):
            return ChainReport(checked, row["id"], reason)
        prev, checked, expected_id = row["hash"], checked + 1, expected_id + 1
    return ChainReport(checked)


def report_or_exit(name: str, report: ChainReport) -> None:
    """Print a `verify` command's verdict; exit 1 when the chain is broken."""
    if report.ok:
        click.echo(f"{name} intact: {report.checked} entries verified.")
        return
    click.echo(f"{name} TAMPERED at entry {report.broken_at}: {report.reason} "
               f"({report.checked} entries before it are intact).", err=True)
    raise SystemExit(1)

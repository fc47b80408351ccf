"""Scheduled jobs: declared by the domains in `init_app`, run by the worker, each run once
however many workers and hosts there are.

Each job has a row in `scheduled_jobs` with `next_run_at`. A worker takes a due job with a
conditional update (its `next_run_at` still due, no live lease; PostgreSQL also skips rows
another worker has locked), runs it, and moves `next_run_at` on from the *stored* value —
not from the clock — past now, so a clock that jumps back does not run a job again and one
that jumps forward runs it once. A job that raises is retried later with back-off; after
`JOB_MAX_FAILURES` failures in a row it is parked with its last error, visible to staff on
`/admin/outbox`, and the other jobs keep running.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from diaspora_platform.database import UTCDateTime, utcnow
from diaspora_platform.extensions import db
from diaspora_platform.outbox import is_postgres, worker_name

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ScheduledJob(db.Model):
    __tablename__ = "scheduled_jobs"

    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    next_run_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lease_owner: Mapped[str | None] = mapped_column(sa.String(100))
    runs: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    failures: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    last_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    parked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


@dataclass(frozen=True)
class Every:
    """Every `seconds` (minutes, hours …), counted from the last scheduled time."""

    seconds: float = 0
    minutes: float = 0
    hours: float = 0
    days: float = 0

    @property
    def step(self) -> timedelta:
        return timedelta(seconds=self.seconds, minutes=self.minutes, hours=self.hours,
                         days=self.days)

    def first(self, now: datetime) -> datetime:
        return now

    def after(self, when: datetime) -> datetime:
        return when + self.step

    def __str__(self) -> str:
        return f"every {self.step}"


@dataclass(frozen=True)
class At:
    """Daily at `hour:minute` UTC, or weekly when `weekday` ("mon" … "sun") is given."""

    hour: int = 0
    minute: int = 0
    weekday: str | None = None

    def first(self, now: datetime) -> datetime:
        return self.after(now - timedelta(microseconds=1))

    def after(self, when: datetime) -> datetime:
        candidate = when.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        while candidate <= when or (self.weekday is not None and
                                    WEEKDAYS[candidate.weekday()] != self.weekday):
            candidate += timedelta(days=1)
        return candidate

    def __str__(self) -> str:
        day = f"{self.weekday} " if self.weekday else "daily "
        return f"{day}{self.hour:02d}:{self.minute:02d} UTC"


@dataclass(frozen=True)
class Job:
    name: str
    schedule: Every | At
    function: Callable[[], object]
    lease: timedelta = field(default=timedelta(minutes=30))


_jobs: dict[str, Job] = {}


def register(name: str, schedule, function, lease: timedelta | None = None) -> None:
    """Declare a job (from a domain's init_app); `function()` runs in an app context."""
    _jobs[name] = Job(name, schedule, function, lease or timedelta(minutes=30))


def registered() -> dict[str, Job]:
    return dict(_jobs)


def ensure_rows(session: Session, now: datetime) -> None:
    known = set(session.scalars(sa.select(ScheduledJob.name)))
    session.commit()  # end the read (SQLite refuses a write after a stale read)
    for job in _jobs.values():
        if job.name in known:
            continue
        session.add(ScheduledJob(name=job.name, next_run_at=job.schedule.first(now)))
        try:
            session.commit()
        except IntegrityError:  # another worker added it first
            session.rollback()


def _claim(session: Session, job: Job, owner: str, now: datetime) -> ScheduledJob | None:
    due = (ScheduledJob.name == job.name, ScheduledJob.parked_at.is_(None),
           ScheduledJob.next_run_at <= now,
           sa.or_(ScheduledJob.lease_until.is_(None), ScheduledJob.lease_until < now))
    if is_postgres(session):  # a worker holding the row is passed by, not waited for
        if session.scalar(sa.select(ScheduledJob.name).where(*due)
                          .with_for_update(skip_locked=True)) is None:
            session.rollback()
            return None
    taken = session.execute(sa.update(ScheduledJob).where(*due).values(
        lease_until=now + job.lease, lease_owner=owner, last_started_at=now)
        .execution_options(synchronize_session=False)).rowcount
    session.commit()
    if taken != 1:
        return None
    row = session.get(ScheduledJob, job.name, populate_existing=True)
    session.commit()
    return row


def next_time(job: Job, stored: datetime, now: datetime) -> datetime:
    """The next run after the stored one, past now (missed runs are not repeated)."""
    when = job.schedule.after(stored)
    while when <= now:
        when = job.schedule.after(when)
    return when


def _backoff(failures: int, job: Job) -> timedelta:
    return min(timedelta(minutes=2 ** failures), timedelta(hours=6))


def _finish(session: Session, row: ScheduledJob, owner: str, values: dict) -> None:
    session.execute(sa.update(ScheduledJob).where(
        ScheduledJob.name == row.name, ScheduledJob.lease_owner == owner).values(
        lease_until=None, lease_owner=None, **values)
        .execution_options(synchronize_session=False))
    session.commit()


def _run_one(app, job: Job) -> None:
    """The job's function in a fresh session; links in its mail go to the canonical site."""
    server, base = app.config.get("SERVER_NAME"), app.config.get("BASE_URL")
    scheme = app.config.get("PREFERRED_URL_SCHEME", "https")
    url = base or (f"{scheme}://{server}" if server else None)
    try:
        if url:
            with app.test_request_context("/", base_url=url):
                job.function()
        else:
            job.function()
    finally:
        db.session.remove()


def run_due(now: datetime | None = None, owner: str | None = None) -> list[str]:
    """Run every job that is due and not taken by another worker; returns their names."""
    app = current_app._get_current_object()
    now = now or utcnow()
    owner = f"{owner or worker_name()}:{uuid.uuid4().hex[:8]}"
    ran = []
    with Session(db.engine, expire_on_commit=False) as session:
        ensure_rows(session, now)
        due = set(session.scalars(sa.select(ScheduledJob.name).where(
            ScheduledJob.parked_at.is_(None), ScheduledJob.next_run_at <= now,
            sa.or_(ScheduledJob.lease_until.is_(None), ScheduledJob.lease_until < now))))
        session.commit()
        for job in [job for name, job in _jobs.items() if name in due]:
            row = _claim(session, job, owner, now)
            if row is None:
                continue
            try:
                _run_one(app, job)
            except Exception as error:  # noqa: BLE001 — parked or retried, never fatal
                app.logger.exception("Scheduled job %s failed", job.name)
                failures = row.failures + 1
                parked = failures >= app.config.get("JOB_MAX_FAILURES", 5)
                _finish(session, row, owner, {
                    "failures": failures, "last_error": f"{type(error).__name__}: {error}"[:2000],
                    "last_finished_at": now, "parked_at": now if parked else None,
                    "next_run_at": now + _backoff(failures, job)})
                continue
            _finish(session, row, owner, {
                "runs": row.runs + 1, "failures": 0, "last_error": None, "last_finished_at": now,
                "next_run_at": next_time(job, row.next_run_at, now)})
            ran.append(job.name)
    return ran


def all_rows() -> list[ScheduledJob]:
    return list(db.session.scalars(sa.select(ScheduledJob).order_by(ScheduledJob.name)))

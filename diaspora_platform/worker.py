"""The worker: one loop that applies the domains' queues (the search outbox), delivers the
outbox's messages and runs the scheduled jobs, writing a heartbeat as it goes.

`WORKER` says where the loop runs: `thread` (default: a thread in the web process, started
by its first request), `external` (`flask worker` on one or more hosts), `gunicorn`
(gunicorn's master starts `flask worker` beside its web workers: gunicorn.conf.py) or
`inline` (tests: messages are delivered right after each commit in the committing thread;
jobs run only when called). On SQLite only one worker may run: a second one refuses (a lock file
beside the database). On PostgreSQL any number may run at once.
"""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Mapped, Session, mapped_column

from diaspora_platform import jobs, outbox
from diaspora_platform.database import UTCDateTime, utcnow
from diaspora_platform.extensions import db

HEARTBEAT_EVERY = 10  # seconds between heartbeat writes


class WorkerHeartbeat(db.Model):
    __tablename__ = "worker_heartbeats"

    name: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)


@dataclass(frozen=True)
class Task:
    name: str
    run: Callable[[], int]  # does what is waiting; returns how much it did
    on_start: Callable[[], object] | None = None


_tasks: dict[str, Task] = {}
_wake = threading.Event()  # shared by the workers of this process


def wake() -> None:
    """Something was committed for the worker: start its next turn now."""
    _wake.set()


def register_task(name: str, run, on_start=None) -> None:
    """A domain's queue the worker applies on every turn (from the domain's init_app)."""
    _tasks[name] = Task(name, run, on_start)


class WorkerRefused(RuntimeError):
    """Another worker already serves this SQLite database."""


def _sqlite_file(app: Flask) -> Path | None:
    url = sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


class SingleWorkerLock:
    """On SQLite: a lock file beside the database, held while the worker runs."""

    def __init__(self, app: Flask):
        self.path = None
        database = _sqlite_file(app)
        if database is not None:
            self.path = database.with_name(database.name + ".worker.lock")
        self.handle = None

    def acquire(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise WorkerRefused(
                f"Another worker ({holder}) is already running for the SQLite database "
                f"{self.path.with_suffix('').with_suffix('')}. On SQLite only one worker may "
                "run; stop this one, or use PostgreSQL to run workers on several hosts."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(outbox.worker_name())
        handle.flush()
        self.handle = handle

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


class Worker:
    def __init__(self, app: Flask, name: str | None = None):
        self.app = app
        self.name = name or outbox.worker_name()
        self.started_at = utcnow()
        self.last_beat: datetime | None = None
        self.lock = SingleWorkerLock(app)

    def beat(self, now: datetime | None = None) -> None:
        now = now or utcnow()
        if self.last_beat and (now - self.last_beat).total_seconds() < HEARTBEAT_EVERY:
            return
        with Session(db.engine) as session:
            row = session.get(WorkerHeartbeat, self.name)
            if row is None:
                session.add(WorkerHeartbeat(name=self.name, started_at=self.started_at,
                                            beat_at=now))
            else:
                row.beat_at = now
            session.commit()
        self.last_beat = now

    def start_tasks(self) -> None:
        for task in _tasks.values():
            if task.on_start is not None:
                try:
                    task.on_start()
                except Exception:  # the loop still runs; the task's own command repairs it
                    self.app.logger.exception("Starting worker task %s failed", task.name)

    def turn(self, now: datetime | None = None) -> int:
        """One pass over everything waiting; returns how much work was done."""
        done = 0
        try:
            self.beat(now)
        except Exception:  # noqa: BLE001 — e.g. the database away, or not migrated yet
            self.app.logger.exception("Writing the worker's heartbeat failed; will retry")
        for task in _tasks.values():
            try:
                done += task.run() or 0
            except Exception:  # noqa: BLE001 — its rows stay for the next turn
                self.app.logger.exception("Worker task %s failed; will retry", task.name)
        try:
            done += outbox.deliver_due(now, owner=self.name).delivered
        except Exception:  # noqa: BLE001 — e.g. the database away for a moment
            self.app.logger.exception("Delivering the outbox failed; will retry")
        try:
            done += len(jobs.run_due(now, owner=self.name))
        except Exception:  # noqa: BLE001
            self.app.logger.exception("Running scheduled jobs failed; will retry")
        return done

    def run_forever(self, interval: float = 1.0, stop: threading.Event | None = None) -> None:
        self.lock.acquire()
        outbox.on_committed(wake)
        try:
            with self.app.app_context():
                self.start_tasks()
            while stop is None or not stop.is_set():
                with self.app.app_context():
                    busy = self.turn()
                if not busy:
                    _wake.wait(timeout=interval)
                    _wake.clear()
        finally:
            self.lock.release()


def heartbeat_age(session, now: datetime | None = None) -> float | None:
    """Seconds since the freshest heartbeat of any worker; None if none ever beat."""
    last = session.scalar(sa.select(sa.func.max(WorkerHeartbeat.beat_at)))
    if last is None:
        return None
    return max(0.0, ((now or utcnow()) - last).total_seconds())


_thread_started: dict[int, threading.Thread] = {}


def start_thread(app: Flask) -> None:
    """The single-process server's worker: a daemon thread, once per app."""
    if id(app) in _thread_started:
        return

    def run() -> None:
        try:
            Worker(app).run_forever(interval=app.config.get("WORKER_INTERVAL", 1.0))
        except WorkerRefused as refused:  # another process is the worker: it serves us too
            app.logger.info("%s", refused)

    thread = threading.Thread(target=run, name="worker", daemon=True)
    _thread_started[id(app)] = thread
    thread.start()


def _deliver_inline() -> None:
    if current_app.config.get("WORKER") != "inline":
        return
    try:
        outbox.drain()
    except Exception:  # the change stands; the message waits for the next delivery
        current_app.logger.exception("Delivering the outbox failed; messages stay queued")


def init_app(app: Flask) -> None:
    mode = app.config.get("WORKER", "thread")
    if mode == "inline":
        outbox.on_committed(_deliver_inline)
    elif mode == "thread":
        @app.before_request
        def _start_worker() -> None:
            start_thread(app)
    jobs.register("outbox.prune_sent", jobs.At(hour=4, minute=10), outbox.prune_sent)


def worker_state(now: datetime | None = None) -> dict:
    """What /healthz says of the worker, in two small queries."""
    cfg = current_app.config
    now = now or utcnow()
    lag = outbox.lag_seconds(db.session, now)
    age = heartbeat_age(db.session, now)
    mode = cfg.get("WORKER", "thread")
    state = {"mode": mode, "heartbeat_age": None if age is None else round(age, 1),
             "outbox_lag": round(lag, 1)}
    problems = []
    if lag > cfg.get("HEALTH_OUTBOX_LAG_MAX", 120):
        problems.append("outbox_lag")
    starting = (age is None and mode == "thread"
                and id(current_app._get_current_object()) in _thread_started)
    if mode != "inline" and not starting and (age is None
                                             or age > cfg.get("HEALTH_HEARTBEAT_MAX", 60)):
        problems.append("heartbeat")
    state["status"] = "error" if problems else "ok"
    if problems:
        state["problems"] = problems
    return state

"""Scheduled jobs: each due run happens once whatever the number of workers, a job that
always fails is parked while the others run, and a clock jump runs nothing twice."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform import jobs
from diaspora_platform.extensions import db

MONDAY_NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def ledger(monkeypatch):
    """Only this test's jobs are declared; `ran` lists each run."""
    ran, lock = [], threading.Lock()

    def declare(name, schedule, fails=False):
        def run():
            with lock:
                ran.append(name)
            if fails:
                raise RuntimeError(f"{name} cannot reach the archive")

        jobs._jobs[name] = jobs.Job(name, schedule, run)

    monkeypatch.setattr(jobs, "_jobs", {})
    return declare, ran


def _row(name):
    db.session.expire_all()
    return db.session.get(jobs.ScheduledJob, name)


def test_schedules_say_when_the_next_run_is():
    assert jobs.Every(minutes=5).after(MONDAY_NOON) == MONDAY_NOON + timedelta(minutes=5)
    daily = jobs.At(hour=3, minute=30)
    assert daily.first(MONDAY_NOON) == datetime(2026, 3, 3, 3, 30, tzinfo=UTC)
    weekly = jobs.At(hour=6, weekday="mon")
    assert weekly.first(MONDAY_NOON) == datetime(2026, 3, 9, 6, 0, tzinfo=UTC)
    assert weekly.first(MONDAY_NOON.replace(hour=5)) == MONDAY_NOON.replace(hour=6)


def test_a_job_runs_on_its_schedule_and_not_before(app, ledger):
    declare, ran = ledger
    declare("tidy", jobs.Every(hours=1))
    assert jobs.run_due(now=MONDAY_NOON) == ["tidy"]
    assert jobs.run_due(now=MONDAY_NOON + timedelta(minutes=59)) == []
    assert jobs.run_due(now=MONDAY_NOON + timedelta(hours=1)) == ["tidy"]
    assert ran == ["tidy", "tidy"]
    assert _row("tidy").runs == 2


def test_a_clock_that_jumps_back_or_forward_runs_nothing_twice(app, ledger):
    declare, ran = ledger
    declare("digest", jobs.Every(hours=1))
    jobs.run_due(now=MONDAY_NOON)
    assert jobs.run_due(now=MONDAY_NOON - timedelta(hours=3)) == []  # clock set back
    assert jobs.run_due(now=MONDAY_NOON) == []
    later = MONDAY_NOON + timedelta(days=2, minutes=10)  # clock jumps two days ahead
    assert jobs.run_due(now=later) == ["digest"]
    assert jobs.run_due(now=later) == []
    # the next run follows from the stored schedule, past the jump: not 48 catch-up runs
    assert _row("digest").next_run_at == MONDAY_NOON + timedelta(days=2, hours=1)
    assert ran == ["digest", "digest"]


def test_a_job_that_always_fails_is_parked_and_the_others_keep_running(app, ledger):
    app.config["JOB_MAX_FAILURES"] = 3
    declare, ran = ledger
    declare("broken", jobs.Every(minutes=5), fails=True)
    declare("reminders", jobs.Every(minutes=5))
    now = MONDAY_NOON
    for _ in range(40):
        jobs.run_due(now=now)
        now += timedelta(minutes=5)
    broken = _row("broken")
    assert broken.parked_at is not None and broken.failures == 3
    assert "cannot reach the archive" in broken.last_error
    assert ran.count("broken") == 3
    assert ran.count("reminders") == 40


def test_a_job_leased_by_a_worker_that_died_is_taken_over_after_its_lease(app, ledger):
    declare, ran = ledger
    declare("expire", jobs.Every(hours=1))
    jobs.ensure_rows(db.session, MONDAY_NOON)
    db.session.execute(sa.update(jobs.ScheduledJob).values(
        lease_owner="dead-host:1", lease_until=MONDAY_NOON + timedelta(minutes=30),
        next_run_at=MONDAY_NOON))
    db.session.commit()
    assert jobs.run_due(now=MONDAY_NOON + timedelta(minutes=10)) == []
    assert jobs.run_due(now=MONDAY_NOON + timedelta(minutes=31)) == ["expire"]


def test_two_workers_run_each_due_job_exactly_once(app, ledger):
    declare, ran = ledger
    for n in range(6):
        declare(f"job{n}", jobs.Every(hours=1))
    errors = []
    start = threading.Barrier(3)

    def work(name):
        try:
            with app.app_context():
                start.wait()
                for minutes in (0, 1, 2, 60, 61):  # two due rounds, each tried thrice
                    jobs.run_due(now=MONDAY_NOON + timedelta(minutes=minutes), owner=name)
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(f"host-{n}",)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors
    assert sorted(ran) == sorted([f"job{n}" for n in range(6)] * 2)


def test_the_domains_declare_their_periodic_work(app):
    assert {"projects.expire_offers", "experts.weekly_matches", "events.remind",
            "follows.digest", "helpdesk.purge", "outbox.prune_sent"} <= set(jobs.registered())

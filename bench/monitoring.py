"""Latency of the Action Plan monitoring report (GET /admin/monitoring/) as Council staff.

Seeds a throw-away database (PostgreSQL on 127.0.0.1 by default, created and dropped; or
SQLite) with 10,000 organisations, 100,000 members and 100,000 fund ledger entries (plus
places and moderation decisions), their dates spread over the last 900 days, signs a
staff member in through the real forms and drives the app with Flask's test client.

Cases, each printed beside its target:
- one half-year, cold: the first request of a new app (templates compiled, nothing of the
  report cached: the report has no cache, so every request counts afresh) — target ≤ 2 s;
- one half-year, again: the following requests;
- ten years (the longest period allowed) and its XLSX download;
- thirty years: refused with a message (400), never a 500 and never a timeout.

    .venv/bin/python bench/monitoring.py [--db postgres|sqlite] [--requests 5]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import map as map_bench  # noqa: E402  (bench/map.py: its seeding and throw-away database)
import pyotp  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from diaspora_platform.accounts.models import User  # noqa: E402
from diaspora_platform.accounts.vocabulary import Role  # noqa: E402
from diaspora_platform.database import utcnow  # noqa: E402
from diaspora_platform.extensions import db  # noqa: E402
from diaspora_platform.fund.models import Campaign, LedgerEntry  # noqa: E402
from diaspora_platform.moderation.models import ModerationDecision  # noqa: E402
from diaspora_platform.organisations.models import Organisation  # noqa: E402
from diaspora_platform.security import hash_password  # noqa: E402

DAYS = 900
TARGET_COLD_S = 2.0
PASSWORD = "bench-monitoring-2026"
KINDS = ("pledge_recorded", "pledge_received", "match_credited", "disbursement")


def dated(rows, rng: random.Random, *columns: str):
    """The rows with their timestamps spread over the last DAYS days."""
    now = datetime.now(UTC)
    for row in rows:
        moment = now - timedelta(days=rng.random() * DAYS)
        row.update({column: moment for column in columns})
        yield row


def ledger_rows(n: int, campaigns: list[int], rng: random.Random):
    now = datetime.now(UTC)
    for i in range(1, n + 1):
        yield {"id": i, "created_at": now - timedelta(days=(n - i) * DAYS / n),
               "campaign_id": rng.choice(campaigns), "kind": rng.choice(KINDS),
               "amount_minor": rng.randint(1, 5000) * 100,
               "currency": rng.choice(("TJS", "USD", "RUB")), "balance_minor": 0,
               "pending_minor": 0, "details": "{}", "prev_hash": f"{i - 1:064x}",
               "hash": f"{i:064x}"}


def campaign_rows(n: int):
    today = utcnow().date()
    for i in range(n):
        yield {"title_tg": f"Маърака {i}", "title_ru": f"Кампания {i}", "title_en": f"C {i}",
               "description_tg": "", "description_ru": "", "description_en": "",
               "currency": "TJS", "currencies": "TJS,USD,RUB", "target_minor": 10 ** 9,
               "starts_on": today - timedelta(days=30 * i), "ends_on": today,
               "status": "open", "created_at": utcnow(), "updated_at": utcnow()}


def decision_rows(n: int, rng: random.Random):
    for i in range(n):
        yield {"content_type": rng.choice(("organisation", "event", "news", "project")),
               "object_id": i, "decision": "approve", "waited_seconds": rng.randint(60, 9e5)}


def insert(rows, model) -> None:
    for batch in map_bench.batches(rows):
        db.session.execute(sa.insert(model), batch)


def seed(app, args, rng: random.Random) -> str:
    codes, weights = map_bench.country_weights(200)
    pick = lambda: rng.choices(codes, weights)[0]  # noqa: E731
    with app.app_context():
        db.create_all()
        insert(map_bench.user_rows(args.members, pick, rng), User)
        orgs = map_bench.org_rows(args.orgs, pick, rng)
        insert(dated(orgs, rng, "created_at", "submitted_at", "reviewed_at"), Organisation)
        org_ids = db.session.execute(sa.select(Organisation.id, Organisation.country)).all()
        insert(dated(map_bench.place_rows(args.orgs // 2, [tuple(o) for o in org_ids], rng),
                     rng, "created_at", "reviewed_at"), map_bench.Place)
        insert(campaign_rows(20), Campaign)
        campaigns = list(db.session.scalars(sa.select(Campaign.id)))
        insert(ledger_rows(args.ledger, campaigns, rng), LedgerEntry)
        insert(dated(decision_rows(args.orgs, rng), rng, "created_at"), ModerationDecision)
        secret = pyotp.random_base32()
        db.session.add(User(email="staff@bench.example", display_name="Staff", locale="en",
                            role=Role.STAFF, confirmed_at=utcnow(), session_token="staff",
                            password_hash=hash_password(PASSWORD), totp_secret=secret,
                            totp_enabled_at=utcnow()))
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(sa.text("VACUUM ANALYZE"))
        return secret


def staff_client(app, secret: str):
    """A test client signed in as staff through the real forms (password, then TOTP)."""
    app.config["WTF_CSRF_ENABLED"] = False  # the bench posts the forms without a page
    client = app.test_client()
    client.post("/account/login", data={"email": "staff@bench.example", "password": PASSWORD})
    response = client.post("/account/login/code", data={"code": pyotp.TOTP(secret).now()})
    if response.status_code != 302 or "/account/login" in response.location:
        sys.exit(f"staff sign-in failed ({response.status_code})")
    return client


CPU: list[float] = []  # this process's CPU seconds per request, beside the wall time


def timed(client, url: str, expect: int) -> float:
    start, start_cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    response.get_data()
    elapsed = time.perf_counter() - start
    CPU.append(time.process_time() - start_cpu)
    if response.status_code != expect:
        sys.exit(f"GET {url} answered {response.status_code}, expected {expect}")
    return elapsed


def run(app, secret: str, requests: int) -> list[tuple[str, float, str]]:
    today = utcnow().date()
    half = f"/en/admin/monitoring/?half={today.year}-{1 if today.month <= 6 else 2}"
    ten = f"start={today.year - 9}-01-01&end={today.year}-12-31"
    thirty = f"/en/admin/monitoring/?start={today.year - 29}-01-01&end={today.year}-12-31"
    client = staff_client(app, secret)
    first = timed(client, half, 200)  # the process's first report: templates compiled too
    first_cpu = CPU[-1]
    again = [timed(client, half, 200) for _ in range(requests)]
    decade = [timed(client, f"/en/admin/monitoring/?{ten}", 200) for _ in range(requests)]
    xlsx = timed(client, f"/admin/monitoring/report.xlsx?{ten}", 200)
    refused = timed(client, thirty, 400)
    target = f"≤ {TARGET_COLD_S:.0f} s"
    return [("half-year, first report of the process", first, target),
            ("  (of which this process's CPU)", first_cpu, "(PostgreSQL's work not in it)"),
            (f"half-year, max of the next {requests}", max(again), target),
            (f"ten years, max of {requests}", max(decade), "no timeout (< 30 s)"),
            ("ten years, XLSX download", xlsx, "no timeout (< 30 s)"),
            ("thirty years: refused with a message", refused, "400, no timeout")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="postgres")
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--ledger", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    map_bench.PG_DATABASE = "diaspora_bench_monitoring"
    with tempfile.TemporaryDirectory(prefix="bench-monitoring-") as tmpdir, \
            map_bench.database(args.db, Path(tmpdir)) as url:
        app = map_bench.build_app(url, Path(tmpdir))
        try:
            t0 = time.perf_counter()
            secret = seed(app, args, random.Random(args.seed))
            seeded = time.perf_counter() - t0
            results = run(app, secret, args.requests)
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
    print(f"\n{args.db}: {args.orgs} organisations, {args.members} members, {args.ledger} "
          f"ledger entries over {DAYS} days; seeded in {seeded:.1f} s")
    load = os.getloadavg()[0]
    print(f"{'case':<40} {'seconds':>8}  target   (load average {load:.1f}, "
          f"{os.cpu_count()} CPUs)")
    for name, seconds, target in results:
        print(f"{name:<40} {seconds:>8.3f}  {target}")


if __name__ == "__main__":
    main()

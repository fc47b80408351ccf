"""Latency of the diaspora map (GET /map) and the statistics page, cold and warm.

Seeds a throw-away database (SQLite in a temp dir, or a PostgreSQL database on 127.0.0.1
that it creates and drops) with members in 200 countries (100,000 by default), approved
and unapproved organisations and places, then drives the app through Flask's test client
(no server, no network). Per case it prints p50/p95/max ms, the process's CPU time, SQL
statements and time per request, and the page size:

- warm: the cached map is valid (the common case);
- cold: the cache is emptied before every request (version key and counts queried, SVG
  rendered);
- members after a sign-in: before every request one member signs in (an ORM update of
  `last_login_at`), so the counts are queried again but no number changes;
- members after a change: before every request one member shows or hides their
  country, so the counts are queried and the map is rendered again.

    .venv/bin/python bench/map.py [--members 100000] [--countries 200] [--requests 300]
                                  [--cold-requests 40] [--db sqlite|postgres]

No assertions: it prints figures. Results also go to bench/results/ as JSON (git-ignored)
unless --no-json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pycountry
import sqlalchemy as sa
from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as `python bench/map.py` from anywhere

from diaspora_platform import create_app  # noqa: E402
from diaspora_platform.accounts.models import User  # noqa: E402
from diaspora_platform.directory.models import Place  # noqa: E402
from diaspora_platform.extensions import db  # noqa: E402
from diaspora_platform.organisations.models import Organisation  # noqa: E402

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_DATABASE = "diaspora_bench_map"
BATCH = 2000
FIRST = ("RU", "KZ", "TR", "UZ", "UA", "DE", "US", "GB", "KG", "AE", "FR", "PL", "KR")
VISIBILITY = (("public", 50), ("members", 25), ("private", 25))
KINDS = ("cultural_centre", "school", "course", "library")


# ---------------------------------------------------------------------------- seeding
def country_weights(n: int) -> tuple[list[str], list[float]]:
    """n ISO countries, the diaspora's usual destinations first, weights falling as 1/rank
    (a long tail of countries with a handful of members, like the real spread)."""
    rest = sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 not in FIRST)
    codes = (list(FIRST) + rest)[:n]
    return codes, [1 / (rank + 1) for rank in range(len(codes))]


def batches(rows: Iterator[dict]) -> Iterator[list[dict]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def user_rows(n: int, pick: Callable[[], str], rng: random.Random) -> Iterator[dict]:
    now = datetime.now(UTC)
    levels, weights = zip(*VISIBILITY, strict=True)
    for i in range(n):
        created = now - timedelta(days=rng.random() ** 1.5 * 900)
        roll = rng.random()
        yield {
            "email": f"member{i}@bench.example", "display_name": f"Member {i}",
            "locale": "tg", "country": pick(), "role": "member",
            "visibility_json": json.dumps({"country": rng.choices(levels, weights)[0]}),
            "confirmed_at": None if roll < 0.03 else created,
            "suspended_at": now if 0.03 <= roll < 0.04 else None,
            "deleted_at": now if 0.04 <= roll < 0.05 else None,
            "session_token": f"bench-{i}", "failed_logins": 0,
            "created_at": created, "updated_at": created,
        }


def org_rows(n: int, pick: Callable[[], str], rng: random.Random) -> Iterator[dict]:
    now = datetime.now(UTC)
    for i in range(n):
        status = rng.choices(("approved", "pending", "rejected", "hidden"), (85, 8, 5, 2))[0]
        yield {"name": f"Organisation {i}", "name_key": f"organisation {i}",
               "kind": "association", "country": pick(), "city": "City", "city_key": "city",
               "status": status, "submitted_at": now, "created_at": now, "updated_at": now,
               "description": "", "languages": "tg", "social_links": "",
               "possible_duplicates": "[]"}


def place_rows(n: int, orgs: list[tuple[int, str]], rng: random.Random) -> Iterator[dict]:
    now = datetime.now(UTC)
    for i in range(n):
        org_id, country = rng.choice(orgs)
        yield {"organisation_id": org_id, "kind": rng.choice(KINDS), "name": f"Place {i}",
               "city": "City", "city_key": "city", "country": country, "address": "",
               "status": rng.choices(("approved", "pending"), (90, 10))[0],
               "operating": rng.choices(("open", "temporarily_closed", "closed"), (85, 10, 5))[0],
               "languages": "tg", "audiences": "", "schedule": "", "is_free": True,
               "description": "", "submitted_at": now, "created_at": now, "updated_at": now}


def seed(app: Flask, args, rng: random.Random) -> dict:
    codes, weights = country_weights(args.countries)
    # Every country gets at least a few members; the rest follow the weights.
    spread = [c for c in codes for _ in range(3)]
    pick = lambda: spread.pop() if spread else rng.choices(codes, weights)[0]  # noqa: E731
    with app.app_context():
        db.create_all()
        for table, rows in ((User, user_rows(args.members, pick, rng)),
                            (Organisation, org_rows(args.orgs, pick, rng))):
            for batch in batches(rows):
                db.session.execute(sa.insert(table), batch)
        orgs = db.session.execute(sa.select(Organisation.id, Organisation.country)).all()
        for batch in batches(place_rows(args.places, [tuple(o) for o in orgs], rng)):
            db.session.execute(sa.insert(Place), batch)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(sa.text("VACUUM ANALYZE"))
        return {"countries": len(codes), "members": args.members, "organisations": args.orgs,
                "places": args.places}


# ---------------------------------------------------------------------------- measuring
class SqlCounter:
    """Statements and time in cursor.execute per request."""

    def __init__(self, engine):
        self.count, self.seconds = 0, 0.0
        sa.event.listen(engine, "before_cursor_execute", self.before)
        sa.event.listen(engine, "after_cursor_execute", self.after)

    def before(self, conn, cursor, statement, params, context, executemany):
        conn.info["bench_start"] = time.perf_counter()

    def after(self, conn, cursor, statement, params, context, executemany):
        self.count += 1
        self.seconds += time.perf_counter() - conn.info.pop("bench_start")

    def reset(self):
        self.count, self.seconds = 0, 0.0


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


TARGET_COLD_MS = 150.0  # a map or the statistics page with nothing cached


def measure(client, sql: SqlCounter, url: str, lang: str, n: int,
            before: Callable[[], None]) -> dict:
    times, cpu, sql_ms, statements, size = [], [], [], set(), 0
    for _ in range(n):
        before()
        sql.reset()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(f"/{lang}{url}")  # pages live under their language
        body = response.get_data()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        if response.status_code != 200:
            sys.exit(f"GET {url} answered {response.status_code}")
        sql_ms.append(sql.seconds * 1000)
        statements.add(sql.count)
        size = len(body)
    return {"url": url, "lang": lang, "requests": n, "p50_ms": statistics.median(times),
            "p95_ms": pct(times, 95), "max_ms": max(times),
            "cpu_ms_p50": statistics.median(cpu), "cpu_ms_p95": pct(cpu, 95),
            "sql_ms_p50": statistics.median(sql_ms), "statements": sorted(statements),
            "kb": size / 1024}


@contextmanager
def database(kind: str, tmp: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'bench.sqlite'}"
        return
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                       {"n": PG_DATABASE}):
            sys.exit(f"database {PG_DATABASE} exists (another run?): drop it first with "
                     f"`dropdb -h 127.0.0.1 -U postgres {PG_DATABASE}`.")
        conn.execute(sa.text(f'CREATE DATABASE "{PG_DATABASE}"'))
    try:
        yield sa.engine.make_url(PG_ADMIN_URL).set(database=PG_DATABASE).render_as_string(
            hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)'))
        admin.dispose()


def build_app(url: str, tmp: Path) -> Flask:
    return create_app({
        "SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(tmp / "instance"),
        "MAIL_DIR": str(tmp / "mail"), "SEARCH_INDEX_DIR": str(tmp / "index"),
        "UPLOAD_DIR": str(tmp / "uploads"), "SERVER_NAME": None, "PROXY_FIX": 0,
        "REDIS_URL": None, "SEARCH_BACKEND": "whoosh", "RATELIMIT_ENABLED": False,
    })


def run_cases(app: Flask, args) -> dict[str, dict]:
    with app.app_context():
        sql = SqlCounter(db.engine)
        touched = db.session.scalar(sa.select(sa.func.min(User.id)))
        db.session.remove()
    client = app.test_client()

    def nothing():
        pass

    def clear():
        app.extensions["statistics_cache"].clear()

    def sign_in():  # moves users.updated_at through the ORM, as a real sign-in does
        with app.app_context():
            user = db.session.get(User, touched)
            user.last_login_at = datetime.now(UTC)
            db.session.commit()
            db.session.remove()

    def change():  # one member shows or hides their country: a count changes
        with app.app_context():
            user = db.session.get(User, touched)
            shown = user.visibility["country"] == "public"
            user.visibility = {**user.visibility, "country": "private" if shown else "public"}
            db.session.commit()
            db.session.remove()

    results = {}
    for measure_name in ("organisations", "places", "members"):
        url = f"/map?measure={measure_name}"
        for lang in ("tg", "ru", "en"):
            client.get(f"/{lang}{url}")  # fill the cache
        results[f"{measure_name} warm"] = measure(client, sql, url, "tg", args.requests,
                                                  nothing)
        results[f"{measure_name} cold"] = measure(client, sql, url, "tg",
                                                  args.cold_requests, clear)
    for name, before in (("after a sign-in", sign_in), ("after a change", change)):
        results[f"members {name}"] = measure(client, sql, "/map?measure=members", "tg",
                                             args.cold_requests, before)
    results["/map en warm"] = measure(client, sql, "/map", "en", args.requests, nothing)
    results["/statistics warm"] = measure(client, sql, "/statistics", "tg", args.requests,
                                          nothing)
    results["/statistics cold"] = measure(client, sql, "/statistics", "tg",
                                          args.cold_requests, clear)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--orgs", type=int, default=5000)
    parser.add_argument("--places", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=300, help="timed GETs per warm case")
    parser.add_argument("--cold-requests", type=int, default=40,
                        help="timed GETs per cold case")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still run the cleanup

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-map-") as tmpdir, \
            database(args.db, Path(tmpdir)) as url:
        app = build_app(url, Path(tmpdir))
        try:
            t0 = time.perf_counter()
            rows = seed(app, args, random.Random(args.seed))
            seed_s = time.perf_counter() - t0
            results = run_cases(app, args)
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
    load_after = os.getloadavg()[0]

    print(f"\n{args.db}: {rows['members']} members in {rows['countries']} countries, "
          f"{rows['organisations']} organisations, {rows['places']} places; seeded in "
          f"{seed_s:.1f} s")
    print(f"{'case':<26} {'n':>4} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'CPU p50':>7} "
          f"{'CPU p95':>7} {'SQL ms':>7} {'stmts':>5} {'KB':>5}")
    for name, r in results.items():
        stmts = "-".join(str(s) for s in sorted({r["statements"][0], r["statements"][-1]}))
        print(f"{name:<26} {r['requests']:>4} {r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} "
              f"{r['max_ms']:>7.1f} {r['cpu_ms_p50']:>7.1f} {r['cpu_ms_p95']:>7.1f} "
              f"{r['sql_ms_p50']:>7.1f} {stmts:>5} {r['kb']:>5.0f}")
    print(f"(CPU: this process's CPU time per request, SQLite's work included but not "
          f"PostgreSQL's; it leaves out waiting for a CPU on a busy machine. SQL ms: p50 "
          f"time in cursor.execute. Load average {load_before:.2f} before, {load_after:.2f} "
          f"after, {os.cpu_count()} CPUs.)")
    for name, r in results.items():
        if name.endswith("cold"):
            met = "met" if r["p95_ms"] <= TARGET_COLD_MS else "NOT met"
            print(f"{name:<26} p95 {r['p95_ms']:7.1f} ms  target <= {TARGET_COLD_MS:.0f} ms  "
                  f"{met}")
    if not args.no_json:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = ROOT / "bench" / "results" / f"map-{args.db}-{stamp}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps({
            "when": stamp, "args": vars(args), "python": platform.python_version(),
            "cpus": os.cpu_count(), "load_average": [load_before, load_after],
            "seed_s": seed_s, "rows": rows, "cases": results}, indent=2) + "\n")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

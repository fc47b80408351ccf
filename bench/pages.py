"""Costs of the list pages and exports at a large data set, against their targets.

Builds once (then reuses, from bench/.cache/) a database with --orgs organisations (default
10,000), 30 memberships each from --orgs * 10 members, and --entries ledger entries
(default 100,000); SQLite, or PostgreSQL (database `diaspora_bench_pages`, kept between
runs). Then, in process (Flask's test client, CPU time of the request), prints p50/p95 of
each page at page 1 and 500 pages in (through the cursor), anonymous and signed in (with
the bare Flask app's CPU per request from the same run and each page's share of it, the
in-process counterpart of bench/anon.py's throughput ratios), the ledger export's first
byte and repeat (304), and registration's duplicate check; each figure beside its target,
and the machine's load average before and after (other work on the machine inflates every
figure; the shares of hello from one run are what compare).

    .venv/bin/python bench/pages.py [--db sqlite|postgres] [--orgs 10000] [--entries 100000]
        [--requests 40]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import directory as seeding  # noqa: E402  (bench/directory.py: organisations and users)

from diaspora_platform import pagination  # noqa: E402
from diaspora_platform.accounts.models import User  # noqa: E402
from diaspora_platform.extensions import db  # noqa: E402
from diaspora_platform.fund.models import Campaign, LedgerEntry  # noqa: E402
from diaspora_platform.hashchain import GENESIS  # noqa: E402
from diaspora_platform.hashchain import digest as entry_hash  # noqa: E402
from diaspora_platform.organisations.models import Membership, Organisation  # noqa: E402
from diaspora_platform.organisations.services import possible_duplicates  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/diaspora_bench_pages"
DEEP = 500
TARGET_LEDGER_MS, TARGET_FIRST_BYTE_MS, TARGET_REPEAT_MS, TARGET_DUP_MS = 20, 100, 10, 50
PAGES = ("/organisations/", "/directory/", "/fund/", "/fund/{campaign}", "/fund/ledger",
         "/news/", "/events/", "/organisations/{org}", "/")
SIGNED_IN = ("/organisations/", "/directory/", "/fund/", "/fund/ledger", "/news/", "/events/",
             "/projects/", "/")
TARGET_SIGNED_IN_SHARE = 0.20  # of hello's throughput (bench/anon.py measures it served)
LANGUAGE = "/tg"  # pages are read under their language prefix (an unprefixed GET redirects)
# Deep pages: list URL -> (query giving the boundary row 500 pages in, its key values).
DEEP_KEYS = {
    "/fund/ledger": lambda: db.session.execute(sa.select(LedgerEntry.id).order_by(
        LedgerEntry.id.desc()).offset(DEEP * 50 - 1).limit(1)).one_or_none(),
    "/organisations/": lambda: db.session.execute(sa.select(
        Organisation.name_key, Organisation.id).where(Organisation.status == "approved")
        .order_by(Organisation.name_key, Organisation.id).offset(DEEP * 20 - 1).limit(1)
    ).one_or_none(),
}


def _memberships(orgs: int, users: int, rng: random.Random):
    now = datetime.now(UTC)
    for org_id in range(1, orgs + 1):
        for k, user_id in enumerate(rng.sample(range(1, users + 1), 30)):
            yield {"organisation_id": org_id, "user_id": user_id,
                   "role": "owner" if k == 0 else "member", "status": "active",
                   "created_at": now, "decided_at": now}


def _ledger(campaigns: list[int], n: int):
    prev, state, start = GENESIS, {}, datetime(2025, 1, 1, tzinfo=UTC)
    for i in range(1, n + 1):
        campaign = campaigns[i % len(campaigns)]
        balance = state.get(campaign, 0) + 1000 + i % 97
        state[campaign] = balance
        row = {"id": i, "created_at": (start + timedelta(minutes=i)).isoformat(),
               "campaign_id": campaign, "kind": "match_credited", "pledge_id": None,
               "disbursement_id": None, "amount_minor": 1000 + i % 97, "currency": "TJS",
               "balance_minor": balance, "pending_minor": 0, "details": '{"sponsor": "S"}',
               "prev_hash": prev}
        row["hash"] = prev = entry_hash(row)
        row["created_at"] = start + timedelta(minutes=i)
        yield row


def build(app, orgs: int, entries: int) -> None:
    """Organisations, users and their memberships (bench/directory.py's rows), campaigns,
    and a valid hash-chained ledger."""
    from diaspora_platform.fund import campaigns as campaign_services
    from diaspora_platform.fund import ledger
    from tests.fund.conftest import campaign_data

    rng = random.Random(7)
    users = orgs * 10
    with app.app_context():
        db.create_all()
        org_rows = seeding.org_rows(orgs, 0, users, rng)
        with db.engine.begin() as conn:
            for table, rows in ((User.__table__, seeding.user_rows(users, "x", rng)),
                                (Organisation.__table__, org_rows),
                                (Membership.__table__, _memberships(orgs, users, rng))):
                for batch in seeding.batches(rows):
                    conn.execute(sa.insert(table), batch)
        staff = db.session.get(User, 1)
        staff.role = "staff"
        db.session.commit()
        ids = []
        for k in range(5):
            c = campaign_services.save_campaign(staff, campaign_data(title_en=f"Campaign {k}"))
            campaign_services.transition_campaign(staff, c, "open", "draft")
            ids.append(c.id)
        with db.engine.begin() as conn:
            for batch in seeding.batches(_ledger(ids, entries)):
                conn.execute(sa.insert(LedgerEntry.__table__), batch)
            if conn.dialect.name == "postgresql":
                for table in ("users", "organisations", "memberships"):
                    conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', "
                                         f"'id'), (SELECT max(id) FROM {table}))"))
        ledger.rebuild_totals()  # the rows above bypassed ledger.append, which keeps the totals
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(sa.text("VACUUM ANALYZE"))


def database(kind: str, orgs: int, entries: int, tmp: Path):
    """The cached database's URL (built on first use) and whether it had to be built."""
    if kind == "sqlite":
        CACHE.mkdir(exist_ok=True)
        path = CACHE / f"pages-{orgs}-{entries}.sqlite"
        return f"sqlite:///{path}", not path.exists()
    url = sa.engine.make_url(PG_URL)
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    marker = CACHE / f"pages-pg-{orgs}-{entries}.built"
    with admin.connect() as conn:
        exists = conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                             {"n": url.database})
        if exists and not marker.exists():
            conn.execute(sa.text(f'DROP DATABASE "{url.database}" WITH (FORCE)'))
            exists = False
        if not exists:
            conn.execute(sa.text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    return url.render_as_string(hide_password=False), not exists


def cpu_ms(client, url: str, n: int) -> tuple[float, float]:
    """p50 and p95 of the CPU time of `n` requests (after two warm-ups)."""
    for _ in range(2):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(n):
        start = time.process_time()
        response = client.get(url)
        response.get_data()
        times.append((time.process_time() - start) * 1000)
        assert response.status_code == 200, url
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def verdict(value: float, target: float) -> str:
    return f"{value:8.1f}  target ≤ {target:7.1f}  {'met' if value <= target else 'NOT MET'}"


def first_byte(client, url: str, headers=None) -> tuple[float, object]:
    start = time.perf_counter()
    response = client.get(url, headers=headers, buffered=False)
    iterator = iter(response.response)
    next(iterator, None)
    elapsed = (time.perf_counter() - start) * 1000
    response.close()
    return elapsed, response


def sign_in(app, client) -> None:
    """The test client carries a member's session from here on (as a browser would)."""
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.role == "member").limit(1))
        login = f"{user.id}:{user.session_token}"
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = login, True


def hello_cpu_ms(n: int) -> float:
    """p50 CPU of bare Flask's one route through the same test client machinery."""
    from hello_app import app as hello

    return cpu_ms(hello.test_client(), "/", max(n, 200))[0]


def signed_in_figures(app, n: int, hello: float) -> dict:
    """A member's pages as served: with the page cache on, as in production (the public
    lists are assembled from the visitors' page, see member_pages.py)."""
    client = app.test_client()
    sign_in(app, client)
    print(f"signed in (a member); hello {hello:.2f} ms CPU per request; share = hello / page "
          f"(in process, without a server's own cost per request, which narrows the served "
          f"ratio that bench/anon.py measures and the target names)")
    figures = {}
    for page in SIGNED_IN:
        p50, p95 = cpu_ms(client, LANGUAGE + page, n)
        figures[page] = {"p50": p50, "p95": p95, "share": hello / p50}
        print(f"  {page:28} {p50:7.1f} / {p95:7.1f}  share of hello "
              f"{hello / p50:6.3f}  target ≥ {TARGET_SIGNED_IN_SHARE:.2f}  "
              f"{'met' if hello / p50 >= TARGET_SIGNED_IN_SHARE else 'NOT MET'}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    url, fresh = database(args.db, args.orgs, args.entries, tmp)
    app = seeding.build_app(url, tmp)
    app.config["RATELIMIT_ENABLED"] = False
    if fresh:
        started = time.perf_counter()
        build(app, args.orgs, args.entries)
        if args.db == "postgres":
            (CACHE / f"pages-pg-{args.orgs}-{args.entries}.built").touch()
        print(f"built the data set in {time.perf_counter() - started:.0f} s")
    results = {}
    with app.app_context():
        org = db.session.scalar(sa.select(Organisation.id).limit(1))
        campaign = db.session.scalar(sa.select(Campaign.id).limit(1))
        deep = {path: q() for path, q in DEEP_KEYS.items()}
    client = app.test_client()
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"{args.db}: {args.orgs} organisations, {args.entries} ledger entries; CPU ms "
          f"per request in process (p50 / p95), {args.requests} requests each; "
          f"load average {load}")
    for path in PAGES:
        page = path.format(org=org, campaign=campaign)
        p50, p95 = cpu_ms(client, LANGUAGE + page, args.requests)
        results[page] = {"p50": p50, "p95": p95}
        line = f"  {page:28} page 1 {p50:7.1f} / {p95:7.1f}"
        if path in deep and deep[path] is not None:
            cursor = pagination.encode_cursor(list(deep[path]))
            d50, d95 = cpu_ms(client, f"{LANGUAGE}{page}?after={cursor}", args.requests)
            results[page].update(deep_p50=d50, deep_p95=d95)
            line += f" | {DEEP} pages in {d50:7.1f} / {d95:7.1f}  ratio " \
                    f"{verdict(d95 / p95, 1.2)}"
        print(line)
    print(f"  ledger page p95 {verdict(results['/fund/ledger']['p95'], TARGET_LEDGER_MS)}")
    cold, response = first_byte(client, "/fund/ledger.json")
    elapsed = statistics.median(first_byte(client, "/fund/ledger.json")[0] for _ in range(5))
    print(f"  ledger.json first byte ms (first request {cold:.0f} ms, then median) "
          f"{verdict(elapsed, TARGET_FIRST_BYTE_MS)}")
    etag = response.headers.get("ETag", "").strip('"')
    repeats = []
    for _ in range(10):
        start = time.perf_counter()
        again = client.get("/fund/ledger.json", headers={"If-None-Match": f'"{etag}"'})
        repeats.append((time.perf_counter() - start) * 1000)
    repeat = statistics.median(repeats)
    print(f"  ledger.json repeat ({again.status_code}, median) ms "
          f"{verdict(repeat, TARGET_REPEAT_MS)}")
    with app.app_context():
        name, country = db.session.execute(sa.select(Organisation.name, Organisation.country)
                                           .limit(1)).one()
        times = []
        for _ in range(20):
            start = time.perf_counter()
            possible_duplicates(name + " x", country)
            times.append((time.perf_counter() - start) * 1000)
    print(f"  duplicate check p95 ms {verdict(sorted(times)[18], TARGET_DUP_MS)}")
    served = seeding.build_app(url, tmp, PAGE_CACHE_ENABLED=True, RATELIMIT_ENABLED=False)
    results["signed_in"] = signed_in_figures(served, args.requests, hello_cpu_ms(args.requests))
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"pages-{args.db}-{int(time.time())}.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

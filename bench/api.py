"""Open-data API benchmark: in-process latency of API list pages at 10,000 organisations
and 100,000 ledger entries, and a full harvest of the organisations by `updated_since` and
cursor, each figure beside its target.

Seeds a throw-away database (bench/directory.py's organisations, users and memberships,
plus a campaign with bulk ledger rows), then times each case through the test client.

    .venv/bin/python bench/api.py [--orgs N] [--members N] [--ledger N] [--requests N]
                                    [--db sqlite|postgres]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))

import directory  # noqa: E402

from diaspora_platform.extensions import db  # noqa: E402

TARGET_PAGE_MS = 50.0
TARGET_HARVEST_S = 10.0
HARVEST_PAGE = 100


def seed_ledger(app, entries: int) -> int:
    """A public campaign with `entries` ledger rows (bulk: the chain is not the subject)."""
    from diaspora_platform.fund.models import Campaign, LedgerEntry

    now = datetime.now(UTC)
    with app.app_context():
        campaign = Campaign(**{f"title_{lang}": "Bench" for lang in ("tg", "ru", "en")},
                            **{f"description_{lang}": "Bench" for lang in ("tg", "ru", "en")},
                            currency="TJS", currencies="TJS,USD", target_minor=10**9,
                            starts_on=now.date(), ends_on=now.date() + timedelta(days=30),
                            status="open")
        db.session.add(campaign)
        db.session.commit()
        rows = ({"id": n, "created_at": now - timedelta(seconds=entries - n),
                 "campaign_id": campaign.id, "kind": "pledge_recorded", "pledge_id": None,
                 "disbursement_id": None, "amount_minor": 1000 + n % 9000,
                 "currency": "TJS", "balance_minor": 0, "pending_minor": n * 10,
                 "details": "{}", "prev_hash": f"{n - 1:064x}", "hash": f"{n:064x}"}
                for n in range(1, entries + 1))
        with db.engine.begin() as conn:
            for batch in directory.batches(rows):
                conn.execute(sa.insert(LedgerEntry.__table__), batch)
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("VACUUM ANALYZE"))
        return campaign.id


def p50_p95(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[max(0, int(len(values) * 0.95) - 1)]


def timed(client, url: str, requests: int) -> tuple[float, float, float]:
    """Wall p50 and p95, and CPU p95 (this process: less moved by other loads), in ms."""
    client.get(url)  # warm
    wall, cpu = [], []
    for _ in range(requests):
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return (*p50_p95(wall), p50_p95(cpu)[1])


def cursor_at(client, url: str, pages: int) -> str:
    """The `next` link after `pages` pages of `url`."""
    for _ in range(pages):
        url = client.get(url).get_json()["links"]["next"] or url
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def harvest(client, since: str) -> tuple[int, float, int]:
    """Every organisation changed since `since`, page by page: (rows, seconds, pages)."""
    url, rows, pages = f"/api/v1/organisations?limit={HARVEST_PAGE}&updated_since={since}", 0, 0
    began = time.perf_counter()
    while url:
        body = client.get(url).get_json()
        rows, pages = rows + len(body["data"]), pages + 1
        url = body["links"]["next"]
    return rows, time.perf_counter() - began, pages


def cases(client, campaign_id: int, org_id: int, entries: int) -> dict[str, str]:
    middle = max(1, min(500, entries // 200))
    return {
        "organisations, first page": "/api/v1/organisations",
        "organisations, limit=100": "/api/v1/organisations?limit=100",
        "organisations, page 50": cursor_at(client, "/api/v1/organisations", 50),
        "organisations, country=RU": "/api/v1/organisations?country=RU",
        "organisations, language=tg&kind=association":
            "/api/v1/organisations?language=tg&kind=association",
        "organisations, lang=all": "/api/v1/organisations?lang=all",
        "organisations, updated_since 30 days":
            "/api/v1/organisations?updated_since="
            + (datetime.now(UTC) - timedelta(days=30)).date().isoformat(),
        "organisation item": f"/api/v1/organisations/{org_id}",
        "ledger, first page": "/api/v1/ledger",
        "ledger, limit=100": "/api/v1/ledger?limit=100",
        f"ledger, page {middle} of 100": cursor_at(client, "/api/v1/ledger?limit=100",
                                                   middle),
        f"ledger, campaign={campaign_id}": f"/api/v1/ledger?campaign={campaign_id}",
        "campaigns": "/api/v1/campaigns",
        "statistics": "/api/v1/statistics",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--ledger", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="postgres")
    args = parser.parse_args()
    directory.PG_DATABASE = "diaspora_bench_api"
    tmp = Path(tempfile.mkdtemp(prefix="api-bench-"))
    with directory.database(args.db, tmp) as url:
        app = directory.build_app(url, tmp)
        app.config["RATELIMIT_ENABLED"] = False
        began = time.perf_counter()
        orgs, counts = directory.seed(app, args.orgs, random.Random(15), users=args.members)
        campaign_id = seed_ledger(app, args.ledger)
        print(f"API benchmark ({args.db}): {counts['organisations']} organisations "
              f"({args.orgs} public), {counts['users']} members, {args.ledger} ledger "
              f"entries; seeded in {time.perf_counter() - began:.0f} s")
        client = app.test_client()
        p95s = []
        for name, url in cases(client, campaign_id, orgs[0]["id"], args.ledger).items():
            p50, p95, cpu95 = timed(client, url, args.requests)
            p95s.append(p95)
            verdict = "met" if p95 <= TARGET_PAGE_MS else "NOT met"
            print(f"  {name:<46} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  CPU p95 "
                  f"{cpu95:6.1f} ms  (target p95 <= {TARGET_PAGE_MS:.0f} ms: {verdict})")
        rows, seconds, pages = harvest(client, "2000-01-01")
        ok = rows == args.orgs
        verdict = "met" if seconds <= TARGET_HARVEST_S else "NOT met"
        print(f"  full harvest of organisations: {rows} rows in {pages} pages, "
              f"{seconds:.2f} s (target <= {TARGET_HARVEST_S:.0f} s: {verdict}); "
              f"count {'equals' if ok else 'DIFFERS FROM'} the {args.orgs} public ones")
        print(f"  worst list p95: {max(p95s):.1f} ms; load average during the run: "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()

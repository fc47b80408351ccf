"""Fund benchmark: pledges recorded per second (each one a pledge row, a hash-chained ledger
entry and a notification, committed) with 1 and 8 threads, confirmations per second with
the sponsor's match, and the latency of the public ledger page and exports as the ledger
grows. Throw-away SQLite (or PostgreSQL with --db postgres --url URL); prints a table.

Run: .venv/bin/python bench/fund.py [--pledges N] [--requests N] [--db sqlite|postgres]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from diaspora_platform import create_app  # noqa: E402
from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import utcnow  # noqa: E402
from diaspora_platform.extensions import db  # noqa: E402


def _setup(app, members: int):
    from diaspora_platform.fund import campaigns

    with app.app_context():
        db.create_all()
        staff = User(email="staff@bench", display_name="Staff", role=Role.STAFF,
                     confirmed_at=utcnow(), locale="en")
        users = [User(email=f"m{n}@bench", display_name=f"Member {n}", locale="en",
                      confirmed_at=utcnow()) for n in range(members)]
        db.session.add_all([staff, *users])
        db.session.commit()
        today = utcnow().date()
        campaign = campaigns.save_campaign(staff, {
            **{f"title_{lang}": "Bench" for lang in ("tg", "ru", "en")},
            **{f"description_{lang}": "Bench" for lang in ("tg", "ru", "en")},
            "currency": "TJS", "currencies": ["TJS", "USD"], "target": "1000000",
            "starts_on": today - timedelta(days=1), "ends_on": today + timedelta(days=9),
            "match_sponsor": "Sponsor", "match_ratio": 1, "match_cap": "100000"})
        campaigns.transition_campaign(staff, campaign, "open", "draft")
        return staff.id, [u.id for u in users], campaign.id


def _pledge_run(app, user_ids, campaign_id, threads: int, start: int) -> tuple[float, list]:
    from diaspora_platform.fund import pledges
    from diaspora_platform.fund.models import Campaign

    def one(n: int):
        with app.app_context():
            user = db.session.get(User, user_ids[n % len(user_ids)])
            made, _ = pledges.make_pledge(user, db.session.get(Campaign, campaign_id), {
                "idempotency_key": f"bench-{start + n:010d}", "amount": str(10 + n % 90),
                "currency": "TJS", "show_as": "name"})
            pledge_id = made.id
            db.session.remove()
            return pledge_id

    began = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        ids = list(pool.map(one, range(len(user_ids))))
    return len(ids) / (time.perf_counter() - began), ids


def _confirm_run(app, staff_id, pledge_ids) -> float:
    from diaspora_platform.fund import pledges
    from diaspora_platform.fund.models import Pledge

    began = time.perf_counter()
    with app.app_context():
        staff = db.session.get(User, staff_id)
        for pledge_id in pledge_ids:
            pledges.confirm_pledge(staff, db.session.get(Pledge, pledge_id), "B",
                                   utcnow().date())
    return len(pledge_ids) / (time.perf_counter() - began)


def _latency(app, url: str, requests: int) -> tuple[float, float]:
    client = app.test_client()
    client.get(url)
    times = []
    for _ in range(requests):
        began = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pledges", type=int, default=400)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--url", help="PostgreSQL URL for --db postgres (an empty database)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fund-bench-"))
    uri = args.url if args.db == "postgres" else f"sqlite:///{tmp / 'bench.sqlite'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": uri, "INSTANCE_PATH": str(tmp),
                      "MAIL_DIR": str(tmp / "mail"), "SEARCH_INDEX_DIR": str(tmp / "index"),
                      "RATELIMIT_ENABLED": False})
    staff_id, user_ids, campaign_id = _setup(app, args.pledges)
    rows = []
    rate1, ids1 = _pledge_run(app, user_ids[: args.pledges // 2], campaign_id, 1, 0)
    rows.append(("pledges/s, 1 thread", f"{rate1:.0f}"))
    rate8, ids8 = _pledge_run(app, user_ids[args.pledges // 2:], campaign_id, 8, 10**6)
    rows.append(("pledges/s, 8 threads", f"{rate8:.0f}"))
    rows.append(("confirmations/s (with match)", f"{_confirm_run(app, staff_id, ids1):.0f}"))
    with app.app_context():
        from diaspora_platform.fund import ledger

        began = time.perf_counter()
        report = ledger.verify_chain()
        rows.append((f"flask fund verify ({report.checked} entries), ms",
                     f"{(time.perf_counter() - began) * 1000:.0f}"))
        for url in ("/fund/ledger", "/fund/ledger?page=5", f"/fund/{campaign_id}",
                    "/fund/ledger.json", "/fund/"):
            p50, p95 = _latency(app, url, args.requests)
            rows.append((f"GET {url} p50 / p95 ms", f"{p50:.1f} / {p95:.1f}"))
    width = max(len(name) for name, _ in rows)
    print(f"fund benchmark ({args.db}, {args.pledges} pledges)")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


if __name__ == "__main__":
    main()

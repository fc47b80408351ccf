"""Correctness under load: 50 threads pledge and confirm on one matched campaign at once
(some sending the same form twice, some confirming the same pledge twice). Afterwards the
campaign's stored totals equal the sums of the ledger and of the pledges, the sponsor's
match is exactly min(cap, ratio x received), and the hash chain is one unbroken line."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa

from diaspora_platform.accounts.models import User
from diaspora_platform.errors import Conflict
from diaspora_platform.extensions import db
from diaspora_platform.fund import ledger, pledges, queries
from diaspora_platform.fund.models import Campaign, LedgerEntry, Pledge
from diaspora_platform.fund.totals import mismatches, recompute, stored
from tests.fund.conftest import key, ledger_sums, pledge_data, pledge_sums

THREADS = 50


def test_fifty_concurrent_pledges_and_confirmations_keep_totals_exact(
        app, make_user, make_campaign, make_pledge, staff):
    # Mail waits in the outbox for a worker, as deployed: the tests' inline delivery would
    # hold a second connection per thread inside each commit, which 50 threads exhaust.
    app.config["WORKER"] = "external"
    campaign = make_campaign(match=("Somon Energy", 3, "5000"))  # cap: 5,000.00 TJS
    members = [make_user() for _ in range(THREADS)]
    # 25 pledges waiting to be confirmed (amounts in TJS and USD)
    waiting = [make_pledge(campaign, user=members[n], amount=str(100 + n),
                           currency="USD" if n % 5 == 0 else "TJS").id for n in range(25)]
    campaign_id, staff_id = campaign.id, staff.id
    member_ids = [m.id for m in members]
    shared_key = key()
    db.session.remove()
    start = threading.Barrier(THREADS)
    outcomes = {"conflicts": 0, "errors": []}
    lock = threading.Lock()

    def work(n: int) -> None:
        with app.app_context():
            try:
                start.wait(timeout=30)
                item = db.session.get(Campaign, campaign_id)
                if n < 30:  # confirm; the last five confirm a pledge another thread does
                    pledge = db.session.get(Pledge, waiting[n % 25])
                    try:
                        pledges.confirm_pledge(db.session.get(User, staff_id), pledge,
                                               f"BANK-{n}", pledge.created_at.date())
                    except Conflict:
                        with lock:
                            outcomes["conflicts"] += 1
                else:  # pledge; threads 45-49 send one member's same form
                    member = db.session.get(User, member_ids[45 if n >= 45 else n])
                    form = pledge_data(amount=str(50 + n), idempotency_key=(
                        shared_key if n >= 45 else key()))
                    pledges.make_pledge(member, item, form)
            except Exception as exc:  # noqa: BLE001 - collected and reported below
                with lock:
                    outcomes["errors"].append(repr(exc))
            finally:
                db.session.remove()

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(work, range(THREADS)))

    assert outcomes["errors"] == []
    assert outcomes["conflicts"] == 5
    db.session.expire_all()
    pledges_count = db.session.scalar(sa.select(sa.func.count(Pledge.id)))
    assert pledges_count == 25 + 15 + 1  # waiting, 15 new, one from the five same forms

    sums, by_table = ledger_sums(campaign_id), pledge_sums(campaign_id)
    figures = queries.figures([db.session.get(Campaign, campaign_id)])[0]
    for currency, (pledged, received, cancelled) in by_table.items():
        totals = figures.totals.get(currency)
        assert totals.pledged == sums[(currency, "pledge_recorded")] == pledged
        assert totals.received == sums.get((currency, "pledge_received"), 0) == received
        assert totals.pending == pledged - received - cancelled
        last = db.session.scalar(sa.select(LedgerEntry).where(
            LedgerEntry.campaign_id == campaign_id, LedgerEntry.currency == currency)
            .order_by(LedgerEntry.id.desc()).limit(1))
        assert (last.balance_minor, last.pending_minor) == (totals.held, totals.pending)
    received_tjs = by_table["TJS"][1]
    assert figures.totals.get("TJS").matched == min(500000, 3 * received_tjs)
    assert figures.totals.get("USD").matched == 0

    # The totals stored by each append equal the ledger's sums, and the contributors the
    # pledges (members with a pledge not cancelled).
    assert stored([campaign_id]) == recompute([campaign_id])
    assert mismatches() == []
    assert figures.contributors == db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Pledge.user_id))).where(
            Pledge.campaign_id == campaign_id, Pledge.status != "cancelled"))

    report = ledger.verify_chain()
    entries = db.session.scalar(sa.select(sa.func.count(LedgerEntry.id)))
    assert report.ok and report.checked == entries
    hashes = db.session.scalars(sa.select(LedgerEntry.prev_hash)).all()
    assert len(set(hashes)) == len(hashes), "two entries chained off the same one"

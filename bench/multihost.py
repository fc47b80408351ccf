"""Multi-host benchmark: the deployment of deploy/ (HAProxy, PostgreSQL, Redis, the worker)
with two app hosts of 2 sync gunicorn workers against one host of 4, under the same mixed
load of signed-in members (read, search, follow, pledge); then how long an approved
organisation takes to be found by search on each host, and how long mail takes to leave
after the commit that wrote it. Each figure is printed beside its target.

The cores are shared by every process here, so two hosts cannot be faster than one: the
throughput figure shows what spreading the workers over hosts costs, not what it gains.

    .venv/bin/python bench/multihost.py [--seconds 30] [--threads 8] [--approvals 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy import load  # noqa: E402
from deploy.cluster import Cluster, wait_for  # noqa: E402

TARGET_THROUGHPUT_GAP = 0.10  # two hosts of 2 within 10 % of one host of 4
TARGET_SEARCH_LAG_S = 1.0  # p95
TARGET_MAIL_S = 5.0  # p95, after the commit


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def members(cluster: Cluster, tally: load.Tally, count: int) -> list[tuple]:
    """Registered, confirmed and signed-in members; each mail's delay after the answer
    that committed it is noted beside them."""
    made, mail_delays = [], []
    mail_dir = cluster.directory / "mail"
    for _ in range(count):
        client = load.Client(cluster.url, tally)
        address = f"load-{os.urandom(5).hex()}@example.org"
        client.form_token("/en/account/register")
        client.post("/en/account/register", {
            "email": address, "password": load.PASSWORD, "confirm": load.PASSWORD,
            "display_name": "Bench member", "locale": "en"})
        committed = time.monotonic()
        link = wait_for(lambda a=address: load.confirmation_link(mail_dir, a), 60,
                        f"mail to {address}", interval=0.02)
        mail_delays.append(time.monotonic() - committed)
        client.get(link.replace(link.split("/account/")[0], cluster.url + "/en"))
        if not client.sign_in(address, load.PASSWORD):
            raise RuntimeError(f"{address} could not sign in")
        made.append((client, address))
    return made, mail_delays


def throughput(cluster: Cluster, threads: int, seconds: float) -> tuple[float, load.Tally]:
    tally = load.Tally()
    campaign_id, currency = cluster.sql("SELECT id, currency FROM fund_campaigns "
                                        "WHERE status = 'open' ORDER BY id LIMIT 1")[0]
    org_id = cluster.sql("SELECT id FROM organisations WHERE status = 'approved' "
                         "ORDER BY id LIMIT 1")[0][0]
    people, _delays = members(cluster, load.Tally(), threads)
    for client, _address in people:
        client.tally = tally
    stop = threading.Event()

    def visit(person):
        client, address = person
        while not stop.is_set():
            load.member_round(client, address, campaign_id, currency, org_id)

    with ThreadPoolExecutor(threads) as pool:
        started = time.monotonic()
        futures = [pool.submit(visit, person) for person in people]
        time.sleep(seconds)
        stop.set()
        for future in futures:
            future.result()
        elapsed = time.monotonic() - started
    return tally.requests / elapsed, tally


def found(reader: load.Client, query: str, name: str) -> bool:
    page = reader.get(f"/en/search?q={query}")
    return page is not None and name in page.text


def search_lag(cluster: Cluster, approvals: int) -> list[float]:
    """Seconds from staff's approval answer to the organisation found on a host (the hosts
    taken in turn), polled every 20 ms."""
    tally = load.Tally()
    staff = load.staff_client(cluster, tally)
    [(author, _address)], _delays = members(cluster, tally, 1)
    author.form_token("/en/organisations/new")
    lags = []
    for number in range(approvals):
        made = load.register_organisation(author)
        if not made or not load.approve(staff, *made):
            raise RuntimeError(f"could not register and approve an organisation: {tally}")
        approved_at = tally.approved[-1][2]
        host = cluster.hosts[number % len(cluster.hosts)]
        reader = load.Client(cluster.host_url(host), tally)
        query = made[1].replace(" ", "+")
        wait_for(lambda r=reader, q=query, n=made[1]: found(r, q, n), 60,
                 f"{made[1]} in search", interval=0.02)
        lags.append(time.monotonic() - approved_at)
    return lags


def run(shape: tuple[str, ...], workers: int, args) -> dict:
    directory = Path(tempfile.mkdtemp(prefix="bench-multihost-"))
    # Every member signs in from the same address: the sign-in limit is not what is measured.
    cluster = Cluster(directory, hosts=shape, workers=workers,
                      extra_env={"LOGIN_RATE_LIMIT": "1000 per minute"}).up()
    try:
        rate, tally = throughput(cluster, args.threads, args.seconds)
        figures = {"rate": rate, "errors": len(tally.errors), "served_by": dict(tally.served_by)}
        print(f"  ({'+'.join(shape)}: {rate:.1f} requests/s)", flush=True)
        if len(shape) > 1:
            figures["lags"] = search_lag(cluster, args.approvals)
            _people, figures["mail"] = members(cluster, load.Tally(), args.mails)
            figures["worker"] = " ".join(cluster.worker_command())
        return figures
    finally:
        cluster.down()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--approvals", type=int, default=20)
    parser.add_argument("--mails", type=int, default=10)
    args = parser.parse_args()
    one = run(("a",), 4, args)
    two = run(("a", "b"), 2, args)
    gap = (one["rate"] - two["rate"]) / one["rate"]
    print(f"Multi-host benchmark: {args.threads} members for {args.seconds:.0f} s "
          f"(load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores)")
    print(f"  one host of 4 workers:   {one['rate']:7.1f} requests/s, "
          f"{one['errors']} server errors")
    print(f"  two hosts of 2 workers:  {two['rate']:7.1f} requests/s, "
          f"{two['errors']} server errors, served by {two['served_by']}")
    verdict = "met" if gap <= TARGET_THROUGHPUT_GAP else "MISSED"
    print(f"  throughput gap:          {gap * 100:7.1f} %  "
          f"(target <= {TARGET_THROUGHPUT_GAP * 100:.0f} %: {verdict})")
    lag = p95(two["lags"])
    verdict = "met" if lag <= TARGET_SEARCH_LAG_S else "MISSED"
    print(f"  search lag p95:          {lag:7.2f} s  (median {statistics.median(two['lags']):.2f}"
          f" s, {len(two['lags'])} approvals; target <= {TARGET_SEARCH_LAG_S:.0f} s: "
          f"{verdict})")
    mail = p95(two["mail"])
    verdict = "met" if mail <= TARGET_MAIL_S else "MISSED"
    through = ("the outbox and the worker" if two["worker"] == "worker"
               else "inside the request: this is not yet the outbox's figure")
    print(f"  mail after commit p95:   {mail:7.2f} s  (target <= {TARGET_MAIL_S:.0f} s: "
          f"{verdict}; sent {through})")


if __name__ == "__main__":
    main()

"""Multi-host benchmark: the deployment of deploy/ (HAProxy, PostgreSQL, Redis, the worker)
with two app hosts of 2 sync gunicorn workers against one host of 4, under the same mixed
load of signed-in members (read, search, follow, pledge); then how long an approved
organisation takes to be found by search on each host, and how long mail takes to leave
after the commit that wrote it. Each figure is printed beside its target.

The cores are shared by every process here, so two hosts cannot be faster than one: the
throughput figure shows what spreading the workers over hosts costs, not what it gains.

Both shapes run at once and are measured in alternating windows after a warm-up, with the
same number of members: the machine's other work (it is shared) falls on both alike.

    .venv/bin/python bench/multihost.py [--seconds 20] [--rounds 4] [--warmup 10]
                                        [--threads 8] [--approvals 20]
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


def prepared(cluster: Cluster, threads: int) -> tuple[list, tuple]:
    """The members who make the load (registered and signed in) and what they visit."""
    campaign = cluster.sql("SELECT id, currency FROM fund_campaigns "
                           "WHERE status = 'open' ORDER BY id LIMIT 1")[0]
    org_id = cluster.sql("SELECT id FROM organisations WHERE status = 'approved' "
                         "ORDER BY id LIMIT 1")[0][0]
    people, _delays = members(cluster, load.Tally(), threads)
    return people, (*campaign, org_id)


def window(people: list, target: tuple, seconds: float) -> tuple[float, load.Tally]:
    """Every member visiting for `seconds`; requests per second answered in that time."""
    tally = load.Tally()
    for client, _address in people:
        client.tally = tally
    stop = threading.Event()

    def visit(person):
        client, address = person
        while not stop.is_set():
            load.member_round(client, address, *target)

    with ThreadPoolExecutor(len(people)) as pool:
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


def up(shape: tuple[str, ...], workers: int) -> Cluster:
    directory = Path(tempfile.mkdtemp(prefix="bench-multihost-"))
    # Every member signs in from the same address: the sign-in limit is not what is measured.
    # Its processes stay in the benchmark's session: on a busy machine Linux shares the
    # cores between sessions, and a host per session would give two hosts twice the share.
    return Cluster(directory, hosts=shape, workers=workers, own_sessions=False,
                   extra_env={"LOGIN_RATE_LIMIT": "1000 per minute"}).up()


def compare(clusters: dict, args) -> dict:
    """Both shapes up at once, measured in alternating windows (one, two, two, one, …)
    after a warm-up of each: the machine's other work falls on both alike, and neither
    shape is always the first or the last. Returns each shape's rates."""
    loads = {name: prepared(cluster, args.threads) for name, cluster in clusters.items()}
    for name in clusters:  # warm-up: every worker has compiled its templates, filled caches
        window(*loads[name], args.warmup)
    rates = {name: [] for name in clusters}
    errors = dict.fromkeys(clusters, 0)
    order = list(clusters)
    for number in range(args.rounds):
        for name in order if number % 2 == 0 else order[::-1]:
            rate, tally = window(*loads[name], args.seconds)
            rates[name].append(rate)
            errors[name] += len(tally.errors)
            print(f"  round {number + 1}: {name}: {rate:.1f} requests/s "
                  f"(served by {dict(tally.served_by)}; load average "
                  f"{os.getloadavg()[0]:.1f})", flush=True)
    return {"rates": rates, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help="of each measured window")
    parser.add_argument("--rounds", type=int, default=4, help="windows of each shape")
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--approvals", type=int, default=20)
    parser.add_argument("--mails", type=int, default=10)
    parser.add_argument("--two-first", action="store_true",
                        help="start and measure the two hosts first")
    args = parser.parse_args()
    clusters = {}
    try:
        shapes = {"one host of 4": (("a",), 4), "two hosts of 2": (("a", "b"), 2)}
        for name in sorted(shapes, reverse=args.two_first):
            clusters[name] = up(*shapes[name])
        two = clusters["two hosts of 2"]
        figures = compare(clusters, args)
        lags = search_lag(two, args.approvals)
        _people, mails = members(two, load.Tally(), args.mails)
    finally:
        for cluster in clusters.values():
            cluster.down()
    one_rate, two_rate = (statistics.mean(figures["rates"][name])
                          for name in ("one host of 4", "two hosts of 2"))
    gap = (one_rate - two_rate) / one_rate
    print(f"Multi-host benchmark: {args.threads} members, {args.rounds} alternating windows "
          f"of {args.seconds:.0f} s per shape after {args.warmup:.0f} s of warm-up "
          f"(load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores)")
    for name, rate in zip(("one host of 4", "two hosts of 2"), (one_rate, two_rate),
                          strict=True):
        each = ", ".join(f"{r:.1f}" for r in figures["rates"][name])
        print(f"  {name + ':':24s} {rate:7.1f} requests/s (windows: {each}), "
              f"{figures['errors'][name]} server errors")
    verdict = "met" if gap <= TARGET_THROUGHPUT_GAP else "MISSED"
    print(f"  throughput gap:          {gap * 100:7.1f} %  "
          f"(target <= {TARGET_THROUGHPUT_GAP * 100:.0f} %: {verdict})")
    lag = p95(lags)
    verdict = "met" if lag <= TARGET_SEARCH_LAG_S else "MISSED"
    print(f"  search lag p95:          {lag:7.2f} s  (median {statistics.median(lags):.2f}"
          f" s, {len(lags)} approvals; target <= {TARGET_SEARCH_LAG_S:.0f} s: {verdict})")
    mail = p95(mails)
    verdict = "met" if mail <= TARGET_MAIL_S else "MISSED"
    print(f"  mail after commit p95:   {mail:7.2f} s  (target <= {TARGET_MAIL_S:.0f} s: "
          f"{verdict}; sent through the outbox and the worker)")


if __name__ == "__main__":
    main()

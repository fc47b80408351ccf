"""The deployment in deploy/ run as an operator would run it: two gunicorn hosts of 2
workers behind HAProxy, PostgreSQL, Redis and the worker, under a mixed load of people
registering, signing in, pledging, registering organisations with logos, searching and
following while staff approve — and one app host and the worker killed with SIGKILL along
the way. What people were told happened must have happened exactly once."""

from __future__ import annotations

import email
import json
import os
import re
import shutil
import signal
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from deploy import load
from deploy.cluster import VENV_BIN, Cluster, NotReady, wait_for

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
MEMBERS = 4
ROUNDS = 4  # visits per member; the host and the worker are killed during them
# The jobs due every few minutes or hours, and how often.
EVERY = {"events.remind": timedelta(minutes=5), "follows.digest": timedelta(hours=1),
         "projects.expire_offers": timedelta(hours=1)}

missing = [tool for tool in ("haproxy", "redis-server") if not shutil.which(tool)
           and not Path("/usr/sbin", tool).exists()]
if not os.environ.get("TEST_DATABASE_URL"):  # the PostgreSQL server the suite was given
    missing.append("PostgreSQL (TEST_DATABASE_URL)")
pytestmark = [
    pytest.mark.deploy,
    pytest.mark.skipif(bool(missing) and not CI, reason=f"needs {', '.join(missing)}"),
]


def outbox_empty(cluster: Cluster) -> bool:
    return cluster.sql("SELECT count(*) FROM search_outbox")[0][0] == 0


def worker_state(cluster: Cluster) -> str:
    """What a failed wait on the worker reports: its log and what waits for it."""
    waiting = cluster.sql("SELECT id, kind, attempts, available_at, lease_owner, lease_until, "
                          "parked_at, left(last_error, 200) FROM outbox_messages "
                          "ORDER BY id LIMIT 10")
    beats = cluster.sql("SELECT name, beat_at FROM worker_heartbeats ORDER BY beat_at")
    indexing = cluster.sql("SELECT count(*) FROM search_outbox")[0][0]
    return (cluster.logs("worker", lines=40) + f"\nmessages waiting: {waiting}\n"
            f"search outbox rows: {indexing}\nheartbeats: {beats}\nnow: {datetime.now(UTC)}")


class Scenario:
    """Runs once for the module; the tests below read what it saw."""

    def __init__(self, cluster: Cluster):
        self.cluster, self.tally = cluster, load.Tally()
        self.events: dict[str, object] = {}
        self.started = time.monotonic()

    def note(self, step: str) -> None:
        """Seconds since the scenario began, kept beside the deployment's own timings
        (cluster.json) for whoever reads why a run was slow."""
        timings = self.cluster.state.setdefault("scenario", {})
        timings[step] = round(time.monotonic() - self.started, 1)
        self.cluster._save()

    def run(self) -> Scenario:
        c = self.cluster
        campaign_id, currency = c.sql("SELECT id, currency FROM fund_campaigns "
                                      "WHERE status = 'open' ORDER BY id LIMIT 1")[0]
        org_id = c.sql("SELECT id FROM organisations WHERE status = 'approved' "
                       "ORDER BY id LIMIT 1")[0][0]
        with ThreadPoolExecutor(MEMBERS + 1) as pool:
            signing_in = pool.submit(load.staff_client, c, self.tally)
            members = list(pool.map(
                lambda _n: load.new_member(c.url, self.tally, c.directory / "mail",
                                           explain=lambda: worker_state(c)),
                range(MEMBERS)))
            staff = signing_in.result()
        self.events["members ready"] = datetime.now(UTC)
        self.note("members signed in")

        def member(index: int) -> None:
            client, address = members[index]
            made = load.register_organisation(client)
            for round_ in range(ROUNDS):
                load.member_round(client, address, campaign_id, currency, org_id)
                if index == 0 and round_ == 1:
                    self.kill_worker()
                if index == 1 and round_ == 2:
                    self.kill_host("b")
            if made:
                load.approve(staff, *made)

        with ThreadPoolExecutor(MEMBERS) as pool:
            for future in [pool.submit(member, i) for i in range(MEMBERS)]:
                future.result()
        self.note("rounds done")
        c.start_host("b")  # returns once HAProxy has taken it back
        self.note("host b back")
        wait_for(lambda: outbox_empty(c), 180, "the worker to empty the search outbox",
                 explain=lambda: worker_state(c))
        wait_for(lambda: c.sql("SELECT count(*) FROM outbox_messages "
                               "WHERE parked_at IS NULL")[0][0] == 0, 180,
                 "the worker to deliver every message", explain=lambda: worker_state(c))
        self.note("outboxes empty")
        return self

    def kill_worker(self) -> None:
        """SIGKILL the worker while it has a batch to apply (changes wait in the outbox and
        writes keep coming), then start it again."""
        try:
            wait_for(lambda: not outbox_empty(self.cluster), 10, "changes in the outbox",
                     interval=0.02)
        except NotReady:  # the worker keeps up: kill it between batches then
            pass
        self.cluster.kill("worker")
        self.events["worker killed"] = time.monotonic()
        self.note("worker killed")
        self.cluster.start_worker()  # returns once its loop runs (its first heartbeat)
        self.note("worker back")

    def kill_host(self, host: str) -> None:
        self.cluster.kill(f"host-{host}")
        self.note(f"host {host} killed")
        wait_for(lambda: self.cluster.host_up_in_proxy(host) is False, 120,
                 f"HAProxy to take host {host} out", interval=0.5,
                 explain=lambda: self.cluster.logs("haproxy"))
        self.events["host out"] = True
        self.note(f"host {host} out")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    deployment = Cluster(tmp_path_factory.mktemp("deploy")).up()
    yield deployment
    deployment.down()


@pytest.fixture(scope="module")
def scenario(cluster):
    return Scenario(cluster).run()


def test_no_server_errors_while_a_host_and_the_worker_were_killed(scenario):
    assert scenario.events.get("host out") and scenario.events.get("worker killed")
    assert scenario.tally.errors == []
    assert scenario.tally.requests > MEMBERS * ROUNDS * 5
    assert set(scenario.tally.served_by) >= {"a", "b"}  # both hosts took part


def test_every_acknowledged_pledge_is_stored_exactly_once(scenario):
    acknowledged = {(address, key) for address, key, _url in scenario.tally.pledges}
    assert len(acknowledged) >= MEMBERS * ROUNDS
    rows = scenario.cluster.sql("SELECT u.email, p.idempotency_key, count(*) "
                                "FROM fund_pledges p JOIN users u ON u.id = p.user_id "
                                "WHERE u.email LIKE 'load-%%' "
                                "GROUP BY u.email, p.idempotency_key")
    stored = {(address, key): count for address, key, count in rows}
    assert {k: stored.get(k, 0) for k in acknowledged} == dict.fromkeys(acknowledged, 1)


def test_ledger_and_audit_chains_verify_after_the_kills(scenario):
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda command: scenario.cluster.flask(command, "verify"),
                                ("fund", "audit")))
    for result in results:
        assert result.returncode == 0, result.stdout + result.stderr


def test_an_approved_organisation_is_found_from_both_hosts(scenario):
    """Once the worker has applied the outbox, each host finds it at the first search:
    no host answers from a stale index or cache of its own."""
    assert scenario.tally.approved
    _org_id, name, _at = scenario.tally.approved[-1]
    for host in scenario.cluster.hosts:
        reader = load.Client(scenario.cluster.host_url(host), scenario.tally)
        page = reader.get(f"/en/search?q={name.replace(' ', '+')}")
        assert page.status_code == 200 and name in page.text, host


def test_a_request_is_found_in_its_hosts_json_log_by_the_proxys_id(scenario):
    response = load.Client(scenario.cluster.url, load.Tally()).get("/en/fund/")
    request_id, host = response.headers["X-Request-Id"], response.headers["X-Served-By"]
    log = scenario.cluster.directory / f"host-{host}.log"

    def logged():
        for line in log.read_text(errors="replace").splitlines():
            if request_id in line and line.startswith("{"):
                return json.loads(line)
        return None

    entry = wait_for(logged, 60, "the request's log line", explain=lambda: scenario.cluster.logs(
        f"host-{host}"))
    assert (entry["request_id"], entry["endpoint"], entry["status"]) == (
        request_id, "fund.index", 200)


def test_the_login_rate_limit_holds_across_hosts(scenario):
    """LOGIN_RATE_LIMIT (12 a minute here) counts sign-ins on every host together: with
    per-host counting the two hosts would let through twice as many."""
    tally = load.Tally()
    client = load.Client(scenario.cluster.url, tally)
    for host in scenario.cluster.hosts:  # both in rotation (HAProxy's checks say so)
        wait_for(lambda h=host: scenario.cluster.host_up_in_proxy(h), 120, f"host {host} up")
    client.form_token("/en/account/login")

    def attempt(_number):
        response = client.post("/en/account/login", {"email": "nobody@example.org",
                                                      "password": "wrong-password-123"})
        return response.status_code, response.headers.get("X-Served-By")

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(attempt, range(16)))
    allowed = [host for status, host in answers if status != 429]
    refused = [host for status, host in answers if status == 429]
    assert len(allowed) <= 12 and refused
    assert {host for _status, host in answers} == {"a", "b"}
    assert tally.errors == []


def test_a_logo_uploaded_through_one_host_is_served_by_the_other(scenario):
    org_id, _name, _at = scenario.tally.approved[0]
    served = []
    for host in scenario.cluster.hosts:
        reader = load.Client(scenario.cluster.host_url(host), scenario.tally)
        response = reader.get(f"/organisations/{org_id}/logo")
        if response.status_code in (301, 302, 303, 307):  # a signed address of the store
            response = reader.get(response.headers["Location"])
        assert response.status_code == 200, host
        assert response.headers["Content-Type"].startswith("image/"), host  # re-encoded
        served.append(response.content)
    assert served[0] and all(body == served[0] for body in served)  # one stored file


def test_every_mail_is_delivered_exactly_once(scenario):
    """Every member's mail arrived, and none twice: each delivered message has its own
    Message-ID (the outbox's idempotency key), the worker's kill notwithstanding, and the
    outbox's own rows say nothing is left undelivered."""
    messages = [email.message_from_bytes(p.read_bytes())
                for p in (scenario.cluster.directory / "mail").glob("*.eml")]
    ids = [m["Message-ID"] for m in messages]
    assert len(ids) == len(set(ids))
    registered = [r[0] for r in scenario.cluster.sql(
        "SELECT email FROM users WHERE email LIKE 'load-%%'")]
    reached = {m["To"] for m in messages if (m["To"] or "").startswith("load-")}
    assert sorted(reached) == sorted(registered)


def test_every_scheduled_job_ran_once_per_due_time_although_the_worker_was_killed(scenario):
    """These jobs were first due when the worker first started, then every step after
    (five minutes for reminders: a slow run of the scenario sees them due again). One run
    per due time — none twice, none left out, the worker's SIGKILL and restart running
    none again — puts `next_run_at - runs * step` at that first due time: after the
    worker first started, before the members' first mail (the worker runs the jobs due at
    its first turn before it delivers any mail)."""
    started = datetime.fromisoformat(scenario.cluster.state["worker_started_at"])
    rows = scenario.cluster.sql("SELECT name, runs, next_run_at FROM scheduled_jobs "
                                "WHERE name = ANY(%s)", list(EVERY))
    assert {name for name, _runs, _next in rows} == set(EVERY)
    for name, runs, next_run in rows:
        next_run = next_run if next_run.tzinfo else next_run.replace(tzinfo=UTC)
        first = next_run - runs * EVERY[name]
        assert runs >= 1 and started <= first <= scenario.events["members ready"], (
            name, runs, next_run, started, scenario.events["members ready"])
    assert "worker killed" in scenario.events


def test_a_host_started_with_worker_gunicorn_runs_the_worker_and_stops_it(scenario):
    """gunicorn.conf.py, as an operator with one host would use it: with WORKER=gunicorn
    the master starts `flask worker` beside its web workers once it is ready (the worker's
    heartbeat shows its loop running) and stops it when the master is stopped."""
    c = scenario.cluster
    master = c._spawn("host-c", [str(VENV_BIN / "gunicorn"), "-w", "1", "-b", "127.0.0.1:0",
                                 "--no-control-socket", "wsgi:app"],
                      c.env("host-c", WORKER="gunicorn"))
    started = re.compile(r"Worker started \(pid (\d+)\)")
    try:
        worker = int(wait_for(lambda: started.search(c.log_path("host-c").read_text()), 240,
                              "gunicorn to start the worker", process=master,
                              explain=lambda: c.logs("host-c")).group(1))
        wait_for(lambda: c.sql("SELECT 1 FROM worker_heartbeats WHERE name LIKE %s",
                               f"{socket.gethostname()}:{worker}:%"), 240,
                 "the worker's heartbeat", explain=lambda: c.logs("host-c"))
        os.kill(master.pid, signal.SIGTERM)
        master.wait(60)

        def gone() -> bool:
            try:
                os.kill(worker, 0)
            except ProcessLookupError:
                return True
            return False

        wait_for(gone, 60, "the worker to stop with its master",
                 explain=lambda: c.logs("host-c"))
    finally:
        c.kill("host-c")

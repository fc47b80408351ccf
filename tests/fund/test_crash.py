"""Killing the server during a pledge submission, then retrying with the same idempotency
key, leaves exactly one pledge: whether the process died before its commit (nothing was
recorded; the retry records it) or after it (recorded, but the answer never left; the
retry finds it). A real server process, killed with SIGKILL."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.fund.models import LedgerEntry, Pledge
from tests.conftest import PASSWORD
from tests.fund.conftest import pledge_data

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, app, tmp_path: Path, pause: str | None = None):
        self.port = _free_port()
        self.mark = tmp_path / f"paused-{pause}"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "MAIL_DIR": str(tmp_path / "mail"),
               "INSTANCE_PATH": str(tmp_path / "instance"),
               "SEARCH_BACKEND": app.config["SEARCH_BACKEND"]}
        if pause:
            env.update(FUND_PAUSE=pause, FUND_PAUSE_MARK=str(self.mark))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.fund.serve", app.config["SQLALCHEMY_DATABASE_URI"],
             str(self.port)], cwd=ROOT, env=env, stdout=subprocess.PIPE)
        assert self.process.stdout.readline().strip() == b"ready"
        self._wait_listening()

    def _wait_listening(self) -> None:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("the server did not start")

    def post(self, path: str, data: dict, cookie: str = "", timeout: float = 20):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        conn.request("POST", path, urllib.parse.urlencode(data), {
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
            "Accept-Language": "en"})
        response = conn.getresponse()
        response.read()
        return response

    def login(self, email: str) -> str:
        response = self.post("/account/login", {"email": email, "password": PASSWORD})
        assert response.status == 302, response.status
        return response.getheader("Set-Cookie").split(";")[0]

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process.stdout.close()


def _pledges() -> int:
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count(Pledge.id)))


@pytest.mark.parametrize("moment,recorded_before_retry", [("before", 0), ("after", 1)])
def test_killed_during_submission_then_retried_makes_one_pledge(
        app, make_user, make_campaign, tmp_path, moment, recorded_before_retry):
    member = make_user(email="pledger@example.org")
    campaign = make_campaign()
    form = pledge_data(amount="250")
    email, campaign_id = member.email, campaign.id
    db.session.remove()
    server = Server(app, tmp_path, pause=moment)
    try:
        cookie = server.login(email)
        outcome = {}

        def submit():
            try:
                server.post(f"/fund/{campaign_id}/pledge", form, cookie)
                outcome["answered"] = True
            except (OSError, http.client.HTTPException) as exc:
                outcome["error"] = exc

        sender = threading.Thread(target=submit)
        sender.start()
        for _ in range(200):
            if server.mark.exists():
                break
            time.sleep(0.05)
        assert server.mark.exists(), "the submission never reached its commit"
    finally:
        server.kill()
    sender.join(timeout=10)
    assert "answered" not in outcome, "the client got an answer: the kill came too late"
    assert _pledges() == recorded_before_retry

    retry_server = Server(app, tmp_path / "retry")
    try:
        response = retry_server.post(f"/fund/{campaign_id}/pledge", form, cookie)
        assert response.status == 302 and "/fund/pledges/" in response.getheader("Location")
        again = retry_server.post(f"/fund/{campaign_id}/pledge", form, cookie)
        assert again.getheader("Location") == response.getheader("Location")
    finally:
        retry_server.kill()
    assert _pledges() == 1
    assert db.session.scalar(sa.select(sa.func.count(LedgerEntry.id))) == 1

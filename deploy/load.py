"""A mixed load through HAProxy, as people make it: register and confirm, sign in, pledge
with idempotency keys, register an organisation with a logo, search, follow, and staff who
approve what waits for review. Used by the multi-host test and bench/multihost.py.

Every answer is counted; a 5xx (HAProxy's own 502/503 included) or a broken connection is a
server error. A pledge counts as acknowledged once the platform answered it with the
pledge's page; the caller then checks the database holds each exactly once."""

from __future__ import annotations

import email
import io
import re
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import policy
from pathlib import Path

import requests

from deploy.processes import wait_for

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CONFIRM_LINK = re.compile(r"(https?://\S+/account/confirm/\S+)")
PASSWORD = "load-kitob-daryo-2026"


def _logo() -> bytes:
    """A small PNG logo (the upload checks decode and re-encode it, as any other)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (48, 48), (0, 102, 51)).save(out, "PNG")
    return out.getvalue()


PNG = _logo()


@dataclass
class Tally:
    """What the load saw, shared by its threads."""

    answers: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)
    pledges: list = field(default_factory=list)  # (email, idempotency key, pledge url)
    organisations: list = field(default_factory=list)  # (id, name)
    approved: list = field(default_factory=list)  # (id, name, approved at: monotonic)
    served_by: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, what: str, response: requests.Response | None, error: str = "") -> None:
        with self.lock:
            if response is None:
                self.errors.append(f"{what}: {error}")
                return
            self.answers[response.status_code] += 1
            self.served_by[response.headers.get("X-Served-By", "?")] += 1
            if response.status_code >= 500:
                self.errors.append(f"{what}: {response.status_code}")

    @property
    def requests(self) -> int:
        return sum(self.answers.values())


class Client:
    """One person's browser: a session through HAProxy that keeps its cookies."""

    def __init__(self, base: str, tally: Tally, timeout: float = 60):
        self.base, self.tally, self.timeout = base, tally, timeout
        self.http = requests.Session()
        self.csrf: str | None = None

    def request(self, method: str, path: str, what: str = "", **kwargs):
        url = path if path.startswith("http") else self.base + path
        for attempt in (1, 2):
            try:
                response = self.http.request(method, url, timeout=self.timeout,
                                             allow_redirects=False, **kwargs)
                break
            except requests.ConnectionError as exc:
                # A kept-alive connection closed under the request (the proxy dropped it
                # when a host died): a browser sends it again once. Every write here is
                # safe to repeat (idempotency keys, follow is not a toggle).
                if attempt == 2:
                    self.tally.note(what or path, None, repr(exc))
                    return None
            except requests.RequestException as exc:
                self.tally.note(what or path, None, repr(exc))
                return None
        self.tally.note(what or f"{method} {path}", response)
        return response

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def form_token(self, path: str) -> str | None:
        response = self.get(path)
        match = CSRF.search(response.text) if response is not None else None
        if match:
            self.csrf = match.group(1)
        return self.csrf

    def post(self, path: str, data: dict, **kwargs):
        return self.request("POST", path, data={"csrf_token": self.csrf, **data}, **kwargs)

    def sign_in(self, address: str, password: str, code=None) -> bool:
        self.form_token("/en/account/login")
        response = self.post("/en/account/login", {"email": address, "password": password})
        if response is not None and "/account/login/code" in response.headers.get(
                "Location", ""):
            self.form_token("/en/account/login/code")
            response = self.post("/en/account/login/code", {"code": code()})
        return response is not None and response.status_code == 302 and \
            "/account/login" not in response.headers.get("Location", "")


def staff_client(cluster, tally: Tally) -> Client:
    """The demo's staff member (flask seed-demo), signed in with a second factor set up as
    at a first sign-in; the CSRF token of the session is ready for moderation forms."""
    import pyotp

    secret = pyotp.random_base32()
    cluster.sql("UPDATE users SET totp_secret = %s, totp_enabled_at = now() "
                "WHERE email = 'staff@example.org'", secret)
    client = Client(cluster.url, tally)
    if not client.sign_in("staff@example.org", "demo-kitob-daryo-2026",
                          code=lambda: pyotp.TOTP(secret).now()):
        raise RuntimeError("staff@example.org could not sign in")
    client.form_token("/en/moderation/")
    return client


def confirmation_link(mail_dir: Path, address: str) -> str | None:
    for path in sorted(Path(mail_dir).glob("*.eml")):
        raw = path.read_bytes()
        if address.encode() not in raw:  # parse only the recipient's (polled many times)
            continue
        message = email.message_from_bytes(raw, policy=policy.default)
        if message["To"] == address:
            match = CONFIRM_LINK.search(message.get_body(("plain",)).get_content())
            if match:
                return match.group(1)
    return None


def new_member(base: str, tally: Tally, mail_dir: Path,
               explain=None) -> tuple[Client, str]:
    """Register through the proxy, open the mailed link, sign in. `explain()` says why
    the mail did not come (the worker's log) if it never does."""
    client = Client(base, tally)
    address = f"load-{secrets.token_hex(5)}@example.org"
    client.form_token("/en/account/register")
    client.post("/en/account/register", {
        "email": address, "password": PASSWORD, "confirm": PASSWORD,
        "display_name": f"Load {address[5:10]}", "locale": "en"}, what="register")
    link = wait_for(lambda: confirmation_link(mail_dir, address), 180, f"mail to {address}",
                    explain=explain)
    client.get(link.replace(link.split("/account/")[0], base + "/en"), what="confirm")
    if not client.sign_in(address, PASSWORD):
        raise RuntimeError(f"{address} could not sign in")
    return client, address


def pledge(client: Client, address: str, campaign_id: int, currency: str,
           key: str | None = None) -> str | None:
    """One pledge; the same key again must give the same pledge. Returns its address."""
    key = key or secrets.token_urlsafe(18)
    path = f"/en/fund/{campaign_id}/pledge"
    for _attempt in range(3):  # a person whose page failed presses the button again
        response = client.post(path, {"idempotency_key": key, "amount": "25",
                                      "currency": currency, "show_as": "name",
                                      "message": ""}, what="pledge")
        location = response.headers.get("Location", "") if response is not None else ""
        if "/fund/pledges/" in location:
            with client.tally.lock:
                if (address, key, location) not in client.tally.pledges:
                    client.tally.pledges.append((address, key, location))
            return location
    return None


def register_organisation(client: Client, country: str = "RU") -> tuple[int, str] | None:
    name = f"Load Society {secrets.token_hex(4)}"
    response = client.request("POST", "/en/organisations/new", what="organisation", data={
        "csrf_token": client.csrf, "name": name, "kind": "association", "country": country,
        "city": "Kazan", "description": "A society of the load test that meets on Sundays.",
        "languages": "tg"}, files={"logo": ("logo.png", PNG, "image/png")})
    match = re.search(r"/organisations/(\d+)", response.headers.get("Location", "")) \
        if response is not None else None
    if not match:
        return None
    found = (int(match.group(1)), name)
    with client.tally.lock:
        client.tally.organisations.append(found)
    return found


def browse(client: Client, org_id: int, term: str = "Dushanbe") -> None:
    client.get(f"/en/search?q={term}", what="search")
    client.get(f"/en/organisations/{org_id}", what="organisation page")
    client.get("/en/fund/", what="fund")


def follow(client: Client, org_id: int) -> None:
    client.post(f"/en/follows/organisations/{org_id}", {}, what="follow")


def approve(staff: Client, org_id: int, name: str) -> bool:
    response = staff.post(f"/en/moderation/organisation/{org_id}/decide",
                          {"decision": "approve", "note": ""}, what="approve")
    if response is None or response.status_code != 302:
        return False
    with staff.tally.lock:
        staff.tally.approved.append((org_id, name, time.monotonic()))
    return True


def member_round(client: Client, address: str, campaign_id: int, currency: str,
                 org_id: int) -> None:
    """What a signed-in member does in one visit: read, search, follow, pledge (and press
    the button twice once in a while: the same key must not make a second pledge)."""
    browse(client, org_id)
    follow(client, org_id)
    key = secrets.token_urlsafe(18)
    made = pledge(client, address, campaign_id, currency, key=key)
    if made and secrets.randbelow(4) == 0:
        again = pledge(client, address, campaign_id, currency, key=key)
        if again and again != made:
            client.tally.errors.append(f"pledge {key} answered twice with {made}, {again}")

"""Walk every route of the app as a given actor: the URL map, real ids, GET and POST.

Shared by the tests that compare what two kinds of actor may do on every page (for
example a staff member who has not passed the second factor against a plain member)."""

from __future__ import annotations

from dataclasses import dataclass

# Routes that end the session of whoever walks them: walked by nobody, or the rest of the
# walk would run signed out.
SESSION_ENDING = frozenset({"accounts.logout", "static"})
# Values for route arguments that are not database ids.
DEFAULT_VALUES = {"name": "about", "size": "full", "category": "all", "code": "TJ",
                  "token": "not-a-token", "filename": "css/app.css"}


@dataclass(frozen=True)
class Outcome:
    """What one request answered: its status and, for a redirect, where it sent the actor."""

    status: int
    location: str

    @property
    def kind(self) -> str:
        """The status class with the refusals kept apart (403 and 404 tell different things)."""
        if self.status in (403, 404, 400, 405):
            return str(self.status)
        return f"{self.status // 100}xx"


def routes(app, skip=SESSION_ENDING):
    """Every (endpoint, rule) the app serves, in a stable order."""
    return sorted(((rule.endpoint, rule) for rule in app.url_map.iter_rules()
                   if rule.endpoint not in skip), key=lambda pair: pair[1].rule)


def build_url(app, rule, ids: dict) -> str | None:
    """The rule's URL with every argument filled from `ids` (then DEFAULT_VALUES), or None
    when an argument has no value to fill."""
    values = {}
    for name in rule.arguments:
        value = ids.get(name, DEFAULT_VALUES.get(name))
        if value is None:
            return None
        values[name] = value
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


def walk(app, clients: dict, ids: dict, skip=SESSION_ENDING) -> dict:
    """GET and POST every route as each actor (a signed-in client per actor name), taking
    turns on each request so that what one actor changes meets the other one too.
    Returns {(method, url): {actor: Outcome}}. Forms are posted empty: a permission check
    runs before validation, so an empty form still tells allowed from refused."""
    seen = {}
    for _endpoint, rule in routes(app, skip):
        url = build_url(app, rule, ids)
        if url is None:
            continue
        for method in ("GET", "POST"):
            if method not in rule.methods:
                continue
            seen[(method, url)] = {
                actor: _outcome(client.open(url, method=method, data={}))
                for actor, client in clients.items()}
    return seen


def _outcome(response) -> Outcome:
    return Outcome(response.status_code, response.headers.get("Location", ""))

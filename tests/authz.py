"""Authorization tests generated from the declared checks (diaspora_platform/authz.py).

Each domain's test module keeps SCENARIOS: for every state-changing route it covers, the
URL and form that make the action run for someone allowed (`{name}` in the URL, in the
form's values and in its field names is filled from the `people` fixture's ids). Who is
allowed comes from the check the route's view declares; the cells (route × actor) are
generated from it, and an allowed actor passes only if the action's effect is observed in
what the module's `state()` reads.
"""

from __future__ import annotations

import functools
import tempfile

import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.authz import ANYONE, Check, check_for
from diaspora_platform.extensions import db

CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
UNENROLLED = "unenrolled_staff"  # staff role, signed in with the password alone


def changing_rules(app, *endpoint_prefixes: str) -> set[str]:
    """The rules of the routes that change state (of the endpoints with these prefixes)."""
    return {rule.rule for rule in app.url_map.iter_rules() if rule.methods & CHANGING
            and rule.endpoint.startswith(endpoint_prefixes or ("",))}


@functools.cache
def declared_checks() -> dict[str, Check | None]:
    """Each state-changing rule's declared check, read from an application built once."""
    from diaspora_platform import create_app

    folder = tempfile.mkdtemp(prefix="authz-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "INSTANCE_PATH": folder,
                      "SEARCH_INDEX_DIR": folder})
    return {rule.rule: check_for(app, rule.endpoint) for rule in app.url_map.iter_rules()
            if rule.methods & CHANGING}


def expected(check: Check, actor: str):
    """What `actor` gets from a route with this check: "ok", "login", "enrol" or a status."""
    if ANYONE in check.allow:
        return "ok"
    if actor == "anonymous":
        return "ok" if "anonymous" in check.allow else check.others.get("anonymous", "login")
    if actor == UNENROLLED:  # staff powers need the second factor: they are a member here
        return "enrol" if "staff" in check.allow else expected(check, "member")
    if actor in check.others:
        return check.others[actor]
    return "ok" if check.allows(actor) else check.refuse


def cells(scenarios: dict, actors: tuple[str, ...]) -> list:
    """The cells of a domain's routes, generated from their checks: one per allowed actor
    (each acts on a fresh fixture) and one trying every refused actor in turn (a refusal
    changes nothing, so they can share one). Staff without the second factor are tried
    wherever the check lets staff act."""
    checks = declared_checks()
    params = []
    for rule in sorted(scenarios):
        check = checks.get(rule)
        if check is None:  # fails in check_row, naming the route
            params.append(pytest.param(rule, actors, id=f"{rule}-undeclared"))
            continue
        everyone = (*actors, *((UNENROLLED,) if "staff" in check.allow else ()))
        refused = tuple(actor for actor in everyone if expected(check, actor) != "ok")
        params += [pytest.param(rule, actor, id=f"{rule}-{actor}") for actor in everyone
                   if actor not in refused]
        if refused:
            params.append(pytest.param(rule, refused, id=f"{rule}-{'+'.join(refused)}"))
    return params


def check_outcome(response, outcome) -> None:
    """"login": sent to sign in; "enrol": sent to set up two-factor; 403/404: refused;
    "ok": answered without bouncing to the sign-in page (the effect is checked apart)."""
    if outcome == "login":
        assert response.status_code == 302
        assert "/account/login" in response.headers["Location"], response.location
    elif outcome == "enrol":  # staff without two-factor: sent to set it up, nothing done
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/account/two-factor"), response.location
    elif outcome in (200, 302, 403, 404):  # 200: told why on the page; 302: sent elsewhere
        assert response.status_code == outcome
    else:
        assert response.status_code in (200, 302), response.status_code
        assert "/account/login?next" not in response.headers.get("Location", "")


def fill(template, ids: dict):
    """A table's URL or form value with the fixture's ids put in ("{org}" → "3"); a
    callable is called (an upload is made afresh for each request)."""
    if callable(template):
        return template()
    if isinstance(template, list):
        return [fill(item, ids) for item in template]
    return template.format(**ids) if isinstance(template, str) else template


def actor_user(people, actor, make_user):
    """The person who plays `actor` (staff without two-factor are made when first asked)."""
    if actor == UNENROLLED and UNENROLLED not in people:
        user = make_user(email="new.staff@example.org", role=Role.STAFF)
        user.totp_secret = user.totp_enabled_at = None
        db.session.commit()
        people[UNENROLLED] = user
    return people[actor]


def check_row(client, auth, people, rule, scenario, actors, state, *, make_user=None,
              files=None, changes=True, **post) -> None:
    """Post a route's scenario as each of `actors` (one name or several refused ones): an
    allowed actor's action changes what `state()` reads (`changes=False`: a step that only
    proposes, such as a statement to reconcile); a refused one gets the declared answer
    and changes nothing. `files()` gives uploads to add to the form (made afresh for each
    request)."""
    check = declared_checks()[rule]
    assert check is not None, f"{rule} declares no registered action"
    url, data, *probe = scenario
    if probe:  # what the action changes is outside the database (the session, a cookie)
        state = _with_probe(state, probe[0], client)
    ids = people.get("ids", {})
    signed_in = False
    for actor in (actors,) if isinstance(actors, str) else actors:
        if signed_in:
            auth.logout()
        if actor != "anonymous":
            auth.login_as(actor_user(people, actor, make_user))
            signed_in = True
        form = {fill(key, ids): fill(value, ids) for key, value in data.items()}
        form.update(files() if files else {})
        before = state()
        response = client.post(fill(url, ids), data=form, **post)
        outcome = expected(check, actor)
        check_outcome(response, outcome)
        if outcome != "ok":
            assert state() == before, f"a refused actor ({actor}) changed something"
        elif changes:
            assert state() != before, "the action did not run"


def _with_probe(state, probe, client):
    return lambda: (state(), probe(client))


def route_test(scenarios: dict, actors: tuple[str, ...], state):
    """A table's test of its routes: each cell (route × actor, generated from the route's
    check) posts the route's scenario; assign it to a `test_…` name in the module."""

    @pytest.mark.parametrize(("rule", "actor"), cells(scenarios, actors))
    def test(client, auth, people, make_user, rule, actor):
        check_row(client, auth, people, rule, scenarios[rule], actor, state,
                  make_user=make_user)

    return test


def pages_test(reads: dict, actors: tuple[str, ...]):
    """A table's test of its pages that only some may open: `reads` maps each URL (ids as
    in SCENARIOS) to what each actor gets ("ok", "login", 403, 404)."""

    @pytest.mark.parametrize("url", sorted(reads))
    @pytest.mark.parametrize("actor", actors)
    def test(client, auth, people, url, actor):
        if actor != "anonymous":
            auth.login_as(people[actor])
        check_outcome(client.get(url.format(**people["ids"])), reads[url][actor])

    return test

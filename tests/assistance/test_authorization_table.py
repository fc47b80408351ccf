"""Authorization as a table: every state-changing assistance route, tried by each kind of
actor; a refused actor changes nothing and learns nothing (404 for another member's
request, so request numbers cannot be probed).

Actors: anonymous; member (signed in, no part in the request); requester; org_admin (an
administrator of the organisation the request was filed for); staff; admin.
Outcomes: "login" (sent to sign in), 403, 404, "ok" (the action ran).
"""

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.assistance import services
from diaspora_platform.assistance.models import AssistanceMessage, AssistanceRequest
from diaspora_platform.extensions import db
from diaspora_platform.organisations import membership
from tests.assistance.conftest import form_post
from tests.authz import cells, changing_rules, check_outcome, check_row

pytestmark = [pytest.mark.outbox_only, pytest.mark.any_database]

ACTORS = ("anonymous", "member", "requester", "org_admin", "staff", "admin")
SIGNED_IN = {"anonymous": "login", "member": "ok", "requester": "ok", "org_admin": "ok",
             "staff": "ok", "admin": "ok"}
PARTIES = {"anonymous": "login", "member": 404, "requester": "ok", "org_admin": "ok",
           "staff": 404, "admin": 404}
STAFF = {"anonymous": "login", "member": 403, "requester": 403, "org_admin": 403,
         "staff": "ok", "admin": "ok"}

# rule -> (url, form data that makes the action run for someone allowed)
SCENARIOS = {
    "/help-to-open/new": ("/help-to-open/new", form_post()),
    "/help-to-open/requests/<int:request_id>/messages": (
        "/help-to-open/requests/{open}/messages",
        {"body": "Hello.", "client_token": "table-token-1"}),
    "/help-to-open/staff/requests/<int:request_id>/assign": (
        "/help-to-open/staff/requests/{open}/assign",
        {"assignee_id": "{staff}", "expected": ""}),
    "/help-to-open/staff/requests/<int:request_id>/status": (
        "/help-to-open/staff/requests/{open}/status",
        {"status": "in_review", "expected": "received", "message": "Reading.",
         "client_token": "table-token-2"}),
    "/help-to-open/staff/requests/<int:request_id>/place": (
        "/help-to-open/staff/requests/{done}/place", {"place_id": "{place}"}),
    "/help-to-open/staff/requests/<int:request_id>/messages": (
        "/help-to-open/staff/requests/{open}/messages",
        {"body": "Hello from the Council.", "client_token": "table-token-3"}),
}

# Pages that show a request: the same rules for reading.
READS = {
    "/help-to-open/requests/{open}": PARTIES,
    "/help-to-open/staff/": STAFF,
    "/help-to-open/staff/requests/{open}": STAFF,
    "/help-to-open/mine": {**SIGNED_IN},
}


def test_every_state_changing_assistance_route_is_in_the_table(app):
    changing = changing_rules(app, "assistance.")
    assert changing == set(SCENARIOS), "add new state-changing routes to SCENARIOS"


@pytest.fixture
def people(make_user, make_org, make_request, make_place):
    people = {
        "requester": make_user(email="requester@example.org"),
        "org_admin": make_user(email="orgadmin@example.org"),
        "member": make_user(email="member@example.org"),
        "staff": make_user(email="staff@example.org", role=Role.STAFF),
        "admin": make_user(email="admin@example.org", role=Role.ADMIN),
    }
    org = make_org(owner=people["requester"])
    joined = membership.request_to_join(people["org_admin"], org, None)
    membership.accept_request(people["requester"], joined, "admin")
    open_req = make_request(requester=people["requester"], organisation_id=str(org.id))
    done = make_request(requester=people["requester"], organisation_id=str(org.id))
    for status in ("in_review", "in_progress", "fulfilled"):
        services.change_status(people["admin"], done, status, "Step.")
    people["ids"] = {"open": open_req.id, "done": done.id, "place": make_place().id,
                     "staff": people["staff"].id}
    return people


def _state():
    db.session.expire_all()
    rows = db.session.execute(sa.select(
        AssistanceRequest.id, AssistanceRequest.status, AssistanceRequest.assignee_id,
        AssistanceRequest.place_id).order_by(AssistanceRequest.id)).all()
    messages = db.session.scalar(sa.select(sa.func.count(AssistanceMessage.id)))
    return rows, messages


@pytest.mark.parametrize(("rule", "actor"), cells(SCENARIOS, ACTORS))
def test_route_answers_each_actor_as_its_check_says(client, auth, people, make_user, rule,
                                                  actor):
    check_row(client, auth, people, rule, SCENARIOS[rule], actor, _state,
              make_user=make_user)


@pytest.mark.parametrize("url", sorted(READS))
@pytest.mark.parametrize("actor", ACTORS)
def test_pages_show_requests_only_to_those_concerned(client, auth, people, url, actor):
    if actor != "anonymous":
        auth.login_as(people[actor])
    target = url.format(**people["ids"])
    outcome = READS[url][actor]
    response = client.get(target)
    if outcome == 404 and actor in ("staff", "admin"):
        # Staff are sent to the staff page of the request (which needs two-factor).
        assert response.status_code == 302 and "/staff/requests/" in response.headers[
            "Location"]
        return
    check_outcome(response, outcome)
    if outcome == "ok" and url == "/help-to-open/mine":
        mine = response.get_data(as_text=True)
        concerned = actor in ("requester", "org_admin")
        assert ("Weekend Tajik school in Lyon" in mine) == concerned


def test_staff_without_two_factor_are_sent_to_set_it_up(client, auth, make_user, people):
    staff = make_user(email="new-staff@example.org", role=Role.STAFF)
    staff.totp_enabled_at = staff.totp_secret = None
    db.session.commit()
    auth.login_as(staff)
    before = _state()
    response = client.post(f"/help-to-open/staff/requests/{people['ids']['open']}/status",
                           data={"status": "in_review", "expected": "received",
                                 "message": "x", "client_token": "table-token-9"})
    assert response.status_code == 302 and "two-factor" in response.headers["Location"]
    assert _state() == before

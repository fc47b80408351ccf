"""Authorization as a table: every state-changing event route, tried by each kind of actor;
a refused actor changes nothing. Events in review are 404 to those who may not see them.

Actors: anonymous; member (signed in, no part in the event); owner (owner of the
organising organisation); staff; admin. Outcomes: "login", 403, 404, "ok" (the action ran).
"""

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.community.events import registration
from diaspora_platform.community.events.models import Event, EventMessage, Registration
from diaspora_platform.extensions import db
from tests.authz import cells, changing_rules, check_outcome, check_row
from tests.events.conftest import form_post

pytestmark = [pytest.mark.outbox_only, pytest.mark.any_database]

ACTORS = ("anonymous", "member", "owner", "staff", "admin")
SIGNED_IN = {"anonymous": "login", "member": "ok", "owner": "ok", "staff": "ok", "admin": "ok"}
ORGANISER = {"anonymous": "login", "member": 403, "owner": "ok", "staff": 403, "admin": 403}

# rule -> (url, form data that makes the action run for someone allowed)
SCENARIOS = {
    "/events/new": ("/events/new", {**form_post(title="Table event"), "organisation": "{org}"}),
    "/events/<int:event_id>/edit": ("/events/{open}/edit", {
        **form_post(title="Navruz in Paris, renamed"), "organisation": "{org}"}),
    "/events/<int:event_id>/cancel": ("/events/{open}/cancel", {"reason": "The hall closed."}),
    "/events/<int:event_id>/message": ("/events/{held}/message", {"body": "See you soon."}),
    "/events/<int:event_id>/register": ("/events/{open}/register", {}),
    "/events/<int:event_id>/unregister": ("/events/{held}/unregister", {}),
}

READS = {
    "/events/{pending}": {"anonymous": 404, "member": 404, "owner": "ok", "staff": "ok",
                          "admin": "ok"},
    "/events/{open}/attendees": ORGANISER,
    "/events/{open}/attendees.csv": ORGANISER,
    "/events/{open}/edit": ORGANISER,
    "/events/{open}": {actor: "ok" for actor in ACTORS},
}


def test_every_state_changing_event_route_is_in_the_table(app):
    changing = changing_rules(app, "events.")
    assert changing == set(SCENARIOS), "add new state-changing routes to SCENARIOS"


@pytest.fixture
def people(make_user, make_org, make_event):
    people = {
        "owner": make_user(email="owner@example.org"),
        "member": make_user(email="member@example.org"),
        "staff": make_user(email="staff@example.org", role=Role.STAFF),
        "admin": make_user(email="admin@example.org", role=Role.ADMIN),
    }
    org = make_org(owner=people["owner"])
    open_event = make_event(org=org, capacity=10)
    held = make_event(org=org, capacity=10)
    for actor in ("member", "owner", "staff", "admin"):
        registration.register(people[actor], held)
    pending = make_event(org=org, approved=False)
    people["ids"] = {"org": org.id, "open": open_event.id, "held": held.id,
                     "pending": pending.id}
    return people


def _state():
    db.session.expire_all()
    events = db.session.execute(sa.select(Event.id, Event.title, Event.cancelled_at,
                                          Event.confirmed_count).order_by(Event.id)).all()
    regs = db.session.execute(sa.select(Registration.id, Registration.status)
                              .order_by(Registration.id)).all()
    messages = db.session.scalar(sa.select(sa.func.count(EventMessage.id)))
    return events, regs, messages


@pytest.mark.parametrize(("rule", "actor"), cells(SCENARIOS, ACTORS))
def test_route_answers_each_actor_as_its_check_says(client, auth, people, make_user, rule,
                                                  actor):
    check_row(client, auth, people, rule, SCENARIOS[rule], actor, _state,
              make_user=make_user)


@pytest.mark.parametrize("url", sorted(READS))
@pytest.mark.parametrize("actor", ACTORS)
def test_pages_answer_each_actor_as_the_table_says(client, auth, people, url, actor):
    if actor != "anonymous":
        auth.login_as(people[actor])
    response = client.get(url.format(**people["ids"]))
    outcome = READS[url][actor]
    if outcome == 404 and actor == "anonymous":
        assert response.status_code == 404
    else:
        check_outcome(response, outcome)

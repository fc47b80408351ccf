"""Authorization as a table: every state-changing project and offer route, tried by each
kind of actor. A refused actor changes nothing; another member's offer is a 404 (offer
numbers cannot be probed); the project's owner cannot offer on it, the expert cannot
answer their own offer, and staff do not manage organisations' projects (they moderate).

Actors: anonymous; member (signed in, no part in it, no expert profile); owner (owner of
the publishing organisation); expert (has a profile and a pending offer on the project);
staff; admin. Outcomes: "login", 403, 404, "ok" (the action ran and changed something).
"""

import io

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.extensions import db
from diaspora_platform.projects import documents, updates
from diaspora_platform.projects.models import (
    Offer,
    Project,
    ProjectDocument,
    ProjectFollower,
    ProjectUpdate,
)
from tests.authz import cells, changing_rules, check_outcome, check_row
from tests.competitions.conftest import PDF
from tests.experts.helpers import make_profile
from tests.projects.conftest import offer_data, project_form

pytestmark = [pytest.mark.outbox_only, pytest.mark.any_database]

ACTORS = ("anonymous", "member", "owner", "expert", "staff", "admin")
SIGNED_IN = {"anonymous": "login", "member": "ok", "owner": "ok", "expert": "ok",
             "staff": "ok", "admin": "ok"}
# Publishing for the owner's organisation (staff publish only as the Council).
PUBLISHERS = {"anonymous": "login", "member": 403, "owner": "ok", "expert": 403,
              "staff": 403, "admin": 403}
MANAGER = {"anonymous": "login", "member": 403, "owner": "ok", "expert": 403,
           "staff": 403, "admin": 403}
# Offering: needs an expert profile, and never on one's own project.
OFFERING = {"anonymous": "login", "member": 403, "owner": 403, "expert": "ok",
            "staff": 403, "admin": 403}
ANSWER = {"anonymous": "login", "member": 404, "owner": "ok", "expert": 403,
          "staff": 404, "admin": 404}
WITHDRAW = {"anonymous": "login", "member": 404, "owner": 403, "expert": "ok",
            "staff": 404, "admin": 404}

OFFER = offer_data(skills=["project_finance"])

# rule -> (url, form data that makes the action run for someone allowed)
SCENARIOS = {
    "/projects/new": ("/projects/new", project_form(organisation="{org}")),
    "/projects/<int:project_id>/edit": (
        "/projects/{project}/edit", project_form(title="Drip irrigation, phase two")),
    "/projects/<int:project_id>/close": ("/projects/{project}/close", {}),
    "/projects/<int:project_id>/reopen": ("/projects/{closed}/reopen", {}),
    "/projects/<int:project_id>/updates": (
        "/projects/{project}/updates", {"title": "Survey done", "body": "All 120 ha."}),
    "/projects/<int:project_id>/updates/<int:update_id>/delete": (
        "/projects/{project}/updates/{update}/delete", {}),
    "/projects/<int:project_id>/documents": ("/projects/{project}/documents",
                                             {"title": "Feasibility study"}),
    "/projects/<int:project_id>/documents/<int:document_id>/remove": (
        "/projects/{project}/documents/{document}/remove", {}),
    "/projects/<int:project_id>/follow": ("/projects/{project}/follow", {}),
    "/projects/<int:project_id>/unfollow": ("/projects/{followed}/unfollow", {}),
    "/projects/<int:project_id>/offer": ("/projects/{other}/offer", OFFER),
    "/projects/offers/<int:offer_id>/accept": ("/projects/offers/{offer}/accept", {}),
    "/projects/offers/<int:offer_id>/decline": (
        "/projects/offers/{offer}/decline", {"reason": "We found a local engineer."}),
    "/projects/offers/<int:offer_id>/withdraw": ("/projects/offers/{offer}/withdraw", {}),
}

PRIVATE = {"anonymous": 404, "member": 404, "owner": "ok", "expert": 404, "staff": "ok",
           "admin": "ok"}
PARTIES = {"anonymous": "login", "member": 404, "owner": "ok", "expert": "ok",
           "staff": 404, "admin": 404}
OWNER_PAGE = {**MANAGER}
READS = {
    "/projects/{pending}": PRIVATE,
    "/projects/offers/{offer}": PARTIES,
    "/projects/{project}/offers": OWNER_PAGE,
    "/projects/{project}/offer": {"anonymous": "login", "member": "ok", "owner": "ok",
                                  "expert": "ok", "staff": "ok", "admin": "ok"},
}


def test_every_state_changing_project_route_is_in_the_table(app):
    changing = changing_rules(app, "projects.")
    assert changing == set(SCENARIOS), "add new state-changing routes to SCENARIOS"


@pytest.fixture
def people(make_user, make_org, make_project, make_expert, make_offer, staff):
    people = {
        "owner": make_user(email="owner@example.org", display_name="Owner"),
        "member": make_user(email="member@example.org"),
        "expert": make_expert(email="expert@example.org", display_name="Expert"),
        "staff": staff,
        "admin": make_user(email="admin@example.org", role=Role.ADMIN),
    }
    org = make_org(owner=people["owner"], name="Orchards of Vose")
    project = make_project(owner=people["owner"], org=org)
    other = make_project(owner=people["owner"], org=org, title="Cold store in Vose")
    closed = make_project(owner=people["owner"], org=org, title="Closed one")
    pending = make_project(owner=people["owner"], org=org, approved=False, title="Pending")
    closed.closed_at = closed.reviewed_at
    db.session.commit()
    offer = make_offer(people["expert"], project)
    update = updates.post_update(people["owner"], project, {"title": "Started"})
    document = documents.add_document(people["owner"], project, _upload(), "Plan")
    for name in ("member", "owner", "expert", "staff", "admin"):
        updates.follow(people[name], other)
    people["ids"] = {"org": org.id, "project": project.id, "other": other.id,
                     "closed": closed.id, "pending": pending.id, "offer": offer.id,
                     "update": update.id, "document": document.id, "followed": other.id}
    return people


def _upload():
    from werkzeug.datastructures import FileStorage

    return FileStorage(io.BytesIO(PDF), "plan.pdf", content_type="application/pdf")


def _state():
    db.session.expire_all()
    projects = db.session.execute(sa.select(
        Project.id, Project.title, Project.status, Project.closed_at).order_by(Project.id)).all()
    offers = db.session.execute(sa.select(Offer.id, Offer.status).order_by(Offer.id)).all()
    counts = [db.session.scalar(sa.select(sa.func.count()).select_from(model))
              for model in (ProjectUpdate, ProjectDocument, ProjectFollower)]
    return projects, offers, counts


@pytest.mark.parametrize(("rule", "actor"), cells(SCENARIOS, ACTORS))
def test_route_answers_each_actor_as_its_check_says(client, auth, people, make_user, rule,
                                                  actor):
    files = ((lambda: {"file": (io.BytesIO(PDF), "study.pdf")})
             if rule == "/projects/<int:project_id>/documents" else None)
    check_row(client, auth, people, rule, SCENARIOS[rule], actor, _state,
              make_user=make_user, files=files)


@pytest.mark.parametrize("url", sorted(READS))
@pytest.mark.parametrize("actor", ACTORS)
def test_pages_show_projects_and_offers_only_to_those_concerned(client, auth, people, url,
                                                                actor):
    if actor != "anonymous":
        auth.login_as(people[actor])
    response = client.get(url.format(**people["ids"]))
    check_outcome(response, READS[url][actor])


def test_staff_with_an_expert_profile_still_cannot_answer_an_organisations_offers(
        client, auth, people):
    make_profile(people["staff"], skills=("project_finance",))
    auth.login_as(people["staff"])
    before = _state()
    response = client.post(f"/projects/offers/{people['ids']['offer']}/accept")
    assert response.status_code == 404
    assert _state() == before


def test_a_pending_offer_on_the_council_s_own_project_is_answered_by_staff(
        client, auth, people, make_expert):
    from diaspora_platform.moderation import services as moderation
    from diaspora_platform.projects import offers, services
    from tests.projects.conftest import project_data

    council = services.create_project(people["staff"], None, project_data(title="Council"))
    moderation.decide(people["admin"], council, "approve")
    offer = offers.make_offer(people["expert"], council, offer_data())
    auth.login_as(people["admin"])
    assert client.post(f"/projects/offers/{offer.id}/accept").status_code == 302
    db.session.expire_all()
    assert db.session.get(Offer, offer.id).status == "accepted"

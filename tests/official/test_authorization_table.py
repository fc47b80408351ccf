"""Authorization as a table: every state-changing route of the official network, tried by
each kind of actor; a refused actor changes nothing.

Actors: anonymous; member (signed in, no role here); owner (owner of the organisation that
declares help); staff; admin; office (an account of the office acted on, which keeps its
own office's entry). Outcomes: "login", 403, "ok" (the action ran).
"""

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.audit import AuditEntry
from diaspora_platform.extensions import db
from diaspora_platform.official import services
from diaspora_platform.official.accounts import grant_office_account
from diaspora_platform.official.models import OfficialBody, OrganisationHelp
from tests.authz import changing_rules, pages_test, route_test
from tests.official.conftest import office_form

pytestmark = [pytest.mark.outbox_only, pytest.mark.any_database]

READERS = ("anonymous", "member", "owner", "staff", "admin")
ACTORS = (*READERS, "office")  # office: an account of the office acted on
STAFF = {"anonymous": "login", "member": 403, "owner": 403, "staff": "ok", "admin": "ok"}
ORG_EDITOR = {"anonymous": "login", "member": 403, "owner": "ok", "staff": 403, "admin": 403}

# rule -> (url, form data that makes the action run for someone allowed)
SCENARIOS = {
    "/official/new": ("/official/new", office_form(name_en="New office")),
    "/official/<int:office_id>/edit": ("/official/{office}/edit",
                                       office_form(city="Kazan")),
    "/official/<int:office_id>/archive": ("/official/{office}/archive", {}),
    "/official/<int:office_id>/checked": ("/official/{office}/checked", {}),
    "/official/help/<int:help_id>/verify": ("/official/help/{help}/verify", {}),
    "/organisations/<int:org_id>/help": ("/organisations/{org}/help",
                                         {"kinds": ["legal", "families"]}),
}


def test_every_state_changing_official_route_is_in_the_table(app):
    # the office accounts' routes are tried by the offices too: tests/helpdesk
    accounts = changing_rules(app, "official.accounts", "official.revoke_account")
    assert changing_rules(app, "official.") - accounts == set(SCENARIOS), \
        "add new routes to SCENARIOS"


@pytest.fixture
def people(make_user, make_org, make_office, staff):
    people = {"owner": make_user(email="owner@example.org"),
              "member": make_user(email="member@example.org"), "staff": staff,
              "admin": make_user(email="admin@example.org", role=Role.ADMIN),
              "office": make_user(email="clerk@example.org", two_factor=True)}
    org = make_org(owner=people["owner"])
    services.declare_help(people["owner"], org, ["legal"])
    office = make_office()
    grant_office_account(staff, office, people["office"].email)
    people["ids"] = {"office": office.id, "org": org.id,
                     "help": services.declared_help(org)[0].id}
    return people


def _state():
    db.session.expire_all()
    return (db.session.execute(sa.select(OfficialBody.id, OfficialBody.city,
                                         OfficialBody.archived_at)).all(),
            db.session.execute(sa.select(OrganisationHelp.kind, OrganisationHelp.verified_at)
                               .order_by(OrganisationHelp.kind)).all(),
            db.session.scalar(sa.select(sa.func.count(AuditEntry.id))))


test_route_answers_each_actor_as_its_check_says = route_test(SCENARIOS, ACTORS, _state)

READS = {"/official/manage": STAFF, "/official/new": STAFF, "/official/{office}/edit": STAFF,
         "/official/{office}/archive": STAFF, "/organisations/{org}/help": ORG_EDITOR}

test_staff_and_editor_pages_open_only_for_them = pages_test(READS, READERS)


def test_the_organisation_page_shows_only_verified_help(client, people):
    page = client.get(f"/organisations/{people['ids']['org']}").get_data(as_text=True)
    assert "Legal advice" not in page
    services.verify_help(people["staff"], db.session.get(OrganisationHelp,
                                                         people["ids"]["help"]))
    page = client.get(f"/organisations/{people['ids']['org']}").get_data(as_text=True)
    assert "✓ Legal advice" in page

"""Authorization generated from the declared checks for every state-changing route of help
requests and of the official bodies' accounts. A request routed to an office and handed to
a partner: its office and the partner may act; Council staff not assigned, another
office's staff and a member get 404 (they never learn it exists). An allowed actor passes
only if the action's effect is seen; a refused one changes nothing.

Actors: anonymous; member; other_office (an account of an office the request is not
routed to); office (an account of the office it is routed to); staff; partner (owner of
the organisation it was handed to); admin; and, where staff may act, unenrolled_staff."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.extensions import db
from diaspora_platform.helpdesk import handling
from diaspora_platform.helpdesk.models import HelpMessage, HelpRequest
from diaspora_platform.official import services as official
from diaspora_platform.official.models import OfficeAccount, OrganisationHelp
from tests.authz import changing_rules, pages_test, route_test

pytestmark = [pytest.mark.outbox_only, pytest.mark.any_database]

ACTORS = ("anonymous", "member", "other_office", "office", "staff", "partner", "admin")
# Reading answers as acting does (see diaspora_platform/helpdesk/authz.py).
ROUTED = {"anonymous": "login", "member": 404, "other_office": 404, "office": "ok",
          "staff": 404, "partner": "ok", "admin": 404}
COUNCIL_QUEUE = {"anonymous": "login", "member": 404, "other_office": 404, "office": 404,
                 "staff": "ok", "partner": 404, "admin": "ok"}
STAFF = {"anonymous": "login", "member": 403, "other_office": 403, "office": 403,
         "staff": "ok", "partner": 403, "admin": "ok"}

# rule -> (url, form data that makes the action run for someone allowed). The office
# accounts' routes are here, not in tests/official, so the offices and the partner are
# tried on them too.
SCENARIOS = {
    "/help-abroad/request": ("/help-abroad/request", {
        "filed_as": "self", "category": "documents", "country": "RU", "name": "Ali",
        "phone": "+992 93 000 0000", "story": "Паспортамро гирифтанд.",
        "client_token": "{token}"}),
    "/help-request/<secret>": ("/help-request/{secret}", {"body": "Ташаккур."}),
    "/helpdesk/<int:request_id>/answer": ("/helpdesk/{routed}/answer",
                                          {"body": "Занг занед."}),
    "/helpdesk/<int:request_id>/status": ("/helpdesk/{routed}/status",
                                          {"status": "waiting"}),
    "/helpdesk/<int:request_id>/hand-off": ("/helpdesk/{routed}/hand-off",
                                            {"organisation_id": "{partner2}"}),
    "/helpdesk/<int:request_id>/take": ("/helpdesk/{council}/take", {}),
    "/official/<int:office_id>/accounts": ("/official/{office}/accounts",
                                           {"email": "newcomer@example.org"}),
    "/official/accounts/<int:account_id>/revoke": ("/official/accounts/{account}/revoke",
                                                   {}),
}


def test_every_state_changing_route_is_in_the_table(app):
    assert changing_rules(app, "helpdesk.", "official.accounts",
                          "official.revoke_account") == set(SCENARIOS)


@pytest.fixture
def people(world, make_user, make_org, file_request, staff):
    make_user(email="newcomer@example.org")
    routed, secret, _created = file_request()
    handling.hand_off(world.officer, routed, world.partner.id)
    council = file_request(country="DE", city="Berlin")[0]
    owner2 = make_user()
    partner2 = make_org(owner=owner2)
    official.declare_help(owner2, partner2, ["legal"])
    official.verify_help(staff, db.session.scalars(sa.select(OrganisationHelp).where(
        OrganisationHelp.organisation_id == partner2.id)).one())
    return {"member": world.member, "other_office": world.other_officer,
            "office": world.officer, "staff": staff, "partner": world.partner_owner,
            "admin": make_user(email="admin@example.org", role=Role.ADMIN),
            "ids": {"routed": routed.id, "council": council.id, "secret": secret,
                    "office": world.moscow.id, "partner2": partner2.id,
                    "token": "t" * 20 + str(id(routed)),
                    "account": db.session.scalar(sa.select(OfficeAccount.id).where(
                        OfficeAccount.office_id == world.astana.id))}}


def _state():
    db.session.expire_all()
    return (db.session.execute(sa.select(HelpRequest.id, HelpRequest.status,
                                         HelpRequest.partner_id, HelpRequest.assigned_id)
                               .order_by(HelpRequest.id)).all(),
            db.session.scalar(sa.select(sa.func.count(HelpMessage.id))),
            db.session.execute(sa.select(OfficeAccount.user_id).order_by(
                OfficeAccount.user_id)).all())


test_route_answers_each_actor_as_its_check_says = route_test(SCENARIOS, ACTORS, _state)

READS = {"/helpdesk/{routed}": ROUTED, "/helpdesk/{council}": COUNCIL_QUEUE,
         "/official/{office}/accounts": STAFF}

test_a_request_opens_only_for_those_it_concerns = pages_test(READS, ACTORS)

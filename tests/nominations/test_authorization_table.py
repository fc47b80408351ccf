"""Authorization generated from the declared checks for every state-changing route of
nominations. A nomination by an organisation's owner of a person living in Russia, routed
to the embassy in Moscow: the owner may send its link again; the embassy in Moscow
endorses; the embassy in Kazakhstan, Council staff and other members get 404 (they never
learn it exists). Anyone holding the consent link answers through it. An allowed actor
passes only if the action's effect is seen; a refused one changes nothing.

Actors: anonymous; member; owner (owner of the nominating organisation); office (an
account of the embassy the nomination is routed to); foreign_office (an account of the
embassy in Kazakhstan); staff; admin; and, where staff may act, unenrolled_staff. The
owner may withdraw the nomination (the others get 404); staff may send it to the embassy
in Kazakhstan."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.models import AnonymousUser
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.extensions import db
from diaspora_platform.nominations import services
from diaspora_platform.nominations.models import Nomination
from tests.authz import changing_rules, check_outcome, route_test
from tests.nominations.conftest import STATEMENT

pytestmark = [pytest.mark.outbox_only, pytest.mark.any_database]

ACTORS = ("anonymous", "member", "owner", "office", "foreign_office", "staff", "admin")

SCENARIOS = {
    "/nominations/<key>/<int:year>/new": ("/nominations/best-scientist/2026/new", {
        "client_token": "n" * 24, "name": "Зарина Раҳимова", "email": "zarina@example.org",
        "country": "RU", "language": "tg", "statement": STATEMENT}),
    "/nominations/consent/<secret>": ("/nominations/consent/{secret}", {"decision": "yes"}),
    "/nominations/<int:nomination_id>/resend": ("/nominations/{pending}/resend", {}),
    "/nominations/office/<int:nomination_id>": ("/nominations/office/{consented}", {
        "decision": "endorse", "note": "Известный учёный."}),
    "/nominations/<int:nomination_id>/withdraw": ("/nominations/{consented}/withdraw", {}),
    "/nominations/<int:nomination_id>/route": ("/nominations/{consented}/route",
                                               {"office_id": "{astana}"}),
}


def test_every_state_changing_route_is_in_the_table(app):
    assert changing_rules(app, "nominations.") == set(SCENARIOS)


@pytest.fixture
def people(world, nominate, make_user):
    pending, secret = nominate()
    consented, _other = nominate(email="consented@example.org", name="Фарид Саидов")
    services.answer_nomination(AnonymousUser(), consented, True)
    return {"member": world.member, "owner": world.owner, "office": world.officer,
            "foreign_office": world.other_officer, "staff": world.staff,
            "admin": make_user(email="admin@example.org", role=Role.ADMIN),
            "ids": {"pending": pending.id, "consented": consented.id, "secret": secret,
                    "astana": world.astana.id}}


def _state():
    db.session.expire_all()
    return db.session.execute(sa.select(
        Nomination.id, Nomination.consent, Nomination.consent_hash, Nomination.endorsement,
        Nomination.entry_id, Nomination.withdrawn_at, Nomination.office_id)
        .order_by(Nomination.id)).all()


test_route_answers_each_actor_as_its_check_says = route_test(SCENARIOS, ACTORS, _state)

OFFICE_ONLY = {"anonymous": "login", "member": 404, "owner": 404, "office": "ok",
               "foreign_office": 404, "staff": 404, "admin": 404}
STAFF = {"anonymous": "login", "member": 403, "owner": 403, "office": 403,
         "foreign_office": 403, "staff": "ok", "admin": "ok"}
NOMINATOR = {"anonymous": "login", "member": 404, "owner": "ok", "office": 404,
             "foreign_office": 404, "staff": 404, "admin": 404}
READS = {"/nominations/office/{consented}": OFFICE_ONLY,
         "/nominations/edition/{edition}": STAFF,
         "/nominations/{consented}/withdraw": NOMINATOR,
         "/nominations/{consented}/route": STAFF}


@pytest.mark.parametrize("url", sorted(READS))
@pytest.mark.parametrize("actor", ACTORS)
def test_a_nomination_opens_only_for_those_it_concerns(client, auth, people, world, url,
                                                       actor):
    if actor != "anonymous":
        auth.login_as(people[actor])
    ids = {**people["ids"], "edition": world.edition.id}
    check_outcome(client.get(url.format(**ids)), READS[url][actor])

"""Authorization as a table: every state-changing route of the expert roster, tried by
each kind of actor. The routes act on the signed-in member's own profile only (no profile
number in the URL, so there is nothing to probe): someone without a profile gets 404.

Actors: anonymous; member (signed in, no profile); expert (owner of a profile); staff;
admin. Outcomes: "login" (sent to sign in), 404, "ok" (the action ran).
"""

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.experts.models import ExpertProfile, ExpertSkill
from diaspora_platform.extensions import db
from tests.authz import cells, changing_rules, check_outcome, check_row
from tests.experts.helpers import make_profile

pytestmark = [pytest.mark.outbox_only, pytest.mark.any_database]

ACTORS = ("anonymous", "member", "expert", "staff", "admin")
SELF = {"anonymous": "login", "member": "ok", "expert": "ok", "staff": "ok", "admin": "ok"}
OWN_PROFILE = {"anonymous": "login", "member": 404, "expert": "ok", "staff": 404,
               "admin": 404}

PROFILE_FORM = {"headline": "Agronomist", "skills": ["agronomy"], "keywords": "",
                "sectors": ["agriculture"], "years_experience": "3", "languages": ["tg"],
                "hours_per_month": "10", "mode": "remote", "cv": "", "link": "",
                "visibility": "public"}

# rule -> (url, form data that makes the action run for someone allowed)
SCENARIOS = {
    "/experts/me": ("/experts/me", PROFILE_FORM),
    "/experts/me/delete": ("/experts/me/delete", {}),
    "/experts/dashboard/weekly-email": ("/experts/dashboard/weekly-email",
                                        {"weekly_email": "y"}),
}

# Reading: a members-only profile, and the own-profile pages.
READS = {
    "/experts/{members_only}": {"anonymous": 404, "member": "ok", "expert": "ok",
                                "staff": "ok", "admin": "ok"},
    "/experts/{owners_only}": {"anonymous": 404, "member": 404, "expert": "ok",
                               "staff": "ok", "admin": "ok"},
    "/experts/dashboard": SELF,
    "/experts/me": SELF,
}


def test_every_state_changing_experts_route_is_in_the_table(app):
    changing = changing_rules(app, "experts.")
    assert changing == set(SCENARIOS), "add new state-changing routes to SCENARIOS"


@pytest.fixture
def people(make_user):
    people = {
        "member": make_user(email="member@example.org"),
        "expert": make_user(email="expert@example.org"),
        "staff": make_user(email="staff@example.org", role=Role.STAFF),
        "admin": make_user(email="admin@example.org", role=Role.ADMIN),
    }
    mine = make_profile(people["expert"], visibility="members")
    other = make_profile(make_user(email="other@example.org"), visibility="project_owners")
    people["ids"] = {"members_only": mine.id, "owners_only": other.id}
    # the expert reads their own profile in the second READS row
    people["ids_for_expert"] = {"members_only": mine.id, "owners_only": mine.id}
    return people


def _state():
    db.session.expire_all()
    profiles = db.session.execute(sa.select(
        ExpertProfile.id, ExpertProfile.user_id, ExpertProfile.headline,
        ExpertProfile.weekly_email).order_by(ExpertProfile.id)).all()
    return profiles, db.session.scalar(sa.select(sa.func.count()).select_from(ExpertSkill))


@pytest.mark.parametrize(("rule", "actor"), cells(SCENARIOS, ACTORS))
def test_route_answers_each_actor_as_its_check_says(client, auth, people, make_user, rule,
                                                  actor):
    check_row(client, auth, people, rule, SCENARIOS[rule], actor, _state,
              make_user=make_user)


@pytest.mark.parametrize("url", sorted(READS))
@pytest.mark.parametrize("actor", ACTORS)
def test_pages_show_profiles_only_to_those_allowed(client, auth, people, url, actor):
    if actor != "anonymous":
        auth.login_as(people[actor])
    ids = people["ids_for_expert"] if actor == "expert" else people["ids"]
    check_outcome(client.get(url.format(**ids)), READS[url][actor])

"""Authorization as a table: every state-changing route, tried by each kind of actor.

Actors: anonymous, member (a signed-in member who is not the target's owner), owner (the
member whose account or object the route changes), staff and admin (two-factor passed),
unenrolled_staff (staff role, signed in with the password alone: a member's rights).
Outcomes: "login" (sent to sign in, nothing changed), 403, "enrol" (sent to set up
two-factor), "ok" (the action ran or its form answered). A route that
changes state and is missing here (and from the domain tables beside their tests:
tests/<domain>/test_authorization_table.py) fails
`test_every_state_changing_route_is_in_the_table`.
"""

import importlib
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from diaspora_platform.accounts.models import Role, User
from diaspora_platform.database import ModerationStatus
from diaspora_platform.directory import queries
from diaspora_platform.directory import services as places
from diaspora_platform.extensions import db
from diaspora_platform.organisations import membership
from tests.authz import changing_rules, check_outcome
from tests.fixtures_organisations import png_bytes
from tests.fixtures_places import place_data

pytestmark = pytest.mark.outbox_only

PUBLIC = {"anonymous": "ok", "member": "ok", "owner": "ok", "staff": "ok", "admin": "ok"}
SELF = {"anonymous": "login", "member": "ok", "owner": "ok", "staff": "ok", "admin": "ok"}
ADMIN = {"anonymous": "login", "member": 403, "owner": 403, "staff": 403, "admin": "ok"}
# Staff who have not passed the second factor get a member's answer (the column is left out
# where it is a member's), except that staff pages send them to set two-factor up.
STAFF = {"anonymous": "login", "member": 403, "owner": 403, "staff": "ok", "admin": "ok",
         "unenrolled_staff": "enrol"}
ORG_MANAGER = {"anonymous": "login", "member": 403, "owner": "ok", "staff": 403, "admin": 403}
# A private object: others get 404 (its existence is not revealed); staff may read it.
ENTRANT = {"anonymous": "login", "member": 404, "owner": "ok", "staff": 403, "admin": 403}
JUDGE = {"anonymous": "login", "member": 404, "owner": "ok", "staff": 404, "admin": 404}

# rule -> (url, form data, expected outcome per actor)
TABLE = {
    "/account/register": ("/account/register", {}, PUBLIC),
    "/account/login": ("/account/login", {}, PUBLIC),
    "/account/login/code": ("/account/login/code", {}, PUBLIC),
    "/account/reset": ("/account/reset", {}, PUBLIC),
    "/account/reset/<token>": ("/account/reset/bad-token", {}, PUBLIC),
    "/language": ("/language", {"language": "en"}, PUBLIC),
    "/account/confirm/resend": ("/account/confirm/resend", {}, SELF),
    "/account/logout": ("/account/logout", {}, SELF),
    "/account/": ("/account/", {}, SELF),
    "/account/password": ("/account/password", {}, SELF),
    "/account/email": ("/account/email", {}, SELF),
    "/account/two-factor": ("/account/two-factor", {}, SELF),
    "/account/two-factor/recovery-codes": ("/account/two-factor/recovery-codes", {}, SELF),
    "/account/two-factor/disable": ("/account/two-factor/disable", {}, SELF),
    "/account/delete": ("/account/delete", {}, SELF),
    "/admin/users/<int:user_id>/grant-staff": ("/admin/users/{target}/grant-staff", {}, ADMIN),
    "/admin/users/<int:user_id>/revoke-staff": ("/admin/users/{target}/revoke-staff", {},
                                                ADMIN),
    "/admin/public-name": ("/admin/public-name", {"named": "1"}, STAFF),
    "/notifications/read": ("/notifications/read", {}, SELF),
    "/organisations/new": ("/organisations/new", {}, SELF),
    "/organisations/<int:org_id>/edit": ("/organisations/{org}/edit", {}, ORG_MANAGER),
    "/organisations/<int:org_id>/join": ("/organisations/{org}/join", {}, SELF),
    "/organisations/<int:org_id>/leave": ("/organisations/{org}/leave", {}, SELF),
    "/organisations/<int:org_id>/invite": ("/organisations/{org}/invite",
                                           {"email": "new@example.org", "role": "member"},
                                           ORG_MANAGER),
    "/organisations/<int:org_id>/members/<int:membership_id>/accept": (
        "/organisations/{org}/members/{request}/accept", {"role": "member"}, ORG_MANAGER),
    "/organisations/<int:org_id>/members/<int:membership_id>/decline": (
        "/organisations/{org}/members/{request}/decline", {"reason": "No."}, ORG_MANAGER),
    "/organisations/<int:org_id>/members/<int:membership_id>/role": (
        "/organisations/{org}/members/{colleague}/role", {"role": "editor"}, ORG_MANAGER),
    "/organisations/<int:org_id>/members/<int:membership_id>/remove": (
        "/organisations/{org}/members/{colleague}/remove", {}, ORG_MANAGER),
    "/organisations/<int:org_id>/members/<int:membership_id>/transfer": (
        "/organisations/{org}/members/{colleague}/transfer", {}, ORG_MANAGER),
    "/organisations/invitations/<token>": ("/organisations/invitations/bad", {}, SELF),
    "/moderation/<type_key>/<int:item_id>/decide": (
        "/moderation/organisation/{pending}/decide", {"decision": "approve"}, STAFF),
    "/moderation/<type_key>/<int:item_id>/claim": (
        "/moderation/organisation/{pending}/claim", {}, STAFF),
    "/moderation/bulk": ("/moderation/bulk", {"decision": "approve",
                                              "items": "organisation:{pending}"}, STAFF),
    "/moderation/<type_key>/<int:item_id>/reports/dismiss": (
        "/moderation/organisation/{org}/reports/dismiss", {}, STAFF),
    "/moderation/<type_key>/<int:item_id>/reports/uphold": (
        "/moderation/organisation/{org}/reports/uphold", {"reason": "spam"}, STAFF),
    "/moderation/<type_key>/<int:item_id>/report": (
        "/moderation/organisation/{org}/report", {"reason": "spam"}, SELF),
    "/directory/new": ("/directory/new", {}, SELF),
    "/directory/<int:place_id>/edit": ("/directory/{place}/edit", {}, ORG_MANAGER),
    "/directory/<int:place_id>/operating": ("/directory/{place}/operating",
                                            {"operating": "temporarily_closed"}, ORG_MANAGER),
    "/directory/<int:place_id>/photos": ("/directory/{place}/photos", {}, ORG_MANAGER),
    "/directory/<int:place_id>/photos/<int:photo_id>/remove": (
        "/directory/{place}/photos/{photo}/remove", {}, ORG_MANAGER),
    "/directory/<int:place_id>/delete": ("/directory/{place}/delete", {}, ORG_MANAGER),
    "/competitions/<key>/<int:year>/enter": ("/competitions/best-scientist/2026/enter", {},
                                             SELF),
    "/competitions/entries/<int:entry_id>/edit": ("/competitions/entries/{entry}/edit", {},
                                                  ENTRANT),
    "/competitions/entries/<int:entry_id>/submit": ("/competitions/entries/{entry}/submit",
                                                    {}, ENTRANT),
    "/competitions/entries/<int:entry_id>/withdraw": (
        "/competitions/entries/{entry}/withdraw", {}, ENTRANT),
    "/competitions/entries/<int:entry_id>/files": ("/competitions/entries/{entry}/files", {},
                                                   ENTRANT),
    "/competitions/entries/<int:entry_id>/files/<int:file_id>/remove": (
        "/competitions/entries/{entry}/files/1/remove", {}, ENTRANT),
    "/competitions/judging/assignments/<int:assignment_id>/declare": (
        "/competitions/judging/assignments/{assignment}/declare", {}, JUDGE),
    "/competitions/judging/assignments/<int:assignment_id>/recuse": (
        "/competitions/judging/assignments/{assignment}/recuse", {"reason": "Friends"},
        JUDGE),
    "/competitions/judging/assignments/<int:assignment_id>/scores": (
        "/competitions/judging/assignments/{assignment}/scores", {"action": "save"}, JUDGE),
    "/competitions/manage/new/<key>": ("/competitions/manage/new/best-school", {}, STAFF),
    "/competitions/manage/<int:edition_id>/edit": ("/competitions/manage/{edition}/edit", {},
                                                   STAFF),
    "/competitions/manage/<int:edition_id>/transition": (
        "/competitions/manage/{edition}/transition", {"to_state": "closed"}, STAFF),
    "/competitions/manage/<int:edition_id>/judges": (
        "/competitions/manage/{edition}/judges", {"email": "member@example.org"}, STAFF),
    "/competitions/manage/<int:edition_id>/judges/<int:judge_id>/remove": (
        "/competitions/manage/{edition}/judges/{judge}/remove", {}, STAFF),
    "/competitions/manage/<int:edition_id>/assign": ("/competitions/manage/{judging}/assign",
                                                     {}, STAFF),
    "/competitions/manage/<int:edition_id>/remind": ("/competitions/manage/{judging}/remind",
                                                     {}, STAFF),
    "/competitions/manage/<int:edition_id>/commendations": (
        "/competitions/manage/{judging}/commendations", {}, STAFF),
}
ACTORS = ("anonymous", "member", "owner", "staff", "admin", "unenrolled_staff")


def domain_tables() -> dict[str, dict]:
    """The authorization tables that domains with their own actors keep beside their tests
    (`tests/<domain>/test_authorization_table.py`, each with a TABLE of the same shape)."""
    tables = {}
    for path in sorted(Path(__file__).parents[1].glob("*/test_authorization_table.py")):
        if path.parent.name == "core":
            continue
        module = importlib.import_module(f"tests.{path.parent.name}.test_authorization_table")
        tables[path.parent.name] = module.TABLE
    return tables


def test_every_state_changing_route_is_in_the_table(app):
    changing = changing_rules(app)
    covered = set(TABLE).union(*domain_tables().values())
    assert not changing - covered, "add these state-changing routes to an authorization table"
    assert not covered - changing, "these table rows name routes that no longer exist"


@pytest.fixture
def people(make_user, make_org):
    people = {
        "owner": make_user(email="owner@example.org"),
        "member": make_user(email="member@example.org"),
        "staff": make_user(email="staff@example.org", role=Role.STAFF),
        "admin": make_user(email="admin@example.org", role=Role.ADMIN),
        "unenrolled_staff": make_user(email="new.staff@example.org", role=Role.STAFF),
    }
    # Granted staff, never enrolled two-factor: signs in with the password alone.
    people["unenrolled_staff"].totp_secret = people["unenrolled_staff"].totp_enabled_at = None
    org = make_org(owner=people["owner"])
    applicant, colleague = make_user(), make_user()
    request = membership.request_to_join(applicant, org, "Hello")
    joined = membership.request_to_join(colleague, org, None)
    membership.accept_request(people["owner"], joined, "member")
    place = places.create_place(people["owner"], org, place_data())
    places._add_photos(place, [FileStorage(io.BytesIO(png_bytes()), "a.png")])
    place.status = ModerationStatus.APPROVED
    db.session.commit()
    people["ids"] = {"target": people["owner"].id, "org": org.id, "request": request.id,
                     "place": place.id, "photo": queries.photos(place)[0].id,
                     "colleague": joined.id,
                     "pending": make_org(owner=applicant, approved=False, name="Other").id}
    return people


def competition_ids(people, make_user) -> dict:
    """An open edition with the owner's draft entry; an edition being judged in which the
    owner judges someone else's entry."""
    from diaspora_platform.competitions import catalogue, editions, entries, jury
    from diaspora_platform.competitions.models import Assignment, Competition
    from diaspora_platform.moderation import services as moderation
    from tests.competitions.conftest import close_now, edition_data

    db.session.execute(sa.insert(Competition), catalogue.rows())
    staff = people["staff"]
    by_key = {c.key: c for c in db.session.scalars(sa.select(Competition))}
    open_one = editions.save_edition(staff, by_key["best-scientist"],
                                     edition_data(questions=""))
    editions.transition(staff, open_one, "open")
    entry = entries.create_entry(people["owner"], open_one, f"user:{people['owner'].id}",
                                 {"title": "My research", "statement": "Text"})
    judged = editions.save_edition(staff, by_key["best-media-reporter"],
                                   edition_data(questions=""))
    editions.transition(staff, judged, "open")
    reporter = make_user()
    other = entries.create_entry(reporter, judged, f"user:{reporter.id}",
                                 {"title": "Reports", "statement": "Text"})
    entries.submit_entry(reporter, other)
    moderation.decide(staff, other, "approve")
    judge = jury.add_judge(staff, open_one, people["owner"].email)
    jury.add_judge(staff, judged, people["owner"].email)
    close_now(judged)
    editions.transition(staff, judged, "closed")
    editions.transition(staff, judged, "judging")
    assignment = db.session.scalar(sa.select(Assignment.id).where(
        Assignment.entry_id == other.id))
    return {"entry": entry.id, "edition": open_one.id, "judge": judge.id,
            "judging": judged.id, "assignment": assignment}


@pytest.mark.parametrize("rule", sorted(TABLE))
@pytest.mark.parametrize("actor", ACTORS)
def test_route_answers_each_actor_as_the_table_says(client, auth, people, make_user, rule,
                                                   actor):
    url, data, expected = TABLE[rule]
    if rule.startswith("/competitions/"):  # only these need editions, entries and a jury
        people["ids"].update(competition_ids(people, make_user))
    if actor != "anonymous":
        auth.login_as(people[actor])
    ids = people["ids"]
    data = {key: value.format(**ids) for key, value in data.items()}
    response = client.post(url.format(**ids), data=data)
    check_outcome(response, expected.get(actor, expected["member"]))


@pytest.mark.parametrize("actor", ["anonymous", "member", "owner", "staff"])
def test_only_admins_change_roles(client, auth, people, actor):
    if actor != "anonymous":
        auth.login_as(people[actor])
    client.post(f"/admin/users/{people['owner'].id}/grant-staff")
    client.post(f"/admin/users/{people['staff'].id}/revoke-staff")
    assert db.session.get(User, people["owner"].id).role == "member"
    assert db.session.get(User, people["staff"].id).role == "staff"


def test_profile_post_changes_only_the_signed_in_members_own_account(client, auth, people):
    auth.login_as(people["member"])
    client.post("/account/", data={"display_name": "Changed", "locale": "en",
                                   "vis_country": "public", "vis_city": "public",
                                   "vis_diaspora_status": "public",
                                   "vis_region_of_origin": "public",
                                   "user_id": people["owner"].id})
    assert db.session.get(User, people["owner"].id).display_name != "Changed"
    assert db.session.get(User, people["member"].id).display_name == "Changed"

"""Authorization generated from the declared checks: every state-changing route of the
core domains (accounts, admin, organisations, moderation, directory, competitions …), tried
by each kind of actor.

Actors: anonymous, member (a signed-in member who is not the target's owner), owner (the
member whose account or object the route changes), staff and admin (two-factor passed),
and, where a check lets staff act, unenrolled_staff (staff role, signed in with the
password alone). What each gets comes from the route's declared check
(diaspora_platform/authz.py and `<domain>/authz.py`); an allowed actor passes only if the
action changed a row or wrote a mail. Routes of domains with their own actors have their
scenarios beside their tests (tests/<domain>/test_authorization_table.py); a
state-changing route without a declared action or a scenario fails the two tests below.
"""

import importlib
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from diaspora_platform.accounts.models import Role, User
from diaspora_platform.accounts.tokens import make_token
from diaspora_platform.authz import check_for
from diaspora_platform.database import ModerationStatus
from diaspora_platform.directory import queries
from diaspora_platform.directory import services as places
from diaspora_platform.extensions import db
from diaspora_platform.organisations import membership
from tests.authz import CHANGING, cells, changing_rules, check_row
from tests.conftest import PASSWORD
from tests.fixtures_organisations import png_bytes
from tests.fixtures_places import place_data, place_form

pytestmark = pytest.mark.outbox_only

ALL_SIGNED_IN = ("member", "owner", "staff", "admin")
NEW_PASSWORD = "anor-kuh-dar-2027-shamol"


def signed_in(client):
    """Whether this client is signed in (what signing in and out change)."""
    return client.get("/account/").status_code


def page_language(client):
    """The language the pages are in (what the language switch changes)."""
    page = client.get("/", headers={"Accept-Language": ""}).get_data(as_text=True)
    return page[page.index("<html lang="):][:20]


# rule -> (url, form data that makes the action run for someone allowed)
SCENARIOS = {
    "/account/register": ("/account/register", {
        "email": "newcomer@example.org", "password": PASSWORD, "confirm": PASSWORD,
        "display_name": "Newcomer", "locale": "en"}),
    "/account/login": ("/account/login", {"email": "owner@example.org", "password": PASSWORD},
                       signed_in),
    "/account/login/code": ("/account/login/code", {}),
    "/account/reset": ("/account/reset", {"email": "owner@example.org"}),
    "/account/reset/<token>": ("/account/reset/{reset}",
                               {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}),
    "/language": ("/language", {"language": "ru"}, page_language),
    "/account/confirm/resend": ("/account/confirm/resend", {}),
    "/account/logout": ("/account/logout", {}, signed_in),
    "/account/": ("/account/", {"display_name": "Changed", "locale": "en",
                                "vis_country": "public", "vis_city": "public",
                                "vis_diaspora_status": "public",
                                "vis_region_of_origin": "public"}),
    "/account/password": ("/account/password", {"current": PASSWORD, "password": NEW_PASSWORD,
                                                 "confirm": NEW_PASSWORD}),
    "/account/email": ("/account/email", {"current": PASSWORD, "email": "moved@example.org"}),
    "/account/two-factor": ("/account/two-factor", {}),
    "/account/two-factor/recovery-codes": ("/account/two-factor/recovery-codes",
                                           {"current": PASSWORD}),
    "/account/two-factor/disable": ("/account/two-factor/disable", {"current": PASSWORD}),
    "/account/delete": ("/account/delete", {"current": PASSWORD}),
    "/admin/users/<int:user_id>/grant-staff": ("/admin/users/{target}/grant-staff", {}),
    "/admin/users/<int:user_id>/revoke-staff": ("/admin/users/{staff}/revoke-staff", {}),
    "/admin/public-name": ("/admin/public-name", {"named": "1"}),
    "/notifications/read": ("/notifications/read", {}),
    "/organisations/new": ("/organisations/new", {}),
    "/organisations/<int:org_id>/edit": ("/organisations/{org}/edit", {}),
    "/organisations/<int:org_id>/join": ("/organisations/{org}/join", {}),
    "/organisations/<int:org_id>/leave": ("/organisations/{org}/leave", {}),
    "/organisations/<int:org_id>/invite": ("/organisations/{org}/invite",
                                           {"email": "new@example.org", "role": "member"}),
    "/organisations/<int:org_id>/members/<int:membership_id>/accept": (
        "/organisations/{org}/members/{request}/accept", {"role": "member"}),
    "/organisations/<int:org_id>/members/<int:membership_id>/decline": (
        "/organisations/{org}/members/{request}/decline", {"reason": "No."}),
    "/organisations/<int:org_id>/members/<int:membership_id>/role": (
        "/organisations/{org}/members/{colleague}/role", {"role": "editor"}),
    "/organisations/<int:org_id>/members/<int:membership_id>/remove": (
        "/organisations/{org}/members/{colleague}/remove", {}),
    "/organisations/<int:org_id>/members/<int:membership_id>/transfer": (
        "/organisations/{org}/members/{colleague}/transfer", {}),
    "/organisations/invitations/<token>": ("/organisations/invitations/bad", {}),
    "/moderation/<type_key>/<int:item_id>/decide": (
        "/moderation/organisation/{pending}/decide", {"decision": "approve"}),
    "/moderation/<type_key>/<int:item_id>/claim": (
        "/moderation/organisation/{pending}/claim", {}),
    "/moderation/bulk": ("/moderation/bulk", {"decision": "approve",
                                              "items": "organisation:{pending}"}),
    "/moderation/<type_key>/<int:item_id>/reports/dismiss": (
        "/moderation/organisation/{org}/reports/dismiss", {}),
    "/moderation/<type_key>/<int:item_id>/reports/uphold": (
        "/moderation/organisation/{org}/reports/uphold", {"reason": "spam"}),
    "/moderation/<type_key>/<int:item_id>/report": (
        "/moderation/organisation/{org}/report", {"reason": "spam"}),
    "/directory/new": ("/directory/new", place_form(organisation="{org}", name="New school")),
    "/directory/<int:place_id>/edit": ("/directory/{place}/edit", place_form(name="Renamed")),
    "/directory/<int:place_id>/operating": ("/directory/{place}/operating",
                                            {"operating": "temporarily_closed"}),
    "/directory/<int:place_id>/photos": ("/directory/{place}/photos", {
        "photos": lambda: (io.BytesIO(png_bytes()), "b.png")}),
    "/directory/<int:place_id>/photos/<int:photo_id>/remove": (
        "/directory/{place}/photos/{photo}/remove", {}),
    "/directory/<int:place_id>/delete": ("/directory/{place}/delete", {}),
    "/competitions/<key>/<int:year>/enter": ("/competitions/best-scientist/2026/enter", {}),
    "/competitions/entries/<int:entry_id>/edit": ("/competitions/entries/{entry}/edit", {}),
    "/competitions/entries/<int:entry_id>/submit": ("/competitions/entries/{entry}/submit",
                                                    {}),
    "/competitions/entries/<int:entry_id>/withdraw": (
        "/competitions/entries/{entry}/withdraw", {}),
    "/competitions/entries/<int:entry_id>/files": ("/competitions/entries/{entry}/files", {}),
    "/competitions/entries/<int:entry_id>/files/<int:file_id>/remove": (
        "/competitions/entries/{entry}/files/1/remove", {}),
    "/competitions/judging/assignments/<int:assignment_id>/declare": (
        "/competitions/judging/assignments/{assignment}/declare", {}),
    "/competitions/judging/assignments/<int:assignment_id>/recuse": (
        "/competitions/judging/assignments/{assignment}/recuse", {"reason": "Friends"}),
    "/competitions/judging/assignments/<int:assignment_id>/scores": (
        "/competitions/judging/assignments/{assignment}/scores", {"action": "save"}),
    "/competitions/manage/new/<key>": ("/competitions/manage/new/best-school", {}),
    "/competitions/manage/<int:edition_id>/edit": ("/competitions/manage/{edition}/edit", {}),
    "/competitions/manage/<int:edition_id>/transition": (
        "/competitions/manage/{edition}/transition", {"to_state": "closed"}),
    "/competitions/manage/<int:edition_id>/judges": (
        "/competitions/manage/{edition}/judges", {"email": "member@example.org"}),
    "/competitions/manage/<int:edition_id>/judges/<int:judge_id>/remove": (
        "/competitions/manage/{edition}/judges/{judge}/remove", {}),
    "/competitions/manage/<int:edition_id>/assign": ("/competitions/manage/{judging}/assign",
                                                     {}),
    "/competitions/manage/<int:edition_id>/remind": ("/competitions/manage/{judging}/remind",
                                                     {}),
    "/competitions/manage/<int:edition_id>/commendations": (
        "/competitions/manage/{judging}/commendations", {}),
}
ACTORS = ("anonymous", "member", "owner", "staff", "admin")


def domain_scenarios() -> dict[str, dict]:
    """The scenarios that domains with their own actors keep beside their tests
    (`tests/<domain>/test_authorization_table.py`, each with SCENARIOS of the same shape)."""
    tables = {}
    for path in sorted(Path(__file__).parents[1].glob("*/test_authorization_table.py")):
        if path.parent.name == "core":
            continue
        module = importlib.import_module(f"tests.{path.parent.name}.test_authorization_table")
        tables[path.parent.name] = module.SCENARIOS
    return tables


def test_every_state_changing_route_declares_a_registered_action(app):
    undeclared = {rule.rule for rule in app.url_map.iter_rules()
                  if rule.methods & CHANGING and check_for(app, rule.endpoint) is None}
    assert not undeclared, "declare these routes' actions with @action and a Check"


def test_every_state_changing_route_has_a_scenario(app):
    changing = changing_rules(app)
    tables = [SCENARIOS, *domain_scenarios().values()]
    covered = set().union(*tables)
    assert not changing - covered, "add scenarios for these state-changing routes"
    assert not covered - changing, "these scenarios name routes that no longer exist"
    assert sum(map(len, tables)) == len(covered), "a route has scenarios in two modules"


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
                     "colleague": joined.id, "staff": people["staff"].id,
                     "reset": make_token(people["owner"], "reset"),
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


# Cells whose allowed actor is answered without an effect the scenario can show yet: the
# gate is checked (no sign-in bounce, no refusal), the action itself by the domain's tests.
ANSWERED = {
    "/account/confirm/resend": ALL_SIGNED_IN,  # every actor here is already confirmed
    "/account/login/code": ("anonymous",),  # needs the password step first (tests/accounts)
    "/account/two-factor": ("staff", "admin"),  # already enrolled: the page answers
    "/account/two-factor/disable": ALL_SIGNED_IN,  # members have none; staff must keep it
    "/account/two-factor/recovery-codes": ("member", "owner"),  # no two-factor: no codes
    "/competitions/<key>/<int:year>/enter": ALL_SIGNED_IN,  # tests/competitions/test_entries
    "/competitions/entries/<int:entry_id>/files": ("owner",),
    "/competitions/entries/<int:entry_id>/files/<int:file_id>/remove": ("owner",),
    "/competitions/judging/assignments/<int:assignment_id>/scores": ("owner",),
    "/competitions/manage/new/<key>": ("staff", "admin"),  # tests/competitions/test_editions
    "/competitions/manage/<int:edition_id>/edit": ("staff", "admin"),
    "/competitions/manage/<int:edition_id>/transition": ("staff", "admin"),
    "/directory/<int:place_id>/delete": ("owner",),
    "/moderation/<type_key>/<int:item_id>/report": ("owner",),  # one's own organisation
    "/notifications/read": ALL_SIGNED_IN,  # nobody here has a notice to mark
    "/organisations/new": ALL_SIGNED_IN,  # the form's fields: tests/organisations
    "/organisations/<int:org_id>/edit": ("owner",),
    "/organisations/<int:org_id>/join": ("owner",),  # already a member
    "/organisations/<int:org_id>/leave": ALL_SIGNED_IN,  # not members; the owner stays
    "/organisations/invitations/<token>": ALL_SIGNED_IN,  # a made-up token is refused
}


def world_state(app):
    """Everything an action can leave behind: every table's rows (audit records included)
    and the mail written."""
    db.session.expire_all()
    rows = {table.name: sorted(map(repr, db.session.execute(sa.select(table)).all()))
            for table in db.metadata.sorted_tables}
    mail = sorted(path.name for path in Path(app.config["MAIL_DIR"]).glob("*.eml"))
    return rows, mail


@pytest.mark.parametrize(("rule", "actor"), cells(SCENARIOS, ACTORS))
def test_route_answers_each_actor_as_its_check_says(app, client, auth, people, make_user, rule,
                                                  actor):
    if rule.startswith("/competitions/"):  # only these need editions, entries and a jury
        people["ids"].update(competition_ids(people, make_user))
    check_row(client, auth, people, rule, SCENARIOS[rule], actor, lambda: world_state(app),
              make_user=make_user, changes=actor not in ANSWERED.get(rule, ()))


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

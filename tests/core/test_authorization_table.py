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

import pyotp
import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.tokens import make_token
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.authz import check_for
from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.directory import queries
from diaspora_platform.directory import services as places
from diaspora_platform.extensions import db
from diaspora_platform.notifications.services import notify
from diaspora_platform.organisations import membership
from diaspora_platform.organisations.models import Organisation
from tests.authz import CHANGING, cells, changing_rules, check_row
from tests.conftest import PASSWORD, Mailbox
from tests.core.authz_competitions import (
    an_attachment,
    competition_ids,
    declared_no_conflict,
    edition_form,
)
from tests.fixtures_organisations import org_form, png_bytes
from tests.fixtures_places import place_data, place_form

pytestmark = [pytest.mark.outbox_only, pytest.mark.any_database]

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
    "/account/login/code": ("/account/login/code", {"code": "{code}"}, signed_in),
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
    "/organisations/new": ("/organisations/new", org_form(name="New association")),
    "/organisations/<int:org_id>/edit": ("/organisations/{org}/edit",
                                         org_form(name="Renamed association")),
    "/organisations/<int:org_id>/join": ("/organisations/{other}/join", {}),
    "/organisations/<int:org_id>/leave": ("/organisations/{other}/leave", {}),
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
    "/organisations/invitations/<token>": ("/organisations/invitations/{invitation}", {}),
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
        "/moderation/organisation/{other}/report", {"reason": "spam"}),
    "/directory/new": ("/directory/new", place_form(organisation="{org}", name="New school")),
    "/directory/<int:place_id>/edit": ("/directory/{place}/edit", place_form(name="Renamed")),
    "/directory/<int:place_id>/operating": ("/directory/{place}/operating",
                                            {"operating": "temporarily_closed"}),
    "/directory/<int:place_id>/photos": ("/directory/{place}/photos", {
        "photos": lambda: (io.BytesIO(png_bytes()), "b.png")}),
    "/directory/<int:place_id>/photos/<int:photo_id>/remove": (
        "/directory/{place}/photos/{photo}/remove", {}),
    "/directory/<int:place_id>/delete": ("/directory/{deletable}/delete", {}),
    "/competitions/<key>/<int:year>/enter": ("/competitions/best-scientist/2026/enter", {
        "entrant": "user:{me}", "title": "My other research", "statement": "Text"}),
    "/competitions/entries/<int:entry_id>/edit": ("/competitions/entries/{entry}/edit", {}),
    "/competitions/entries/<int:entry_id>/submit": ("/competitions/entries/{entry}/submit",
                                                    {}),
    "/competitions/entries/<int:entry_id>/withdraw": (
        "/competitions/entries/{entry}/withdraw", {}),
    "/competitions/entries/<int:entry_id>/files": ("/competitions/entries/{entry}/files", {
        "file": lambda: (io.BytesIO(png_bytes()), "c.png")}),
    "/competitions/entries/<int:entry_id>/files/<int:file_id>/remove": (
        "/competitions/entries/{entry}/files/{file}/remove", {}),
    "/competitions/judging/assignments/<int:assignment_id>/declare": (
        "/competitions/judging/assignments/{assignment}/declare", {}),
    "/competitions/judging/assignments/<int:assignment_id>/recuse": (
        "/competitions/judging/assignments/{assignment}/recuse", {"reason": "Friends"}),
    "/competitions/judging/assignments/<int:assignment_id>/scores": (
        "/competitions/judging/assignments/{assignment}/scores",
        {"action": "save", "score-{criterion}": "7"}),
    "/competitions/manage/new/<key>": ("/competitions/manage/new/best-school", edition_form()),
    "/competitions/manage/<int:edition_id>/edit": ("/competitions/manage/{draft_edition}/edit",
                                                   edition_form(eligibility="Every centre.")),
    "/competitions/manage/<int:edition_id>/transition": (
        "/competitions/manage/{draft_edition}/transition", {"to_state": "open"}),
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
    people["third"] = make_user(email="third@example.org")  # owns the "other" organisation
    request = membership.request_to_join(applicant, org, "Hello")
    joined = membership.request_to_join(colleague, org, None)
    membership.accept_request(people["owner"], joined, "member")
    place = places.create_place(people["owner"], org, place_data())
    places._add_photos(place, [FileStorage(io.BytesIO(png_bytes()), "a.png")])
    place.status = ModerationStatus.APPROVED
    draft = places.create_place(people["owner"], org, place_data(name="Never published"))
    db.session.commit()
    people["ids"] = {"target": people["owner"].id, "org": org.id, "request": request.id,
                     "place": place.id, "photo": queries.photos(place)[0].id,
                     "colleague": joined.id, "staff": people["staff"].id,
                     "reset": make_token(people["owner"], "reset"),
                     "pending": make_org(owner=applicant, approved=False, name="Other").id,
                     "draft": draft.id,
                     "other": make_org(owner=people["third"], name="Third").id}
    return people


# Cells whose allowed actor has no effect to show, and why (the answer is still checked:
# no sign-in bounce, no refusal).
ANSWERED = {
    # Enrolled already, and staff may not turn two-factor off: there is nothing to enrol.
    "/account/two-factor": ("staff", "admin"),
    # Staff must keep two-factor: the page says so and changes nothing (tests/accounts).
    "/account/two-factor/disable": ("staff", "admin"),
}


def _acting(actor) -> bool:
    """Whether this cell is an allowed actor's (a refused cell names several actors)."""
    return isinstance(actor, str) and actor != "anonymous"


def _unconfirmed(people, actor, app, client):
    if _acting(actor):
        people[actor].confirmed_at = None
        db.session.commit()


def _password_step_done(people, actor, app, client):
    """A staff member has given the password; the code is what is left."""
    staff = people["staff"]
    if actor == "anonymous":
        client.post("/account/login", data={"email": staff.email, "password": PASSWORD})
    return {"code": pyotp.TOTP(staff.totp_secret).now()}


def _with_two_factor(people, actor, app, client):
    if _acting(actor) and not people[actor].has_two_factor:
        people[actor].totp_secret = pyotp.random_base32()
        people[actor].totp_enabled_at = utcnow()
        db.session.commit()


def _a_notice(people, actor, app, client):
    if _acting(actor):
        notify(people[actor], "assistance.received", email=False, title="Visa")
        db.session.commit()


def _member_of_other(people, actor, app, client):
    if _acting(actor):
        other = db.session.get(Organisation, people["ids"]["other"])
        joined = membership.request_to_join(people[actor], other, None)
        membership.accept_request(people["third"], joined, "member")


def _invited(people, actor, app, client):
    if not _acting(actor):
        return {"invitation": "not-a-token"}
    other = db.session.get(Organisation, people["ids"]["other"])
    membership.invite(people["third"], other, people[actor].email, "member", "en")
    db.session.commit()  # the mail leaves through the outbox once the change is committed
    link = Mailbox.link(Mailbox(Path(app.config["MAIL_DIR"])).last(to=people[actor].email))
    return {"invitation": link.rstrip("/").rsplit("/", 1)[1]}


def _entrant(people, actor, app, client):
    return {"me": people[actor].id if _acting(actor) else 0}


def _never_published(people, actor, app, client):
    """Only a place that never became public can be deleted; the refused are tried on the
    published one (a draft is hidden from them: 404)."""
    return {"deletable": people["ids"]["draft" if _acting(actor) else "place"]}


# The state a route's action needs, given before each cell (a refused cell gets ids only).
PREPARE = {
    "/account/confirm/resend": _unconfirmed,
    "/account/login/code": _password_step_done,
    "/account/two-factor/disable": _with_two_factor,
    "/account/two-factor/recovery-codes": _with_two_factor,
    "/notifications/read": _a_notice,
    "/organisations/<int:org_id>/leave": _member_of_other,
    "/organisations/invitations/<token>": _invited,
    "/directory/<int:place_id>/delete": _never_published,
    "/competitions/<key>/<int:year>/enter": _entrant,
    "/competitions/entries/<int:entry_id>/files/<int:file_id>/remove": an_attachment,
    "/competitions/judging/assignments/<int:assignment_id>/scores": declared_no_conflict,
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
    if rule in PREPARE:
        people["ids"].update(PREPARE[rule](people, actor, app, client) or {})
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

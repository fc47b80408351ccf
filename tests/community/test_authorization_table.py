"""Authorization as a table: every state-changing route of news, resources, follows and the
notification centre, tried by each kind of actor; a refused actor changes nothing.

Actors: anonymous; member (signed in, no part in the object); owner (owner of the
organisation whose news or resource it is; the member whose notification or subscription
it is); staff; admin. Outcomes: "login", 403, 404, "ok" (the action ran).
"""

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.community.follows import services as follows
from diaspora_platform.community.follows.models import Follow
from diaspora_platform.community.follows.unsubscribe import make_token
from diaspora_platform.community.news.models import NewsItem
from diaspora_platform.community.resources.models import Resource
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.notifications import services as notifications
from diaspora_platform.notifications.models import Notification
from diaspora_platform.notifications.preferences import EmailPreference, set_preferences
from tests.authz import cells, changing_rules, check_row
from tests.community.conftest import news_form, resource_data

pytestmark = [pytest.mark.outbox_only, pytest.mark.any_database]

ACTORS = ("anonymous", "member", "owner", "staff", "admin")
SELF = {"anonymous": "login", "member": "ok", "owner": "ok", "staff": "ok", "admin": "ok"}
STAFF = {"anonymous": "login", "member": 403, "owner": 403, "staff": "ok", "admin": "ok"}
PUBLISHER = {"anonymous": "login", "member": 403, "owner": "ok", "staff": 403, "admin": 403}
MINE = {"anonymous": "login", "member": 404, "owner": "ok", "staff": 404, "admin": 404}
LINK = {"anonymous": "ok", "member": "ok", "owner": "ok", "staff": "ok", "admin": "ok"}

ORG_NEWS = {k: v for k, v in news_form(langs=("en",), title_en="Changed").items()
            if k != "category"} | {"category": "organisations"}
RESOURCE = resource_data(title="Changed title")

# rule -> (url, form data that makes the action run for someone allowed)
SCENARIOS = {
    "/news/new": ("/news/new", news_form()),
    "/news/organisations/<int:org_id>/new": (
        "/news/organisations/{org}/new", ORG_NEWS),
    "/news/<int:item_id>/edit": ("/news/{org_news}/edit", ORG_NEWS),
    "/news/<int:item_id>/pin": ("/news/{council_news}/pin", {"pinned": "1"}),
    "/news/<int:item_id>/withdraw": ("/news/{org_news}/withdraw", {}),
    "/resources/new": ("/resources/new", resource_data(kind="video",
                                                       url="https://v.example.org/1")),
    "/resources/organisations/<int:org_id>/new": (
        "/resources/organisations/{org}/new",
        resource_data(kind="video", url="https://v.example.org/2")),
    "/resources/<int:item_id>/edit": ("/resources/{org_resource}/edit",
                                      resource_data(title="Changed", kind="video",
                                                    url="https://v.example.org/3")),
    "/resources/<int:item_id>/withdraw": ("/resources/{org_resource}/withdraw", {}),
    "/follows/organisations/<int:org_id>": ("/follows/organisations/{other_org}", {}),
    "/follows/organisations/<int:org_id>/unfollow": (
        "/follows/organisations/{org}/unfollow", {}),
    "/follows/countries": ("/follows/countries", {"country": "KZ"}),
    "/follows/countries/<string:code>/unfollow": ("/follows/countries/RU/unfollow", {}),
    "/follows/email": ("/follows/email", {"digest": "y"}),
    "/follows/unsubscribe/<token>": ("/follows/unsubscribe/{token}", {}),
    "/notifications/<int:note_id>/read": ("/notifications/{note}/read", {}),
}


def test_every_state_changing_community_route_is_in_the_table(app):
    prefixes = ("news.", "resources.", "follows.", "notifications.")
    changing = changing_rules(app, *prefixes)
    changing.discard("/notifications/read")  # in the core table
    assert changing == set(SCENARIOS), "add new state-changing routes to SCENARIOS"


@pytest.fixture
def people(make_user, make_org, make_news, make_org_news, make_resource):
    people = {
        "owner": make_user(email="owner@example.org"),
        "member": make_user(email="member@example.org"),
        "staff": make_user(email="staff2@example.org", role=Role.STAFF),
        "admin": make_user(email="admin@example.org", role=Role.ADMIN),
    }
    org = make_org(owner=people["owner"])
    other_org = make_org(owner=people["member"], name="Other organisation")
    org_news = make_org_news(people["owner"], org)
    moderation.decide(people["admin"], org_news, "approve")
    org_resource = make_resource(org=org, user=people["owner"], file_bytes=None,
                                 kind="video", url="https://v.example.org/0")
    moderation.decide(people["admin"], org_resource, "approve")
    for actor in ("owner", "member", "staff", "admin"):
        follows.follow(people[actor], organisation=org)
        follows.follow(people[actor], country="RU")
    notifications.notify(people["owner"], "follows.news", link="/news/1", email=False,
                         source="x", title="y")
    set_preferences(people["owner"], {"digest": True})
    note = db.session.scalar(sa.select(Notification.id).where(
        Notification.kind == "follows.news", Notification.link == "/news/1"))
    people["ids"] = {"org": org.id, "other_org": other_org.id, "org_news": org_news.id,
                     "council_news": make_news().id, "org_resource": org_resource.id,
                     "note": note, "token": make_token(people["owner"], "digest")}
    return people


def _state():
    db.session.expire_all()
    return (
        db.session.execute(sa.select(NewsItem.id, NewsItem.status, NewsItem.pinned,
                                     NewsItem.title).order_by(NewsItem.id)).all(),
        db.session.execute(sa.select(Resource.id, Resource.status, Resource.title)
                           .order_by(Resource.id)).all(),
        db.session.execute(sa.select(Follow.user_id, Follow.organisation_id, Follow.country)
                           .order_by(Follow.id)).all(),
        db.session.execute(sa.select(EmailPreference.user_id, EmailPreference.digest,
                                     EmailPreference.news)
                           .order_by(EmailPreference.user_id)).all(),
        db.session.execute(sa.select(Notification.id, Notification.read_at)
                           .where(Notification.kind == "follows.news",
                                  Notification.link == "/news/1")).all(),
    )


@pytest.mark.parametrize(("rule", "actor"), cells(SCENARIOS, ACTORS))
def test_route_answers_each_actor_as_its_check_says(client, auth, people, make_user, rule,
                                                  actor):
    check_row(client, auth, people, rule, SCENARIOS[rule], actor, _state,
              make_user=make_user)

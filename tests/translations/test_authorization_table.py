"""Authorization as a table for community translation: proposing needs a confirmed
account; accepting and declining belong to the text's owner (organisation news: its
editors; Council news: staff). A refused actor changes nothing.

Outcomes: "login", 403, 404, "ok" (the action ran or its form answered)."""

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.models import Role
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.translations import services
from diaspora_platform.translations.models import TranslationProposal
from tests.authz import changing_rules, check_row

pytestmark = pytest.mark.outbox_only

ACTORS = ("anonymous", "member", "owner", "staff")
ANY_MEMBER = {"anonymous": "login", "member": "ok", "owner": "ok", "staff": "ok"}
OWNER = {"anonymous": "login", "member": "ok", "owner": "ok", "staff": "ok"}
TG = {"title": "Сарлавҳа", "body": "Матн."}

# rule -> (url, form data, expected outcome per actor). Refusals answer with a message and
# a redirect (the proposal stays pending), so the state check tells who may decide.
TABLE = {
    "/translations/propose/<key>/<int:object_id>/<lang>": (
        "/translations/propose/news/{org_news}/tg", TG, ANY_MEMBER),
    "/translations/<int:proposal_id>/accept": (
        "/translations/{proposal}/accept",
        {"p{proposal}-title": "Сарлавҳа", "p{proposal}-body": "Матн."}, OWNER),
    "/translations/<int:proposal_id>/decline": (
        "/translations/{proposal}/decline", {}, OWNER),
}
DECIDES = {"anonymous": False, "member": False, "owner": True, "staff": False}


def test_every_state_changing_translation_route_is_in_the_table(app):
    assert changing_rules(app, "translations.") == set(TABLE)


@pytest.fixture
def people(make_user, make_org, make_org_news):
    people = {
        "owner": make_user(email="owner@example.org"),
        "member": make_user(email="member@example.org"),
        "staff": make_user(email="staff2@example.org", role=Role.STAFF),
    }
    org = make_org(owner=people["owner"])
    news = make_org_news(people["owner"], org)
    moderation.decide(make_user(role=Role.ADMIN), news, "approve")
    translator = make_user(email="translator@example.org")
    proposal = services.propose_translation(translator, "news", news.id, "ru",
                                            {"title": "Заголовок", "body": "Текст."})
    people["ids"] = {"org_news": news.id, "proposal": proposal.id}
    return people


def _state():
    db.session.expire_all()
    return db.session.execute(sa.select(TranslationProposal.id, TranslationProposal.status,
                                        TranslationProposal.language)
                              .order_by(TranslationProposal.id)).all()


@pytest.mark.parametrize("rule", sorted(TABLE))
@pytest.mark.parametrize("actor", ACTORS)
def test_translation_route_authorization(client, auth, people, rule, actor):
    url, data, expected = TABLE[rule]
    ids = people["ids"]
    row = (url, {key.format(**ids): value for key, value in data.items()}, expected)
    deciding = rule != "/translations/propose/<key>/<int:object_id>/<lang>"
    changes = DECIDES[actor] if deciding else actor != "anonymous"
    before = _state()
    check_row(client, auth, people, row, actor, _state, changes=False)
    assert (_state() != before) == changes

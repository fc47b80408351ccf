"""Authorization generated from the declared checks for community translation: proposing
needs a confirmed account; accepting and declining belong to the text's owner
(organisation news: its editors; Council news: staff). An allowed actor passes only if the
proposal is added or decided; a refused one changes nothing."""

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.translations import services
from diaspora_platform.translations.models import TranslationProposal
from tests.authz import cells, changing_rules, check_row

pytestmark = [pytest.mark.outbox_only, pytest.mark.any_database]

ACTORS = ("anonymous", "member", "owner", "staff")
TG = {"title": "Сарлавҳа", "body": "Матн."}

# rule -> (url, form data that makes the action run for someone allowed). Who may act is
# declared in diaspora_platform/translations/authz.py: any signed-in member proposes; only
# the text's owner (here an organisation's owner) decides, others are sent back with a
# message and the proposal stays pending.
SCENARIOS = {
    "/translations/propose/<key>/<int:object_id>/<lang>": (
        "/translations/propose/news/{org_news}/tg", TG),
    "/translations/<int:proposal_id>/accept": (
        "/translations/{proposal}/accept",
        {"p{proposal}-title": "Сарлавҳа", "p{proposal}-body": "Матн."}),
    "/translations/<int:proposal_id>/decline": ("/translations/{proposal}/decline", {}),
}


def test_every_state_changing_translation_route_is_in_the_table(app):
    assert changing_rules(app, "translations.") == set(SCENARIOS)


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


@pytest.mark.parametrize(("rule", "actor"), cells(SCENARIOS, ACTORS))
def test_route_answers_each_actor_as_its_check_says(client, auth, people, make_user, rule,
                                                  actor):
    check_row(client, auth, people, rule, SCENARIOS[rule], actor, _state,
              make_user=make_user)

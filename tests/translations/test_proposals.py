"""A member proposes a missing language version of a public text; its owner accepts (as is
or corrected) or declines it; the accepted version is shown, its translator credited, and
every step is in the audit log."""

import sqlalchemy as sa

from diaspora_platform.audit import AuditEntry
from diaspora_platform.community.news.models import NewsItem
from diaspora_platform.database import ModerationStatus
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.translations.models import TranslationProposal

TG = {"title": "Рӯзи Истиқлолият", "body": "Шӯро ҳамватанонро ба ҷашн даъват мекунад."}


def _actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def _propose(client, item_id, lang="tg", key="news", **texts):
    return client.post(f"/translations/propose/{key}/{item_id}/{lang}",
                       data=texts or TG)


def test_reader_without_their_language_sees_the_note_and_a_link_to_translate(
        client, make_news):
    item = make_news(langs=("en",))
    client.set_cookie("lang", "tg")
    page = client.get(f"/news/{item.id}").get_data(as_text=True)
    assert "Join us on Independence Day" in page
    assert "content-note" in page
    assert f"/translations/propose/news/{item.id}/tg" in page


def test_proposal_accepted_by_staff_is_shown_and_credited(client, auth, make_news, staff,
                                                          proposer):
    item = make_news(langs=("en",))
    auth.login_as(proposer)
    response = _propose(client, item.id)
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/news/{item.id}")
    proposal = db.session.scalar(sa.select(TranslationProposal))
    assert proposal.status == "pending" and proposal.texts == TG
    auth.logout()
    auth.login_as(staff)
    inbox = client.get("/translations/").get_data(as_text=True)
    assert TG["title"] in inbox and "Farzona Translator" in inbox
    client.post(f"/translations/{proposal.id}/accept",
                data={f"p{proposal.id}-title": TG["title"], f"p{proposal.id}-body": TG["body"]})
    db.session.expire_all()
    assert db.session.get(NewsItem, item.id).title_tg == TG["title"]
    auth.logout()
    client.set_cookie("lang", "tg")
    page = client.get(f"/news/{item.id}").get_data(as_text=True)
    assert TG["title"] in page and "content-note" not in page
    assert "Farzona Translator" in page
    assert _actions()[-2:] == ["translation.proposed", "translation.accepted"]


def test_owner_corrects_a_translation_before_accepting_it(make_news, staff, proposer):
    from diaspora_platform.translations import services

    item = make_news(langs=("en",))
    proposal = services.propose_translation(proposer, "news", item.id, "ru",
                                            {"title": "Днь независимости", "body": "Текст."})
    services.accept_translation(staff, proposal, {"title": "День независимости",
                                                  "body": "Текст."})
    assert item.versions("title") == {"en": "Join us on Independence Day",
                                      "ru": "День независимости"}
    audit = db.session.scalar(sa.select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert audit.action == "translation.accepted" and '"edited": true' in audit.details


def test_declined_proposal_changes_nothing(client, auth, make_news, staff, proposer):
    item = make_news(langs=("en",))
    auth.login_as(proposer)
    _propose(client, item.id)
    proposal = db.session.scalar(sa.select(TranslationProposal))
    auth.logout()
    auth.login_as(staff)
    client.post(f"/translations/{proposal.id}/decline")
    db.session.expire_all()
    assert db.session.get(TranslationProposal, proposal.id).status == "declined"
    assert db.session.get(NewsItem, item.id).text_languages == ["en"]
    assert "translation.declined" in _actions()


def test_accepted_translation_of_organisation_news_goes_back_to_review(
        make_user, make_org, make_org_news, proposer):
    from diaspora_platform.accounts.vocabulary import Role
    from diaspora_platform.translations import services

    owner = make_user(email="owner@example.org")
    org = make_org(owner=owner)
    item = make_org_news(owner, org)
    moderation.decide(make_user(role=Role.ADMIN), item, "approve")
    proposal = services.propose_translation(proposer, "news", item.id, "tg", TG)
    services.accept_translation(owner, proposal)
    assert item.status == ModerationStatus.PENDING
    assert item.title_tg == TG["title"] and item.title_en  # nothing already saved is lost


def test_empty_proposal_is_refused_with_a_message(client, auth, make_news, proposer):
    item = make_news(langs=("en",))
    auth.login_as(proposer)
    response = _propose(client, item.id, title="  ", body="")
    assert response.status_code == 200
    assert "The proposal is empty" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(TranslationProposal.id))) == 0


def test_partial_proposal_is_refused(client, auth, make_news, proposer):
    item = make_news(langs=("en",))
    auth.login_as(proposer)
    response = _propose(client, item.id, title="Танҳо сарлавҳа", body="")
    assert "Translate every part" in response.get_data(as_text=True)


def test_proposal_for_a_language_the_text_has_is_turned_away(client, auth, make_news,
                                                             proposer):
    item = make_news(langs=("en", "ru"))
    auth.login_as(proposer)
    response = client.get(f"/translations/propose/news/{item.id}/ru")
    assert response.status_code == 302
    response = _propose(client, item.id, lang="ru")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(TranslationProposal.id))) == 0


def test_proposal_for_an_item_removed_meanwhile_gets_a_message(client, auth, make_news,
                                                               proposer):
    item = make_news(langs=("en",))
    auth.login_as(proposer)
    assert client.get(f"/translations/propose/news/{item.id}/tg").status_code == 200
    db.session.delete(item)
    db.session.commit()
    response = _propose(client, item.id)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "no longer on the site" in page


def test_accepting_a_proposal_whose_item_was_removed_says_so(client, auth, make_news, staff,
                                                             proposer):
    from diaspora_platform.translations import services

    item = make_news(langs=("en",))
    proposal = services.propose_translation(proposer, "news", item.id, "tg", TG)
    db.session.delete(item)
    db.session.commit()
    auth.login_as(staff)
    assert f"proposal-{proposal.id}" in client.get("/translations/").get_data(as_text=True)
    response = client.post(f"/translations/{proposal.id}/accept", follow_redirects=True)
    assert response.status_code == 200
    assert "no longer on the site" in response.get_data(as_text=True)
    client.post(f"/translations/{proposal.id}/decline")
    assert db.session.get(TranslationProposal, proposal.id).status == "declined"


def test_unknown_type_or_language_is_not_found(client, auth, make_news, proposer):
    item = make_news(langs=("en",))
    auth.login_as(proposer)
    assert client.get(f"/translations/propose/nothing/{item.id}/tg").status_code == 404
    assert client.get(f"/translations/propose/news/{item.id}/xx").status_code == 404
    assert client.get("/translations/propose/news/999999/tg").status_code == 404


def test_statistics_show_the_share_of_texts_in_three_languages(client, make_news):
    make_news()
    make_news(langs=("en",))
    client.set_cookie("lang", "en")
    page = client.get("/statistics").get_data(as_text=True)
    assert "texts available in all three languages" in page
    assert "1 of 2 public texts" in page


def test_moderation_sees_every_language_version(client, auth, make_user, make_org,
                                                make_org_news):
    from diaspora_platform.accounts.vocabulary import Role
    from tests.community.conftest import TEXTS

    owner = make_user(email="owner@example.org")
    make_org_news(owner, make_org(owner=owner), langs=("ru", "en"))
    auth.login_as(make_user(role=Role.ADMIN))
    page = client.get("/moderation/").get_data(as_text=True)
    for lang in ("ru", "en"):
        assert TEXTS[lang][0] in page and TEXTS[lang][1] in page

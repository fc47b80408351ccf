"""The inbox of proposed translations: the database chooses the proposals a member may
decide (whatever lies before them), a page costs the same number of statements however
many proposals it shows, and long inboxes are paged by cursor."""

import re

import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.translations import queries
from diaspora_platform.translations.models import TranslationProposal

TG = {"title": "Наврӯз", "body": "Матн."}


def _pending(key: str, object_id: int, proposer, count: int = 1, lang: str = "tg",
             texts=None) -> None:
    db.session.add_all([TranslationProposal(
        content_type=key, object_id=object_id, language=lang, texts=texts or TG,
        proposer_id=proposer.id) for _ in range(count)])
    db.session.commit()


def _statements(client, url: str) -> int:
    seen = []

    def count(*args):
        seen.append(args[2])

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def test_an_owner_finds_their_proposal_behind_hundreds_for_others(
        client, auth, make_user, make_org, make_news, proposer):
    owner = make_user(email="owner@example.org")
    org = make_org(owner=owner, name="Ravzana", description="Cultural association.")
    council = make_news(langs=("en",))
    _pending("news", council.id, proposer, count=210)  # staff decide on these
    _pending("organisation", org.id, proposer, texts={"name": "Равзана",
                                                      "description": "Ассотсиатсияи фарҳангӣ."})
    auth.login_as(owner)
    page = client.get("/translations/").get_data(as_text=True)
    assert page.count('class="card card-body mb-3 translation-proposal"') == 1
    assert "Ассотсиатсияи фарҳангӣ." in page
    auth.logout()
    auth.login_as(make_user(email="stranger@example.org"))
    assert "translation-proposal\"" not in client.get("/translations/").get_data(as_text=True)


def test_a_page_costs_the_same_statements_for_few_and_many_proposals(
        client, auth, make_user, make_org, make_news, make_resource, staff, proposer):
    items = [make_news(langs=("en",)) for _ in range(3)]
    resource = make_resource(title="Alifbo", language="en")
    auth.login_as(staff)
    _pending("news", items[0].id, proposer)
    _pending("resource", resource.id, proposer, texts={"title": "Алифбо",
                                                       "description": "Барои кӯдакон."})
    client.get("/translations/")  # warm what a first request reads once
    few = _statements(client, "/translations/")
    for item in items:
        _pending("news", item.id, proposer, count=5)
    _pending("resource", resource.id, proposer, count=5,
             texts={"title": "Алифбо", "description": "Барои кӯдакон."})
    many = _statements(client, "/translations/")
    assert few == many, "statements grow with the proposals shown (N+1)"


def test_the_inbox_pages_by_cursor_and_filters_by_kind_and_language(
        client, auth, make_news, make_resource, staff, proposer):
    item = make_news(langs=("en",))
    resource = make_resource(title="Alifbo", language="en")
    _pending("news", item.id, proposer, count=23)
    _pending("news", item.id, proposer, count=2, lang="ru")
    _pending("resource", resource.id, proposer, texts={"title": "Алифбо",
                                                       "description": "Барои кӯдакон."})
    auth.login_as(staff)
    first = client.get("/translations/").get_data(as_text=True)
    ids = re.findall(r'id="proposal-(\d+)"', first)
    assert len(ids) == queries.INBOX_PAGE
    after = re.search(r'rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    second = re.findall(r'id="proposal-(\d+)"', client.get(after).get_data(as_text=True))
    assert len(second) == 26 - queries.INBOX_PAGE and not set(second) & set(ids)
    russian = client.get("/translations/?language=ru").get_data(as_text=True)
    assert len(re.findall(r'id="proposal-(\d+)"', russian)) == 2
    only = client.get("/translations/?type=resource").get_data(as_text=True)
    assert len(re.findall(r'id="proposal-(\d+)"', only)) == 1 and "Алифбо" in only
    assert client.get("/translations/?type=nonsense&language=xx").status_code == 200

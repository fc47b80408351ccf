"""Fund campaigns in search: found in every language and script once they leave the
draft, following their edits and their project's title, never holding a pledger's name
or the amount of a pledge."""

import json
import re

import pytest

from diaspora_platform.extensions import db
from diaspora_platform.fund import campaigns
from diaspora_platform.moderation import services as moderation
from diaspora_platform.projects import services as projects
from diaspora_platform.search import indexing, service
from tests.fund.conftest import campaign_data
from tests.projects.conftest import project_data


def found(text, **kwargs) -> list[str]:
    return [hit.url for hit in service.search(text, **kwargs).hits]


@pytest.mark.parametrize("query", [
    "Khatlon school", "maktab", "Мактаб Хатлон", "мактаби", "школа", "Хатлон", "TJS",
])
def test_a_public_campaign_is_found_in_every_language_and_script(make_campaign, query):
    campaign = make_campaign()  # "Мактаб дар Хатлон" / "Школа в Хатлоне" / "A school ..."
    assert found(query) == [f"/fund/{campaign.id}"]


def test_a_draft_is_found_by_nobody_until_it_opens(make_campaign, staff):
    draft = make_campaign(status="draft", title_tg="Оби тоза барои Рашт",
                          title_ru="Чистая вода для Рашта", title_en="Clean water for Rasht")
    assert found("Rasht") == [] and found("Рашт", staff=True) == []
    campaigns.transition_campaign(staff, draft, "open", "draft")
    assert found("Rasht") == found("Рашт") == [f"/fund/{draft.id}"]


def test_closed_and_completed_campaigns_stay_findable(make_campaign):
    closed = make_campaign(status="closed", title_en="Roads of Pamir")
    done = make_campaign(status="completed", title_en="Bridges of Pamir")
    assert sorted(found("Pamir")) == sorted([f"/fund/{closed.id}", f"/fund/{done.id}"])


def test_edits_reach_the_index(make_campaign, staff):
    campaign = make_campaign()
    campaigns.save_campaign(staff, campaign_data(
        title_en="A hospital in Kulob", title_tg="Беморхона дар Кӯлоб",
        title_ru="Больница в Кулябе",
        description_en="Beds and **oxygen**."), campaign)
    assert found("Khatlon") == []
    assert found("Kulob") == found("Кулоб") == found("oxygen") == [f"/fund/{campaign.id}"]


def test_the_linked_projects_title_finds_the_campaign_and_follows_it(
        make_campaign, make_user, make_org, staff):
    owner = make_user()
    project = projects.create_project(owner, make_org(owner=owner),
                                      project_data(title="Обёрии қатрагӣ"))
    moderation.decide(staff, project, "approve")
    campaign = make_campaign(project_id=str(project.id))
    assert f"/fund/{campaign.id}" in found("qatragi", type_key="campaign")
    project.title = "Боғи себ"
    db.session.commit()
    assert found("qatragi", type_key="campaign") == []
    assert found("себ", type_key="campaign") == [f"/fund/{campaign.id}"]


def test_pledgers_and_their_amounts_are_never_in_the_index(make_campaign, make_pledge,
                                                            make_user):
    campaign = make_campaign()
    make_pledge(campaign, user=make_user(display_name="Farrukh Pledgerov"), amount="777",
                message="For my village Vanj")
    assert found("Pledgerov") == found("Vanj") == found("777") == []
    doc = indexing.documents_for(db.session, {("campaign", campaign.id)})
    text = json.dumps(doc, ensure_ascii=False)
    assert "Pledgerov" not in text and "777" not in text and "Vanj" not in text


@pytest.mark.parametrize("lang, badge, title", [
    ("tg", "Маъракаи Фонд", "Мактаб дар Хатлон"),
    ("ru", "Кампания Фонда", "Школа в Хатлоне"),
    ("en", "Fund campaign", "A school in Khatlon"),
])
def test_the_search_page_shows_the_campaign_in_the_readers_language(
        make_campaign, client, lang, badge, title):
    campaign = make_campaign()
    page = client.get("/search?q=Khatlon", headers={"Accept-Language": lang})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and f'href="/{lang}/fund/{campaign.id}"' in html
    text = re.sub(r"<[^>]+>", "", html)  # the match is highlighted
    assert title in text
    assert badge in text  # the kind, translated
    only = client.get("/search?q=Khatlon&type=campaign").get_data(as_text=True)
    assert f'href="/en/fund/{campaign.id}"' in only


def test_the_index_verifies_with_campaigns_of_every_status(make_campaign, runner):
    for status in ("draft", "open", "closed", "completed"):
        make_campaign(status=status)
    assert indexing.verify().ok
    assert runner.invoke(args=["search", "verify"]).exit_code == 0
    result = runner.invoke(args=["search", "reindex"])
    assert "Indexed 3 documents" in result.output and indexing.verify().ok

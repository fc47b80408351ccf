"""A project's page shows the Fund's public campaigns raising money for it, with their
figures and a way to pledge; drafts stay off it."""

import re

import pytest

from diaspora_platform.moderation import services as moderation
from diaspora_platform.projects import services as projects
from tests.fund.conftest import confirm
from tests.projects.conftest import project_data


@pytest.fixture
def project(make_user, make_org, staff):
    owner = make_user(display_name="Project Owner")
    org = make_org(owner=owner, name="Боғҳои Восеъ")
    project = projects.create_project(owner, org, project_data(title="Обёрии қатрагӣ"))
    moderation.decide(staff, project, "approve")
    return project


def test_the_project_page_shows_its_open_campaign_with_what_was_received(
        client, project, make_campaign, make_pledge):
    campaign = make_campaign(project_id=str(project.id), target="2000")
    make_pledge(campaign, amount="500")
    make_pledge(campaign, amount="300")
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "Fund campaigns for this project" in page
    assert f'href="/en/fund/{campaign.id}"' in page
    assert "A school in Khatlon" in page
    assert f'href="/en/fund/{campaign.id}/pledge"' in page
    assert "2 contributors" in page


def test_received_money_shows_and_a_closed_campaign_has_no_pledge_button(
        client, project, make_campaign, make_pledge, staff):
    campaign = make_campaign(project_id=str(project.id), target="2000")
    confirm(staff, make_pledge(campaign, amount="500"))
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    received = re.findall(r'data-fund-figure="received">([^<]+)<', page)
    assert len(received) == 1 and "500" in received[0] and "TJS" in received[0]
    closed = make_campaign(status="closed", project_id=str(project.id), title_en="Closed one")
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "Closed one" in page
    assert f'href="/en/fund/{closed.id}/pledge"' not in page
    assert f'href="/en/fund/{campaign.id}/pledge"' in page
    # open campaigns come first
    assert page.index("A school in Khatlon") < page.index("Closed one")


def test_drafts_and_other_projects_campaigns_stay_off_the_page(client, project,
                                                              make_campaign):
    make_campaign(status="draft", project_id=str(project.id), title_en="Still a draft")
    make_campaign(title_en="Unrelated appeal")
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "Still a draft" not in page
    assert "Unrelated appeal" not in page
    assert "Fund campaigns for this project" not in page

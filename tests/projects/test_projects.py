"""Publishing projects: who may, what is checked, review after edits, the listing."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import utcnow
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.organisations import membership
from diaspora_platform.projects import services
from diaspora_platform.projects.models import Project
from diaspora_platform.projects.queries import today
from diaspora_platform.search import registry as search_registry
from tests.experts import helpers
from tests.paging import link, walk
from tests.projects.conftest import project_data, project_form


def test_an_editor_of_a_verified_organisation_publishes_a_project_for_review(
        make_user, make_org):
    owner, editor = make_user(), make_user()
    org = make_org(owner=owner)
    joined = membership.request_to_join(editor, org, None)
    membership.accept_request(owner, joined, "editor")
    project = services.create_project(editor, org, project_data())
    assert project.status == S.PENDING
    assert [(n.skill, n.experts_needed, n.hours) for n in project.skills] == [
        ("irrigation", 1, 80), ("project_finance", 2, 40)]
    assert project.budget_minor == 25_000_000 and project.budget_currency == "USD"
    assert str(project.budget) == "250000.00"


def test_budget_is_kept_in_minor_units_of_its_currency(make_user, make_org):
    owner = make_user()
    org = make_org(owner=owner)
    project = services.create_project(owner, org, project_data(budget_amount="1500",
                                                               budget_currency="JPY"))
    assert project.budget_minor == 1500 and str(project.budget) == "1500"


@pytest.mark.parametrize("approved, role", [(False, "owner"), (True, "member")])
def test_unverified_organisations_and_plain_members_cannot_publish(make_user, make_org,
                                                                    approved, role):
    owner, member = make_user(), make_user()
    org = make_org(owner=owner, approved=approved)
    if approved:
        joined = membership.request_to_join(member, org, None)
        membership.accept_request(owner, joined, "member")
    with pytest.raises(NotAllowed):
        services.create_project(owner if role == "owner" else member, org, project_data())


def test_staff_publish_as_the_council_members_cannot(make_user, staff):
    project = services.create_project(staff, None, project_data())
    assert project.organisation_id is None and project.can_manage(staff)
    with pytest.raises(NotAllowed):
        services.create_project(make_user(), None, project_data())


@pytest.mark.parametrize("change, message", [
    ({"skills": [{"skill": "basket_weaving", "experts_needed": 1, "hours": 1}]},
     "Unknown skill"),
    ({"skills": [{"skill": "gis", "experts_needed": 1, "hours": None}] * 2}, "once"),
    ({"skills": []}, "at least one skill"),
    ({"skills": [{"skill": "gis", "experts_needed": 99, "hours": None}]}, "Between 1 and 50"),
    ({"region": "tashkent"}, "region"),
    ({"sector": "space"}, "sector"),
    ({"stage": "dream"}, "stage"),
    ({"offers_until": today() - timedelta(days=1)}, "deadline"),
    ({"budget_amount": "-5"}, "budget"),
    ({"budget_amount": "100", "budget_currency": "XXX"}, "currency"),
])
def test_bad_project_input_is_refused_with_a_message(make_user, make_org, change, message):
    owner = make_user()
    org = make_org(owner=owner)
    with pytest.raises(DomainError) as refused:
        services.create_project(owner, org, project_data(**change))
    assert message.lower() in refused.value.message.lower()


def test_the_form_keeps_the_input_and_explains_an_unknown_skill(client, auth, make_user,
                                                                 make_org):
    owner = make_user()
    org = make_org(owner=owner)
    auth.login_as(owner)
    form = project_form(organisation=str(org.id))
    form["skills-0-skill"] = "basket_weaving"
    response = client.post("/projects/new", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Drip irrigation for the orchards of Vose" in page
    assert "Unknown skill: choose skills from the list." in page
    assert db.session.scalar(sa.select(sa.func.count(Project.id))) == 0


def test_changing_the_title_of_an_approved_project_sends_it_back_to_review(
        make_project, make_user):
    owner = make_user()
    project = make_project(owner=owner)
    assert services.update_project(owner, project, project_data(stage="financing")) == "saved"
    assert project.status == S.APPROVED
    outcome = services.update_project(owner, project, project_data(
        stage="financing", title="Drip irrigation, phase two"))
    assert outcome == "review" and project.status == S.PENDING


def test_a_skill_with_accepted_experts_cannot_be_removed_or_reduced(
        make_project, make_user, make_expert, make_offer):
    from diaspora_platform.projects import offers

    owner = make_user()
    project = make_project(owner=owner)
    offers.accept_offer(owner, make_offer(make_expert(), project))
    only_finance = project_data(skills=[{"skill": "project_finance", "experts_needed": 2,
                                         "hours": 40}])
    with pytest.raises(DomainError, match="accepted experts"):
        services.update_project(owner, project, only_finance)
    db.session.rollback()
    more = project_data(skills=[{"skill": "irrigation", "experts_needed": 3, "hours": 80}])
    services.update_project(owner, project, more)
    assert [(n.skill, n.experts_needed, n.accepted) for n in project.skills] == [
        ("irrigation", 3, 1)]


def test_listing_filters_by_sector_region_stage_skill_and_open(client, make_project,
                                                               make_user):
    owner = make_user()
    make_project(owner=owner)
    make_project(owner=owner, title="Solar school roofs", sector="energy", region="gbao",
                 stage="idea", skills=[{"skill": "solar_energy", "experts_needed": 1,
                                        "hours": 10}])
    closed = make_project(owner=owner, title="Closed cannery")
    services.set_open(owner, closed, False)
    pending = make_project(owner=owner, approved=False, title="Secret plan")
    assert pending.status == S.PENDING

    def titles(query=""):
        page = client.get(f"/projects/?{query}").get_data(as_text=True)
        return {t for t in ("Drip irrigation", "Solar school roofs", "Closed cannery",
                            "Secret plan") if t in page}

    assert titles() == {"Drip irrigation", "Solar school roofs", "Closed cannery"}
    assert titles("sector=energy") == {"Solar school roofs"}
    assert titles("region=khatlon") == {"Drip irrigation", "Closed cannery"}
    assert titles("stage=idea") == {"Solar school roofs"}
    assert titles("skill=irrigation") == {"Drip irrigation", "Closed cannery"}
    assert titles("open=1") == {"Drip irrigation", "Solar school roofs"}
    assert titles("sector=nonsense&page=-3") == titles()


def test_a_project_past_its_deadline_is_not_open_for_offers(make_project, make_user):
    project = make_project(owner=make_user())
    assert project.is_open_for_offers(today())
    project.offers_until = today() - timedelta(days=1)
    assert not project.is_open_for_offers(today())


def test_the_search_document_never_holds_contacts(make_project, make_user):
    project = make_project(owner=make_user())
    document = search_registry.get("project").document(project)
    text = " ".join([*document.title.values(), *document.body.values(), document.keywords])
    assert "nigina" not in text.lower() and "555" not in text
    assert "Khatlon" in document.keywords and "Irrigation" in document.keywords
    project.status = S.REJECTED
    assert search_registry.get("project").document(project) is None


def test_staff_approve_a_project_through_the_moderation_queue(make_user, make_org, staff,
                                                              mailbox):
    owner = make_user(locale="ru")
    org = make_org(owner=owner)
    project = services.create_project(owner, org, project_data())
    moderation.decide(staff, project, "approve")
    assert project.status == S.APPROVED
    assert "Drip irrigation" in mailbox.last(owner.email).get_content()


def test_the_organisation_page_partial_lists_its_public_projects(app, make_project,
                                                                make_user):
    from flask import render_template_string

    owner = make_user()
    project = make_project(owner=owner)
    make_project(owner=owner, org=project.organisation, approved=False, title="Unpublished")
    with app.test_request_context():
        html = render_template_string('{% include "projects/_org_projects.html" %}',
                                      org=project.organisation)
    assert "Drip irrigation" in html and "Unpublished" not in html


def test_staff_publish_as_the_council_through_the_form(client, auth, staff):
    auth.login_as(staff)
    response = client.post("/projects/new", data=project_form(organisation=""))
    assert response.status_code == 302
    project = db.session.scalar(sa.select(Project))
    assert project.organisation_id is None and project.status == S.PENDING


def test_listing_pages_hold_every_project_once_in_each_sort(client):
    start = utcnow()
    names = [f"Project {i:02d}" for i in range(45)]
    for i, name in enumerate(names):
        helpers.make_project(title=name, days_left=10 + i // 2,
                             published=start + timedelta(minutes=i // 3))
    helpers.make_project(title="Project 99", sector="energy")
    for sort, expected in (("newest", names[::-1]), ("deadline", names), ("title", names)):
        pages = walk(client, f"/projects/?sector=engineering&sort={sort}")
        found = [n for page in pages for n in re.findall(r"Project \d\d", page)]
        assert len(pages) == 3 and found == expected, sort
        back = client.get(link(pages[-1], "prev")).get_data(as_text=True)
        assert re.findall(r"Project \d\d", back) == expected[20:40], sort

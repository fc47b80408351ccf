"""The expert's pages: creating and editing the profile through the form, the dashboard
with suggested projects and their reasons, offers and the weekly email, and the suggested
experts on a project's page."""

from datetime import timedelta

from flask import render_template_string

from diaspora_platform.database import utcnow
from diaspora_platform.experts.models import profile_of
from diaspora_platform.extensions import db
from diaspora_platform.projects.models import Offer
from tests.experts.helpers import make_profile, make_project


def form(**overrides):
    data = {"headline": "Hydrologist", "skills": ["hydrology", "gis"],
            "keywords": "QGIS, drip irrigation", "sectors": ["engineering"],
            "years_experience": "12", "languages": ["tg", "ru"], "hours_per_month": "20",
            "mode": "both", "travel_countries": ["DE"], "cv": "Canals.",
            "link": "https://example.org/cv", "visibility": "members"}
    data.update(overrides)
    return data


def test_a_member_creates_their_profile_through_the_form(client, auth, make_user):
    user = make_user()
    auth.login_as(user)
    page = client.get("/experts/me").get_data(as_text=True)
    assert "Offer your expertise" in page and 'value="hydrology"' in page
    assert "Information technology" in page  # the skills are grouped by sector
    response = client.post("/experts/me", data=form())
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/experts/dashboard")
    profile = profile_of(user)
    assert profile.skills == ["hydrology", "gis"] and profile.travel_countries == ["DE"]
    page = client.get("/experts/me").get_data(as_text=True)
    assert "Edit my expert profile" in page and 'value="Hydrologist"' in page


def test_an_unknown_skill_is_refused_clearly_and_the_input_kept(client, auth, make_user):
    user = make_user()
    auth.login_as(user)
    response = client.post("/experts/me", data=form(skills=["gis", "astrology"],
                                                    headline="Kept headline"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Unknown skill: astrology." in html and 'value="Kept headline"' in html
    assert profile_of(user) is None


def test_other_bad_input_rerenders_with_messages(client, auth, make_user):
    auth.login_as(make_user())
    html = client.post("/experts/me", data=form(skills=[], languages=[], hours_per_month="900",
                                                link="javascript:alert(1)")).get_data(
        as_text=True)
    assert "Choose at least one skill." in html
    assert "Choose at least one language you work in." in html
    assert "Enter a number between 0 and 200." in html
    assert "Enter a full web address starting with https://" in html


def test_unconfirmed_members_are_asked_to_confirm_first(client, auth, make_user):
    auth.login_as(make_user(confirmed=False))
    assert client.get("/experts/me").status_code == 302


def test_the_dashboard_without_a_profile_invites_to_create_one(client, auth, make_user):
    auth.login_as(make_user())
    html = client.get("/experts/dashboard").get_data(as_text=True)
    assert "You have no expert profile yet." in html


def test_the_dashboard_shows_suggested_projects_with_reasons(client, auth, make_user,
                                                             make_org):
    user = make_user()
    make_profile(user, skills=("hydrology", "gis"), languages=["tg", "ru"],
                 hours_per_month=20)
    org = make_org()
    make_project(org, title="Vakhsh canal", skills=(("hydrology", 20), ("gis", 10),
                                                   ("project_finance", 10)))
    offered = make_project(org, title="Offered already", skills=(("gis", 10),))
    make_project(org, title="Hospital wing", skills=(("surgery", 10),))
    db.session.add(Offer(project_id=offered.id, expert_id=user.id, hours_per_month=10,
                         mode="remote", expires_at=utcnow() + timedelta(days=14)))
    db.session.commit()
    auth.login_as(user)
    html = client.get("/experts/dashboard").get_data(as_text=True)
    assert "Vakhsh canal" in html and "Hospital wing" not in html
    assert "2 of 3 needed skills: Hydrology, GIS and mapping" in html
    assert "speaks Tajik and Russian" in html and "20 h/month" in html
    assert "My offers" in html and "Offered already" in html
    for lang in ("tg", "ru"):
        assert client.get("/experts/dashboard",
                          headers={"Accept-Language": lang}).status_code == 200


def test_the_weekly_email_switch(client, auth, make_user):
    user = make_user()
    profile = make_profile(user)
    auth.login_as(user)
    response = client.post("/experts/dashboard/weekly-email", data={"weekly_email": "y"})
    assert response.status_code == 302
    db.session.refresh(profile)
    assert profile.weekly_email and profile.weekly_sent_at is not None
    client.post("/experts/dashboard/weekly-email", data={})
    db.session.refresh(profile)
    assert not profile.weekly_email


def test_the_expert_deletes_their_profile(client, auth, make_user):
    user = make_user()
    profile = make_profile(user)
    auth.login_as(user)
    page = client.get(f"/experts/{profile.id}").get_data(as_text=True)
    assert "data-confirm" in page and "Delete profile" in page
    assert client.post("/experts/me/delete").status_code == 302
    assert profile_of(user) is None


def test_the_project_page_partial_shows_suggestions_to_the_owner_only(app, make_user,
                                                                      make_org):
    from flask_login import login_user, logout_user

    owner = make_user()
    project = make_project(make_org(owner=owner), skills=(("hydrology", 20),))
    make_profile(make_user(display_name="Rustam Hydro"), skills=("hydrology",))
    template = '{% include "experts/_suggested_experts.html" %}'
    with app.test_request_context(headers={"Accept-Language": "en"}):
        login_user(owner)
        html = render_template_string(template, project=project)
        assert "Suggested experts" in html and "Rustam Hydro" in html
        assert "1 of 1 needed skill: Hydrology" in html
        logout_user()
        login_user(make_user())
        assert "Suggested experts" not in render_template_string(template, project=project)

"""Fixtures for project and offer tests: projects published through the real service and
approved by staff, experts with a profile."""

from __future__ import annotations

from datetime import timedelta

import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.moderation import services as moderation
from diaspora_platform.projects import offers, services
from diaspora_platform.projects.queries import today
from tests.experts.helpers import make_profile


def project_data(**overrides) -> dict:
    """A project as the service receives it."""
    data = {"title": "Drip irrigation for the orchards of Vose", "sector": "agriculture",
            "region": "khatlon", "town": "Восеъ", "stage": "feasibility",
            "budget_amount": "250000.00", "budget_currency": "USD",
            "offers_until": today() + timedelta(days=30),
            "description": "Bring **drip irrigation** to 120 ha of apricot orchards.",
            "contact_name": "Нигина Саидова", "contact_email": "nigina@orchards.example",
            "contact_phone": "+992 93 555 12 34",
            "skills": [{"skill": "irrigation", "experts_needed": 1, "hours": 80},
                       {"skill": "project_finance", "experts_needed": 2, "hours": 40}]}
    data.update(overrides)
    return data


def project_form(**overrides) -> dict:
    """The same project as a browser posts it."""
    data = project_data(**overrides)
    form = {k: ("" if v is None else v) for k, v in data.items() if k != "skills"}
    form["offers_until"] = data["offers_until"].isoformat()
    for n, row in enumerate(data["skills"]):
        form[f"skills-{n}-skill"] = row["skill"]
        form[f"skills-{n}-experts_needed"] = str(row["experts_needed"])
        form[f"skills-{n}-hours"] = "" if row["hours"] is None else str(row["hours"])
    return form


def offer_data(**overrides) -> dict:
    data = {"skills": ["irrigation"], "hours_per_month": 20, "mode": "both",
            "message": "I designed drip systems for orchards in Sughd for ten years."}
    data.update(overrides)
    return data


@pytest.fixture
def staff(make_user):
    return make_user(email="staff@example.org", role=Role.STAFF, display_name="Council Staff")


@pytest.fixture
def make_project(make_org, make_user, staff):
    """A project of an approved organisation, approved by staff unless asked not to."""
    def make(owner=None, org=None, approved=True, **overrides):
        if org is None:
            owner = owner or make_user(display_name="Project Owner")
            org = make_org(owner=owner, name=f"Org of {owner.display_name}")
        project = services.create_project(owner, org, project_data(**overrides))
        if approved:
            moderation.decide(staff, project, "approve")
        return project

    return make


@pytest.fixture
def make_expert(make_user):
    def make(skills=("irrigation", "project_finance"), **fields):
        user = make_user(display_name=fields.pop("display_name", "Expert"),
                         **({"email": fields.pop("email")} if "email" in fields else {}))
        make_profile(user, skills=skills, sectors=["agriculture"], **fields)
        return user

    return make


@pytest.fixture
def make_offer():
    def make(expert, project, **overrides):
        return offers.make_offer(expert, project, offer_data(**overrides))

    return make

"""Helpers shared by the expert and matching tests: profiles and projects made directly
(the services' own rules are tested in test_experts*)."""

from __future__ import annotations

from datetime import timedelta

from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.experts.models import ExpertProfile
from diaspora_platform.extensions import db
from diaspora_platform.projects.models import Project, ProjectSkill
from diaspora_platform.projects.queries import today


def profile_data(**overrides) -> dict:
    """What the profile form sends, as the service receives it."""
    data = {"headline": "Hydrologist, irrigation projects in Central Asia",
            "skills": ["hydrology", "gis", "irrigation"], "keywords": "drip irrigation, QGIS",
            "sectors": ["engineering", "agriculture"], "years_experience": 12,
            "languages": ["tg", "ru", "en"], "hours_per_month": 20, "mode": "both",
            "travel_countries": ["DE"], "cv": "Worked on **Vakhsh** valley canals.",
            "link": "https://example.org/cv", "visibility": "members", "weekly_email": False}
    data.update(overrides)
    return data


def make_profile(user, skills=("hydrology",), visibility="public", **fields) -> ExpertProfile:
    defaults = {"headline": f"Expert {user.id}", "sectors": ["engineering"],
                "languages": ["tg", "ru"], "hours_per_month": 20, "mode": "both",
                "years_experience": 5}
    defaults.update(fields)
    profile = ExpertProfile(user_id=user.id, visibility=visibility)
    for key, value in defaults.items():
        setattr(profile, key, value)
    profile.set_skills(skills)
    db.session.add(profile)
    db.session.commit()
    return profile


def make_project(org=None, skills=(("hydrology", 20),), sector="engineering",
                 status=ModerationStatus.APPROVED, creator=None, days_left=30,
                 published=None, **fields) -> Project:
    project = Project(
        organisation_id=org.id if org else None, title=fields.pop("title", "Canal of Vakhsh"),
        sector=sector, region="khatlon", town="Bokhtar", stage="feasibility",
        offers_until=today() + timedelta(days=days_left), description="Rebuild a canal.",
        contact_name="Owner", contact_email="owner@example.org", status=status,
        reviewed_at=published or utcnow(), created_by_id=creator.id if creator else None,
        **fields)
    for position, (skill, hours) in enumerate(skills):
        project.skills.append(ProjectSkill(skill=skill, hours=hours, position=position,
                                           experts_needed=1))
    db.session.add(project)
    db.session.commit()
    return project

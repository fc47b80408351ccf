"""The expert profile in "download my data", and deleted with the account."""

from __future__ import annotations

from diaspora_platform.accounts import personal_data
from diaspora_platform.experts.models import profile_of
from diaspora_platform.extensions import db


def export(user) -> dict | None:
    profile = profile_of(user)
    if profile is None:
        return None
    return {
        "id": profile.id, "headline": profile.headline, "skills": profile.skills,
        "keywords": profile.keyword_list, "sectors": profile.sectors,
        "years_experience": profile.years_experience, "languages": profile.languages,
        "hours_per_month": profile.hours_per_month, "mode": profile.mode,
        "travel_countries": profile.travel_countries, "cv": profile.cv,
        "link": profile.link, "visibility": profile.visibility,
        "weekly_email": profile.weekly_email,
        "created_at": profile.created_at.isoformat(),
        "updated_at": profile.updated_at.isoformat(),
    }


def erase(user) -> None:
    """The profile is about the person: nothing of it stays once the account is deleted."""
    profile = profile_of(user)
    if profile is not None:
        db.session.delete(profile)


personal_data.register("expert_profile", export, erase)

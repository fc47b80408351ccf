"""Helpers for event tests: events made through the service and approved by staff."""

from __future__ import annotations

import itertools
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.community.events import services
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation

_numbers = itertools.count(1)


def event_data(**overrides) -> dict:
    """What the service receives: a Navruz celebration in Paris in a week (UTC times)."""
    start = (utcnow() + timedelta(days=7)).replace(hour=15, minute=0, second=0, microsecond=0)
    data = {"kind": "celebration", "title": "Navruz in Paris",
            "description": "Sumanak, **music** and dances for the whole family.",
            "starts_at": start, "ends_at": start + timedelta(hours=4),
            "timezone": "Europe/Paris", "is_online": False, "online_url": "",
            "place_id": "", "address": "12 rue de la Paix", "city": "Paris", "country": "FR",
            "languages": ["tg", "fr"], "audience": "families", "capacity": 2,
            "registration_deadline": None}
    data.update(overrides)
    return data


def form_post(**overrides) -> dict:
    """The same, as a browser posts it (times in the event's zone, datetime-local)."""
    data = event_data(**overrides)
    post = {k: ("" if v is None else v) for k, v in data.items()}
    for key in ("starts_at", "ends_at", "registration_deadline"):
        if data.get(key):
            post[key] = data[key].astimezone(ZoneInfo(data["timezone"])).strftime(
                "%Y-%m-%dT%H:%M")
    post["capacity"] = "" if data["capacity"] is None else str(data["capacity"])
    if not data["is_online"]:
        post.pop("is_online")
    else:
        post["is_online"] = "y"
    return post


@pytest.fixture
def staff(make_user):
    return make_user(email="staff.events@example.org", role=Role.STAFF)


@pytest.fixture
def make_event(make_org, make_user, staff):
    """An event of a new organisation (or `org`), approved unless approved=False."""
    def make(org=None, approved=True, **overrides):
        org = org or make_org(name=f"Organisers {next(_numbers)}")
        owner = org_owner(org)
        event = services.create_event(owner, org, event_data(**overrides))
        if approved:
            moderation.decide(staff, event, "approve")
        return event

    return make


def org_owner(org):
    from diaspora_platform.accounts.models import User

    return db.session.get(User, org.created_by_id)

"""Places for directory tests: listed through the real service, approved by staff."""

import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.directory import services
from diaspora_platform.moderation import services as moderation


def place_data(**overrides):
    data = {"kind": "school", "variant": "weekend", "name": "Мактаби Рӯдакӣ",
            "address": "ул. Тверская 1", "city": "Москва", "country": "RU",
            "latitude": 55.7558, "longitude": 37.6173, "languages": ["tg", "ru"],
            "audiences": ["children"], "age_min": 6, "age_max": 14,
            "schedule": "Saturdays 10:00-13:00", "is_free": True, "fee_amount": None,
            "fee_currency": None, "fee_period": None, "capacity": 40,
            "contact_email": "school@example.org", "contact_phone": "+7 495 123 45 67",
            "website": "https://school.example", "description": "Tajik for **children**."}
    data.update(overrides)
    return data


def place_form(**overrides):
    """The same place as a browser would post it."""
    data = place_data(**overrides)
    form = {k: ("" if v is None else v) for k, v in data.items()}
    form["is_free"] = "y" if data["is_free"] else ""
    if not form["is_free"]:
        del form["is_free"]
    return form


@pytest.fixture
def staff(make_user):
    return make_user(email="staff@example.org", role=Role.STAFF)


@pytest.fixture
def make_place(make_org, make_user, staff):
    def make(org=None, approved=True, **overrides):
        org = org or make_org()
        owner = next(m.user for m in _active(org))
        place = services.create_place(owner, org, place_data(**overrides))
        if approved:
            moderation.decide(staff, place, "approve")
        return place

    return make


def _active(org):
    import sqlalchemy as sa

    from diaspora_platform.extensions import db
    from diaspora_platform.organisations.models import Membership

    return db.session.scalars(sa.select(Membership).where(
        Membership.organisation_id == org.id, Membership.role == "owner"))

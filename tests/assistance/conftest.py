"""Helpers for assistance request tests: approved places, requests made through the
service, staff members and the form a member sends."""

import itertools

import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.assistance import services
from diaspora_platform.database import ModerationStatus
from diaspora_platform.directory.models import Place
from diaspora_platform.extensions import db

_tokens = itertools.count(1)


def request_data(**overrides) -> dict:
    """What the service receives (as the form gives it)."""
    data = {"client_token": f"token-{next(_tokens):08d}", "organisation_id": "",
            "kind": "school", "title": "Weekend Tajik school in Lyon", "country": "FR",
            "city": "Lyon", "people": 40, "needs": ["premises", "materials"],
            "description": "Tajik lessons on Saturdays for **children** of the diaspora.",
            "timeline": "September 2026", "contact_name": "Madina Yusupova",
            "contact_email": "madina@example.org", "contact_phone": "+33 6 12 34 56 78"}
    data.update(overrides)
    return data


def form_post(**overrides) -> dict:
    """The same, as a browser posts it."""
    data = request_data(**overrides)
    return {**{k: ("" if v is None else v) for k, v in data.items()},
            "people": str(data["people"])}


@pytest.fixture
def make_request(make_user):
    def make(requester=None, **overrides):
        requester = requester or make_user()
        req, _created = services.submit_request(requester, request_data(**overrides))
        return req

    return make


@pytest.fixture
def make_staff(make_user):
    counter = itertools.count(1)

    def make(**fields):
        n = next(counter)
        fields.setdefault("display_name", f"Staff {n}")
        return make_user(email=fields.pop("email", f"staff{n}@example.org"), role=Role.STAFF,
                         **fields)

    return make


@pytest.fixture
def make_place(make_org):
    def make(org=None, approved=True, **fields):
        org = org or make_org(name=f"Place owner {next(_tokens)}")
        values = {"kind": "school", "variant": "weekend", "name": "École tadjike de Lyon",
                  "city": "Lyon", "country": "FR"}
        values.update(fields)
        place = Place(organisation_id=org.id, **values)
        place.status = ModerationStatus.APPROVED if approved else ModerationStatus.PENDING
        db.session.add(place)
        db.session.commit()
        return place

    return make

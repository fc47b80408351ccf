"""Helpers for the map and statistics tests: members with a chosen visibility, places."""

import pytest

from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.directory.models import Place
from diaspora_platform.extensions import db


@pytest.fixture
def make_member(make_user):
    def make(country="DE", country_visibility="public", **fields):
        visibility = {"country": country_visibility, "city": "private",
                      "diaspora_status": "private", "region_of_origin": "private"}
        return make_user(country=country, visibility=visibility, **fields)

    return make


@pytest.fixture
def make_members(make_member):
    def make(n, country="DE", **fields):
        return [make_member(country=country, **fields) for _ in range(n)]

    return make


@pytest.fixture
def make_place(make_org):
    def make(org=None, approved=True, **fields):
        org = org or make_org()
        values = {"kind": "school", "variant": "weekend", "name": "Maktab", "city": "Berlin",
                  "country": org.country, "operating": "open"}
        values.update(fields)
        place = Place(organisation=org, **values)
        if approved:
            place.status = ModerationStatus.APPROVED
            place.reviewed_at = utcnow()
        db.session.add(place)
        db.session.commit()
        return place

    return make

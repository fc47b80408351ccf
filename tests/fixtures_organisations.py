"""Helpers for organisation tests."""

import io

import pytest
from PIL import Image

from diaspora_platform.database import ModerationStatus
from diaspora_platform.extensions import db
from diaspora_platform.organisations import services


def org_data(**overrides):
    data = {"name": "Ravzana", "name_tg": "", "name_ru": "", "name_en": "",
            "kind": "association", "country": "FR", "city": "Paris", "founded_year": 2016,
            "description": "Cultural association of Tajiks in **France**.",
            "languages": ["tg", "fr"], "website": "https://ravzana.example",
            "contact_email": "info@ravzana.example", "contact_phone": "+33 1 23 45 67 89",
            "social_links": "https://facebook.example/ravzana"}
    data.update(overrides)
    return data


def png_bytes(size=(64, 64), fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (11, 107, 58)).save(out, fmt)
    return out.getvalue()


@pytest.fixture
def make_org(make_user):
    def make(owner=None, approved=True, **overrides):
        owner = owner or make_user()
        org = services.register_organisation(owner, org_data(**overrides))
        if approved:
            org.status = ModerationStatus.APPROVED
            db.session.commit()
        return org

    return make


def org_form(**overrides) -> dict:
    """What the organisation form posts for org_data."""
    data = org_data(**overrides)
    langs = data.pop("languages")
    return {**{k: ("" if v is None else v) for k, v in data.items()}, "languages": langs}


@pytest.fixture
def form_data():
    return org_form

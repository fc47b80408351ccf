"""A small official network for help requests: an office in Russia and one in Kazakhstan,
each with an account of its staff, a partner organisation with verified legal help."""

from __future__ import annotations

import secrets
from types import SimpleNamespace

import pytest

from diaspora_platform.accounts.models import AnonymousUser
from diaspora_platform.helpdesk import services
from diaspora_platform.helpdesk.channels import SENT
from diaspora_platform.official import services as official
from diaspora_platform.official.accounts import grant_office_account
from diaspora_platform.official.models import OrganisationHelp
from tests.official.conftest import office_data

STORY = "Работодатель в Казани не платит зарплату три месяца."


@pytest.fixture
def world(app, staff, make_user, make_org):
    moscow = official.create_office(staff, office_data(city="Moscow"))
    astana = official.create_office(staff, office_data(
        country="KZ", city="Astana", name_en="Embassy in Astana", kind="embassy"))
    people = SimpleNamespace(staff=staff, moscow=moscow, astana=astana)
    people.officer = make_user(email="officer@example.org", two_factor=True)
    people.other_officer = make_user(email="kz-officer@example.org", two_factor=True)
    grant_office_account(staff, moscow, people.officer.email)
    grant_office_account(staff, astana, people.other_officer.email)
    people.partner_owner = make_user(email="partner@example.org")
    people.partner = make_org(owner=people.partner_owner)
    official.declare_help(people.partner_owner, people.partner, ["legal"])
    official.verify_help(staff, OrganisationHelp.query.filter_by(
        organisation_id=people.partner.id).one())
    people.member = make_user(email="member@example.org")
    return people


def filing(**overrides) -> services.Filing:
    data = {"client_token": secrets.token_urlsafe(24), "category": "unpaid_wages",
            "country": "RU", "city": "Kazan", "name": "Фаррух Назаров",
            "phone": "+7 (917) 000-00-00", "story": STORY, "language": "ru"}
    data.update(overrides)
    return services.Filing(**data)


@pytest.fixture
def file_request(app):
    def file(**overrides):
        return services.file_request(AnonymousUser(), filing(**overrides))

    return file


@pytest.fixture
def sent(app):
    """What the development text-message gateway accepted."""
    return app.extensions.setdefault(SENT, [])
